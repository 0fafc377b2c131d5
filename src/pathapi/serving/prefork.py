"""One build for all workers: the server's parent process builds, granian's forked workers inherit it.

``pathapi serve`` answers at once: while the live version is built (snapshot, catalogs)
in the parent, a small responder on the same port answers ``/health`` with status
"starting" and anything else with 503 and Retry-After. Then granian starts and forks its
workers from the parent: they share the built version copy-on-write and serve it. Only
then does the parent build the search indexes (in a thread); meanwhile a search answers
503 "warming" with Retry-After rather than every worker building its own copy. When the
indexes are ready the workers are respawned onto them; until they are gone, a search reaching one
of the first workers builds that worker's own index (a shared flag says the parent is done), so no
search answers "warming" once one answered. The parent also follows the
repository, so a new version is likewise built once (indexes included), then the workers
are respawned onto it (one at a time, old and new overlapping: no request is refused; pathapi.serving.rolling).
No worker is replaced once the server was asked to stop.
A webhook reaching a worker is passed on to the parent (SIGUSR2).

Nothing is forked while a git command runs or the search indexes are being built: the
first workers are forked before either, and a later fork waits (Library.before_fork,
``_warming``).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import mmap
import os
import select
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import orjson

from pathapi.content.bulk import collector_paused
from pathapi.serving import workers
from pathapi.serving.shutdown import CloseWhileDraining, stopping
from pathapi.store import blobs

log = logging.getLogger(__name__)

STARTING, READY, STANDALONE, FAILED = "starting", "ready", "standalone", "failed"
RETRY_AFTER = "2"


class Shared:
    """The parent's build and its state: which app a worker gets when it is forked."""

    def __init__(self) -> None:
        self.state = STANDALONE
        self.app: Any = None
        self.exit_code = 0
        self.parent = os.getpid()
        self.granian_started = threading.Event()
        self.poll: float | None = None
        self.workers = 1
        self.forks = 0
        self.warming = threading.Lock()  # held while the parent builds search indexes: no fork meanwhile
        self.indexed = mmap.mmap(-1, 1)  # shared with the forked workers: 1 once the parent built search

    def application(self) -> Any:
        """The WSGI app for a (forked) worker: the parent's, 'starting', or one built here."""
        if self.app is not None:
            return CloseWhileDraining(_SearchOnceIndexed(self.app))
        if self.state in (STARTING, FAILED):  # a worker forked before the build (not by pathapi serve)
            return starting
        from pathapi.api.app import create_app

        return create_app()


SHARED = Shared()


def _answer(start_response: Callable[..., Any], status: str, body: dict[str, Any], kind: str) -> Iterable[bytes]:
    data = orjson.dumps(body)
    start_response(
        status,
        [
            ("Content-Type", kind),
            ("Content-Length", str(len(data))),
            ("Cache-Control", "no-store"),
            ("Retry-After", RETRY_AFTER),
            ("Access-Control-Allow-Origin", "*"),
        ],
    )
    return [data]


