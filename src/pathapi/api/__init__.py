"""The HTTP API: a thin Flask layer over the delivery layer, plus a WSGI fast lane."""
