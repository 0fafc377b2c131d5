"""Observe every request of both lanes cheaply: tally in memory, publish in batches.

A request costs a few dictionary updates under one lock; a background thread hands the
tallies to prometheus_client and writes the buffered access-log lines twice a second (and
``/metrics`` flushes its own worker first). Prebuilt bytes stay the hot path.
"""

from __future__ import annotations

import atexit
import itertools
import os
import sys
import threading
import time
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any

import orjson

from pathapi.api.problems import REQUEST_ID_HEADER, SANE_REQUEST_ID

ROUTE = "pathapi.route"  # set by the fast lane and by Flask (the rule's template)
REQUEST_ID = "pathapi.request_id"
UNMATCHED = "unmatched"
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
FLUSH_SECONDS = 0.5
MAX_KEYS = 1024  # routes x methods x statuses; beyond it, requests are tallied as "other"
MAX_LINES = 2048  # buffered access-log lines before a request writes them itself

Publish = Callable[[dict[tuple[str, str, str], int], dict[str, list[float]]], None]


class Tally:
    """Requests and latencies of one process since the last flush, plus access-log lines."""

    def __init__(self, publish: Publish) -> None:
        self.publish = publish
        self.lock = threading.Lock()
        self.requests: dict[tuple[str, str, str], int] = {}
        self.latency: dict[str, list[float]] = {}  # route: bucket counts (+Inf last), then the sum
        self.lines: list[bytes] = []
        self._ids = itertools.count()
        self._prefix = os.urandom(6).hex()
        self._thread: threading.Thread | None = None

    def request_id(self) -> str:
        """A new id, unique across processes (random prefix) and cheap (a counter)."""
        return f"{self._prefix}{next(self._ids):020x}"  # 32 hex digits, like a UUID

    def add(self, key: tuple[str, str, str], duration: float, line: bytes | None) -> None:
        """Count one request; keep its access-log LINE for the next write."""
        with self.lock:
            if key not in self.requests and len(self.requests) >= MAX_KEYS:
                key = ("other", key[1], key[2])
            self.requests[key] = self.requests.get(key, 0) + 1
            buckets = self.latency.get(key[0])
            if buckets is None:
                buckets = self.latency[key[0]] = [0.0] * (len(LATENCY_BUCKETS) + 2)
            buckets[bisect_left(LATENCY_BUCKETS, duration)] += 1
            buckets[-1] += duration
            if line is not None:
                self.lines.append(line)
                full = len(self.lines) >= MAX_LINES
        if self._thread is None:
            self._start()
        if line is not None and full:
            self.write_lines()

    def flush(self) -> None:
        """Hand the tallies to the metrics and write the access-log lines."""
        with self.lock:
            requests, latency = self.requests, self.latency
            self.requests, self.latency = {}, {}
        if requests:
            self.publish(requests, latency)
        self.write_lines()

    def write_lines(self) -> None:
        """Write buffered access-log lines to stderr in one go."""
        with self.lock:
            lines, self.lines = self.lines, []
        if lines:
            sys.stderr.write(b"".join(lines).decode())
            sys.stderr.flush()

    def _start(self) -> None:
        self._thread = _flusher()
        _TALLIES.add(self)


_TALLIES: weakref.WeakSet[Tally] = weakref.WeakSet()
_FLUSHER: dict[int, threading.Thread] = {}  # by process id: a forked worker starts its own
_FLUSHER_LOCK = threading.Lock()


def flush_all() -> None:
    """Write what every tally of this process holds now (the background thread does it every FLUSH_SECONDS)."""
    for tally in list(_TALLIES):
        tally.flush()


def _run() -> None:
    while True:
        time.sleep(FLUSH_SECONDS)
        flush_all()


def _flusher() -> threading.Thread:
    """The one background thread of this process that flushes every tally."""
    with _FLUSHER_LOCK:
        thread = _FLUSHER.get(os.getpid())
        if thread is None:
            thread = _FLUSHER[os.getpid()] = threading.Thread(target=_run, name="pathapi-metrics", daemon=True)
            thread.start()
            atexit.register(flush_all)
        return thread


class Observed:
    """Wraps the whole WSGI app: counts, times and logs every request of both lanes."""

    def __init__(
        self,
        app: Callable[..., Iterable[bytes]],
        tally: Tally,
        access: bool,
        on_request: Callable[[], None],
        identify: Callable[[str | None], str | None] | None = None,
    ) -> None:
        self.app = app
        self.tally = tally
        self.access = access
        self.on_request = on_request
        self.identify = identify or (lambda authorization: None)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Answer through the wrapped app; observe status, bytes and time."""
        started = time.perf_counter()
        request_id = environ.get("HTTP_X_REQUEST_ID")
        if not request_id or not SANE_REQUEST_ID.match(request_id):  # both lanes' errors then use this one
            request_id = environ["HTTP_X_REQUEST_ID"] = self.tally.request_id()
        environ[REQUEST_ID] = request_id
        seen: list[Any] = []

        def observe_start(status: str, headers: list[tuple[str, str]], *exc: Any) -> Any:
            if not any(name == REQUEST_ID_HEADER for name, _ in headers):
                headers = [*headers, (REQUEST_ID_HEADER, request_id)]
            seen[:] = [status, headers]
            return start_response(status, headers, *exc)

        body = self.app(environ, observe_start)
        if isinstance(body, list):  # prebuilt bytes (the fast lane): observe now
            self._observe(environ, seen, sum(map(len, body)), started)
            return body
        return self._stream(body, environ, seen, started)

    def _stream(
        self, body: Iterable[bytes], environ: dict[str, Any], seen: list[Any], started: float
    ) -> Iterable[bytes]:
        size = 0
        try:
            for chunk in body:
                size += len(chunk)
                yield chunk
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
            self._observe(environ, seen, size, started)

    def _observe(self, environ: dict[str, Any], seen: list[Any], size: int, started: float) -> None:
        duration = time.perf_counter() - started
        status = seen[0][:3] if seen else "500"
        route = environ.get(ROUTE) or UNMATCHED
        method = environ.get("REQUEST_METHOD", "")
        if method not in METHODS:
            method = "other"  # clients choose methods freely: metric labels must stay a fixed set
        line = None
        if self.access:
            version = next((v for n, v in seen[1] if n == "Content-Version"), None) if seen else None
            fields = {
                "method": method,
                "route": route,
                "path": environ.get("PATH_INFO", ""),
                "status": int(status),
                "bytes": size,
                "duration_ms": round(duration * 1000, 3),
                "version": version,
                "request_id": environ[REQUEST_ID],
            }
            if environ.get("HTTP_AUTHORIZATION"):  # the token's name ("-" for an unknown one), never the secret
                fields["token"] = self.identify(environ["HTTP_AUTHORIZATION"])
            line = orjson.dumps(fields, option=orjson.OPT_APPEND_NEWLINE)
        self.tally.add((route, method, status), duration, line)
        self.on_request()
