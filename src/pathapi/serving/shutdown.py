"""Graceful stop: on SIGTERM a worker drains (readiness 503, ``Connection: close``), then granian stops it.

``pathapi serve`` runs granian, whose workers stop on SIGTERM by closing their listener and
their idle keep-alive connections at once: a request a client is sending on such a
connection at that moment is lost. Here a worker that gets SIGTERM first *drains* for
``PATHAPI_SHUTDOWN_DRAIN`` seconds: it keeps answering, every answer says
``Connection: close`` (so keep-alive clients, nginx included, open their next connection
elsewhere) and ``/health/ready`` answers 503 (so load balancers stop sending). Then granian's
own graceful stop runs: no new connections, idle ones closed, requests in flight finished.
The server's process stops its workers and exits within ``PATHAPI_SHUTDOWN_GRACE`` seconds;
a worker still busy then is killed.

A worker replaced by a fresh one (pathapi.serving.rolling) gets ``LEAVE`` instead: it drains the same
way, but its readiness stays 200 (the server is not stopping, only this process goes).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from typing import Any

DRAIN_DEFAULT = 1.0  # seconds a stopping worker keeps answering with Connection: close
GRACE_DEFAULT = 8  # seconds from SIGTERM to exit at most (below `docker stop`'s 10 s)

LEAVE = signal.SIGUSR1  # to a worker replaced by a fresh one: drain, stay ready, then stop
_DRAINING = threading.Event()  # per process: each worker drains on its own SIGTERM
_LEAVING = threading.Event()  # per process: this worker was replaced and goes once drained
STOPPING = threading.Event()  # in the server's own process: a stop signal arrived (pathapi.serving.rolling)


def stopping() -> bool:
    """Whether the server (its own process) was asked to stop: no worker may be replaced any more."""
    return STOPPING.is_set()


def draining() -> bool:
    """Whether this process is stopping (SIGTERM received): readiness fails, connections close."""
    return _DRAINING.is_set()


def begin_drain() -> None:
    """Mark this process as draining."""
    _DRAINING.set()


def leaving() -> bool:
    """Whether this worker was replaced and closes its connections before it goes (still ready)."""
    return _LEAVING.is_set()


def setting(name: str, default: float) -> float:
    """PATHAPI_<NAME> as a non-negative number of seconds, else DEFAULT."""
    raw = os.environ.get(f"PATHAPI_{name}")
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ValueError(f"PATHAPI_{name}: not a number of seconds: {raw!r}") from None
    if value < 0:
        raise ValueError(f"PATHAPI_{name}: must be 0 or more seconds, got {raw!r}")
    return value


def worker_signals(make_signal: Callable[[], Any]) -> Callable[[], Any]:
    """A replacement for granian's ``set_sync_signals``: drain first, then let granian stop the worker."""

    def install() -> Any:
        event = make_signal()
        drain = setting("SHUTDOWN_DRAIN", DRAIN_DEFAULT)
        started = threading.Event()

        def finish(*_: Any) -> None:
            if started.is_set():
                return
            started.set()
            timer = threading.Timer(drain, event.set)
            timer.daemon = True
            timer.start()

        def stop(*_: Any) -> None:
            begin_drain()
            finish()

        def leave(*_: Any) -> None:
            _LEAVING.set()
            finish()

        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, stop)
        signal.signal(LEAVE, leave)
        return event

    return install


class CloseWhileDraining:
    """WSGI middleware: while draining or leaving, every answer carries ``Connection: close``."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """Answer through the wrapped app; add Connection: close once the worker drains or leaves."""
        if not (draining() or leaving()):
            return self.app(environ, start_response)

        def closing(status: str, headers: list[tuple[str, str]], *exc: Any) -> Any:
            headers = [(k, v) for k, v in headers if k.lower() != "connection"] + [("Connection", "close")]
            return start_response(status, headers, *exc)

        return self.app(environ, closing)
