"""What a running app holds: the live edition and settings derived once at start."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request

from pathapi.api.reads import ReadRequest
from pathapi.delivery.edition import Live

EXTENSION = "pathapi"


@dataclass(frozen=True)
class Runtime:
    """The live edition and the Cache-Control value for live responses."""

    live: Live
    max_age: int

    def cache_control(self) -> str:
        """Cache-Control for live public responses."""
        return f"public, max-age={self.max_age}"


def runtime() -> Runtime:
    """The Runtime of the current Flask app."""
    value: Runtime = current_app.extensions[EXTENSION]
    return value


def read_request() -> ReadRequest:
    """The parts of the current Flask request a read depends on."""
    return ReadRequest(
        request.query_string.decode("latin-1"),
        request.headers.get("Accept-Language"),
        request.headers.get("If-None-Match"),
    )
