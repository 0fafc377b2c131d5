"""What a running app holds: the read service, the follower and the webhook secret."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from pathapi.delivery.follower import Follower
from pathapi.delivery.service import ReadService

EXTENSION = "pathapi"


@dataclass(frozen=True)
class Runtime:
    """Everything a request may need beyond the request itself."""

    service: ReadService
    follower: Follower
    webhook_secret: str | None


def runtime() -> Runtime:
    """The Runtime of the current Flask app."""
    value: Runtime = current_app.extensions[EXTENSION]
    return value
