"""The live local studio: a working tree served as it is saved, reloading the browser on change."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, redirect

from pathapi.api.config import from_environment
from pathapi.content.sources import find_root
from pathapi.studio.views import register
from pathapi.studio.working_tree import WorkingTree


def create_live_app(directory: Path) -> Flask:
    """A studio app over the working tree under DIRECTORY (uncommitted files included)."""
    app = Flask(__name__)
    source = WorkingTree(find_root(directory), from_environment().get("BRANCH"))
    source.check()
    register(app, source, token=None)

    @app.get("/")
    def home() -> Response:
        return redirect("/studio/", 302)  # type: ignore[return-value]

    return app


def serve_live(directory: Path, host: str, port: int) -> None:
    """Serve the live studio until interrupted (threaded: the event stream holds a connection)."""
    from werkzeug.serving import run_simple

    run_simple(host, port, create_live_app(directory), threaded=True, use_reloader=False)
