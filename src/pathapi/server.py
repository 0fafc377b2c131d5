"""Run the API on granian, the WSGI server our benchmark chose (bench/README.md)."""

from __future__ import annotations

import os
from pathlib import Path

from granian import Granian
from granian.constants import Interfaces

WSGI_TARGET = "pathapi.wsgi:app"


def serve(repo: Path, host: str, port: int, workers: int, threads: int = 4, poll: float | None = None) -> None:
    """Serve REPO's live version with WORKERS processes; blocks until interrupted."""
    os.environ["PATHAPI_REPO"] = str(repo)  # workers import pathapi.wsgi and read these
    if poll is not None:
        os.environ["PATHAPI_POLL"] = str(poll)
    Granian(
        WSGI_TARGET,
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        backlog=2048,
        respawn_failed_workers=True,
    ).serve()


def serve_dev(repo: Path, host: str, port: int) -> None:
    """Flask's development server with the reloader, for working on pathapi itself."""
    from pathapi.api.app import create_app

    create_app({"REPO": str(repo)}).run(host=host, port=port, debug=True, use_reloader=True)