def starting(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """The answer of a worker while the live version is being built: alive, not ready."""
    path = environ.get("PATH_INFO")
    if path == "/health/live":
        return _answer(start_response, "200 OK", {"status": "live"}, "application/json")
    if path in ("/health", "/health/ready"):
        return _answer(start_response, "503 Service Unavailable", {"status": STARTING}, "application/json")
    problem = {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "the server is starting: the live version is being built; try again in a moment",
    }
    return _answer(start_response, "503 Service Unavailable", problem, "application/problem+json")


class _SearchOnceIndexed:
    """WSGI middleware of a worker forked before the parent built search: searches here once it did."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """Answer through the app; a search no longer waits for the parent once it built its own."""
        if SHARED.indexed[0]:
            from pathapi.delivery import search

            search.ELSEWHERE.clear()  # this worker is being replaced: meanwhile it builds what it is asked
        return self.app(environ, start_response)


def _respawn_workers() -> None:
    """Ask granian (this process) to replace its workers with fresh forks of this process (not when stopping)."""
    SHARED.granian_started.wait()
    if not stopping():
        os.kill(SHARED.parent, signal.SIGHUP)


def _warm(app: Any) -> None:
    """Build what the first readers would otherwise build in every worker: catalogs and search indexes."""
    from pathapi.delivery import search

    search.warm(_public_catalog(app))
    app.extensions["pathapi"].service.library.warm_history()


def _public_catalog(app: Any) -> Any:
    from pathapi.api.runtime import EXTENSION

    runtime = app.extensions[EXTENSION]
    return runtime.service.library.state.edition.public(runtime.service.clock())


def _warm_later(app: Any) -> None:
    """In a thread of the parent, once the first workers serve: build the search indexes, then hand them over."""
    from pathapi.api.openapi import write_document
    from pathapi.delivery import search

    catalog = _public_catalog(app)
    with SHARED.warming:
        try:
            search.warm(catalog)
        finally:
            search.ELSEWHERE.pop(id(catalog), None)
        app.extensions["pathapi"].service.library.warm_history()
        try:
            write_document(app)  # /openapi.json and /docs: the fresh workers inherit it
        except Exception:  # its readers get the error (a 500 problem); the workers are handed over all the same
            log.exception("the OpenAPI document could not be written ahead")
    SHARED.indexed[0] = 1
    _respawn_workers()


def _before_fork() -> None:
    """Before granian forks a worker (in the main thread): wait while the search indexes are being built."""
    if threading.current_thread() is threading.main_thread():
        SHARED.warming.acquire()


def _forked_in_parent() -> None:
    """After each fork, in the parent: once every first worker is forked, start building the search indexes."""
    if threading.current_thread() is not threading.main_thread():
        return
    SHARED.warming.release()
    SHARED.forks += 1
    if SHARED.forks == SHARED.workers and SHARED.app is not None:
        threading.Thread(target=_warm_later, args=(SHARED.app,), name="pathapi-search-index", daemon=True).start()


def _new_version(app: Any) -> None:
    """The parent follows: a new live state was built here; warm it and hand it to fresh workers."""
    _warm(app)
    _respawn_workers()


def _after_fork_in_worker() -> None:
    """In a freshly forked worker: own git processes and locks; webhooks go to the parent."""
    if SHARED.app is None:
        return
    from pathapi.api.runtime import EXTENSION

    runtime = SHARED.app.extensions[EXTENSION]
    runtime.service.library.repo.after_fork()
    runtime.service.library.after_fork()
    parent = SHARED.parent
    runtime.follower.delegate = lambda: os.kill(parent, signal.SIGUSR2)
    workers.register(runtime.service.library.state.edition.version)


def build(repo: str, poll: float | None, report: Callable[[Any], None], workers: int = 1) -> int:
    """Create the live app of REPO here, before any worker exists; the exit status (0: serve).

    Its search indexes are built once the WORKERS first workers are forked (see _forked_in_parent)."""
    from pathapi.api.loading import SnapshotRejected, configuration, library_for

    SHARED.state, SHARED.parent, SHARED.poll, SHARED.workers = STARTING, os.getpid(), poll, workers
    config = configuration({"REPO": repo, "POLL": 0, "WARM_SEARCH": False})  # no thread may outlive the build
    # The web framework loads while the build waits for git (then for the validation helper).
    web = ("pathapi.api.app", "pathapi.delivery.search")  # what serving needs beyond the build
    importing = threading.Thread(target=lambda: [importlib.import_module(name) for name in web], daemon=True)
    blobs.when_waiting(importing.start)
    with collector_paused():  # what the build makes lives as long as the version: walked by no collection
        try:
            library = library_for(config)
        except SnapshotRejected as err:
            report(err)
            SHARED.state = FAILED
            return 1
        finally:
            blobs.forget_waiting(importing.start)
            if importing.ident is None:  # the build read no blobs in bulk (a small repository)
                importing.start()
            importing.join()
        from pathapi.api.app import create_app
        from pathapi.delivery import last_modified, search

        app = create_app(config, library)
        catalog = _public_catalog(app)
        last_modified.warm(catalog)
        search.ELSEWHERE[id(catalog)] = catalog  # the workers' searches wait for the parent's build
        gc.freeze()  # the workers forked from here share these pages: no collection writes to them
    runtime = app.extensions["pathapi"]
    library, follower = runtime.service.library, runtime.follower
    os.register_at_fork(
        before=library.before_fork, after_in_parent=library.after_fork_in_parent, after_in_child=_after_fork_in_worker
    )
    os.register_at_fork(before=_before_fork, after_in_parent=_forked_in_parent)  # "before" runs before the above
    follower.listeners.append(lambda: _new_version(app))
    signal.signal(signal.SIGUSR2, _webhook_from_worker)
    SHARED.app, SHARED.state = app, READY
    report(library.state)
    return 0


def follow() -> None:
    """Granian is up: follow the repository here, if PATHAPI_POLL asks for it."""
    SHARED.granian_started.set()
    if SHARED.app is not None and SHARED.poll and SHARED.poll > 0:
        follower = SHARED.app.extensions["pathapi"].follower
        follower.poll = SHARED.poll
        follower.start()


def _webhook_from_worker(*_: Any) -> None:
    """A worker got a push notification: refresh here, once for all."""
    if SHARED.app is not None:
        SHARED.app.extensions["pathapi"].follower.trigger()


REQUEST_WAIT = 1.0  # seconds a connection to the starting responder may take to send its request
REQUEST_LIMIT = 8192  # bytes of a request's head the starting responder reads


def _rendered(path: str, head: bool = False) -> bytes:
    """The whole HTTP response ``starting`` gives for PATH (without its body for HEAD)."""
    said: list[Any] = []
    body = b"".join(starting({"PATH_INFO": path}, lambda status, headers: said.extend((status, headers))))
    status, headers = said
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers), "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (b"" if head else body)


class StartingResponder:
    """Answers ``starting`` on HOST:PORT from a thread until stopped (granian then binds the port).

    A bare socket loop sends the answers of ``starting``, rendered once: while the live version is
    built, probes and retrying clients cost the build next to nothing (a WSGI server took ~0.35 ms of
    this process per request, taken from the build). Binding is also the check that no other process
    listens there (OSError EADDRINUSE).
    """

    def __init__(self, host: str, port: int, reuse_port: bool = False) -> None:
        self.socket = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if reuse_port:
                self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            self.socket.bind((host, port))
            self.socket.listen(128)
        except OSError:
            self.socket.close()
            raise
        self.answers = {
            (method, path): _rendered(path, method == "HEAD")
            for method in ("GET", "HEAD")
            for path in ("/health/live", "/health", "/health/ready", "")
        }
        self._wake, self._woken = os.pipe()
        self.thread = threading.Thread(target=self._serve, name="pathapi-starting", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self._wake not in select.select([self.socket.fileno(), self._wake], [], [])[0]:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            with connection:
                self._answer(connection)

    def _answer(self, connection: socket.socket) -> None:
        """Read one request's head (within REQUEST_WAIT seconds in all, however slowly it trickles in) and
        send the rendered answer for its path."""
        deadline = time.monotonic() + REQUEST_WAIT
        head = b""
        with contextlib.suppress(OSError, ValueError):  # ValueError: the deadline passed (a negative timeout)
            while b"\r\n\r\n" not in head and len(head) < REQUEST_LIMIT:
                connection.settimeout(deadline - time.monotonic())
                chunk = connection.recv(4096)
                if not chunk:
                    break
                head += chunk
            method, _, target = head.split(b"\r\n", 1)[0].decode("latin-1").partition(" ")
            path = target.split(" ", 1)[0].split("?", 1)[0]
            method = "HEAD" if method == "HEAD" else "GET"
            connection.sendall(self.answers.get((method, path)) or self.answers[(method, "")])

    def stop(self) -> None:
        """Stop answering and free the port."""
        os.write(self._woken, b"x")
        self.thread.join()
        self.socket.close()
        os.close(self._wake)
        os.close(self._woken)
