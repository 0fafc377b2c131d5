"""Run the API on granian, the WSGI server our benchmark chose (bench/README.md)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from granian import Granian
from granian.constants import Interfaces

from pathapi import prefork
from pathapi.store.git import ContentRepository

WSGI_TARGET = "pathapi.wsgi:load"
RESPAWN_INTERVAL = 1.0  # seconds old and new worker overlap when a new version goes live


def serve(repo: Path, host: str, port: int, workers: int, threads: int = 4, poll: float | None = None,
          report: Callable[[Any], None] | None = None) -> int:
    """Serve REPO's live version with WORKERS processes; blocks until interrupted; the exit status.

    Answers at once ("starting"), builds the live version once in this process and lets the
    workers inherit it (pathapi.prefork). REPORT is called with None when serving, or with
    the SnapshotRejected error when the live version fails validation (then the server stops).
    """
    ContentRepository(repo)  # RepositoryError before taking the port: not a git repository
    poll = poll if poll is not None else float(os.environ.get("PATHAPI_POLL") or 0)
    responder = prefork.StartingResponder(host, port)
    try:
        status = prefork.build(str(repo), poll, report or (lambda _result: None))
    finally:
        responder.stop()
    if status:
        return status
    os.environ["PATHAPI_REPO"] = str(repo)  # as before, for anything a worker reads from PATHAPI_*
    server = Granian(
        WSGI_TARGET,
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        backlog=2048,
        respawn_failed_workers=True,
        respawn_interval=RESPAWN_INTERVAL,
        factory=True,
    )
    server.on_startup(prefork.follow)
    server.serve()
    return 0


def serve_dev(repo: Path, host: str, port: int) -> None:
    """Flask's development server with the reloader, for working on pathapi itself."""
    from pathapi.api.app import create_app

    create_app({"REPO": str(repo)}).run(host=host, port=port, debug=True, use_reloader=True)
