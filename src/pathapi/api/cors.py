"""CORS for a public read-only API: any origin may GET; preflights are answered for a day.

Every Reply carries CORS_HEADERS (pathapi.api.replies, pathapi.api.problems), so the fast lane
sets them too; whatever Flask answers otherwise gets them here.
"""

from __future__ import annotations

from flask import Flask, Response, request

from pathapi.api.runtime import runtime

CORS_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", "ETag, Content-Version, Content-Language, Link, X-Request-Id"),
)
PREFLIGHT_HEADERS = (
    ("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS"),
    ("Access-Control-Allow-Headers", "Accept-Language, If-None-Match, If-Modified-Since, Authorization, X-Request-Id"),
    ("Access-Control-Max-Age", "86400"),
)


def _decorate(response: Response) -> Response:
    """Add CORS and Content-Version headers where a view did not set them."""
    for name, value in CORS_HEADERS:
        response.headers.setdefault(name, value)
    if request.method == "OPTIONS":
        for name, value in PREFLIGHT_HEADERS:
            response.headers.setdefault(name, value)
        if response.status_code == 200 and not response.get_data():
            response.status_code = 204  # a preflight answer has no body
            del response.headers["Content-Type"]
    response.headers.setdefault("Content-Version", runtime().service.library.state.edition.version)
    return response


def register_cors(app: Flask) -> None:
    """Apply CORS headers to every Flask response."""
    app.after_request(_decorate)
