"""WSGI entry point for production servers: ``pathapi.wsgi:app`` (settings from PATHAPI_*)."""

from __future__ import annotations

from pathapi.api.app import create_app

app = create_app()
