"""Run the API on granian, the WSGI server our benchmark chose (bench/README.md)."""

from __future__ import annotations

import errno
import math
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from granian import _signals as granian_signals
from granian._granian import WorkerSignal
from granian.constants import Interfaces

from pathapi.serving import prefork, shutdown
from pathapi.serving.rolling import Server
from pathapi.store.git import ContentRepository

WSGI_TARGET = "pathapi.serving.wsgi:load"
RESPAWN_INTERVAL = 1.0  # seconds old and new worker overlap when a new version goes live


class PortTaken(Exception):
    """Another process already listens on the address: two servers would answer at random."""

    def __init__(self, address: str) -> None:
        super().__init__(
            f"{address} is already in use by another process; stop it or choose another --port "
            "(--reuse-port shares the port on purpose)"
        )
        self.address = address


def serve(
    repo: Path,
    host: str,
    port: int,
    workers: int,
    threads: int = 4,
    poll: float | None = None,
    report: Callable[[Any], None] | None = None,
    reuse_port: bool = False,
) -> int:
    """Serve REPO's live version with WORKERS processes; blocks until interrupted; the exit status.

    Answers at once ("starting"), builds the live version once in this process and lets the
    workers inherit it (pathapi.serving.prefork). REPORT is called with None when serving, or with
    the SnapshotRejected error when the live version fails validation (then the server stops).
    A port another process listens on is refused (PortTaken) unless REUSE_PORT asks to share it.
    On SIGTERM each worker drains, then stops; all within PATHAPI_SHUTDOWN_GRACE s (pathapi.serving.shutdown).
    """
    ContentRepository(repo)  # RepositoryError before taking the port: not a git repository
    poll = poll if poll is not None else float(os.environ.get("PATHAPI_POLL") or 0)
    grace = shutdown.setting("SHUTDOWN_GRACE", shutdown.GRACE_DEFAULT)
    shutdown.setting("SHUTDOWN_DRAIN", shutdown.DRAIN_DEFAULT)  # a bad value stops the start, not the stop
    try:
        responder = prefork.StartingResponder(host, port, reuse_port)
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            raise
        raise PortTaken(f"{host}:{port}") from None
    try:
        status = prefork.build(str(repo), poll, report or (lambda _result: None), workers)
    finally:
        responder.stop()
    if status:
        return status
    os.environ["PATHAPI_REPO"] = str(repo)  # as before, for anything a worker reads from PATHAPI_*
    signal.signal(shutdown.LEAVE, signal.SIG_IGN)  # meant for workers; one forked a moment ago ignores it
    server = Server(
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
        workers_kill_timeout=max(1, math.ceil(grace)),
    )
    granian_signals.set_sync_signals = shutdown.worker_signals(WorkerSignal)
    server.on_startup(prefork.follow)
    server.serve()
    return 0


def serve_dev(repo: Path, host: str, port: int) -> None:
    """Flask's development server with the reloader, for working on pathapi itself."""
    from pathapi.api.app import create_app

    create_app({"REPO": str(repo)}).run(host=host, port=port, debug=True, use_reloader=True)
