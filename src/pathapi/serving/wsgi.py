"""WSGI entry points: ``pathapi.serving.wsgi:app`` for any server, ``:load`` (a factory) for granian."""

from __future__ import annotations

from typing import Any

from pathapi.serving.prefork import SHARED


def load() -> Any:
    """The app of a granian worker: inherited from the parent that built it (see pathapi.serving.prefork)."""
    return SHARED.application()


def __getattr__(name: str) -> Any:
    """``app``, built on first use (settings from PATHAPI_*): importing this module stays cheap."""
    if name == "app":
        from pathapi.api.app import create_app

        globals()["app"] = application = create_app()
        return application
    raise AttributeError(name)
