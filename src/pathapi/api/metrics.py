"""What operators see: Prometheus metrics at ``GET /metrics`` and one JSON access-log line per request.

Both lanes are observed by one WSGI wrapper around the whole app: the fast lane and Flask
only name the route template (``environ["pathapi.route"]``). With several granian workers,
``pathapi serve`` points ``PROMETHEUS_MULTIPROC_DIR`` at its runtime directory before any
worker starts, and ``/metrics`` sums every worker's files.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import orjson
from flask import Flask, Response, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from pathapi.delivery.library import Library

ROUTE = "pathapi.route"
REQUEST_ID = "pathapi.request_id"
UNMATCHED = "unmatched"
GIVEN_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
MULTIPROCESS = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

REQUESTS = Counter("pathapi_http_requests", "HTTP requests answered, by route template, method and status",
                   ["route", "method", "status"])
LATENCY = Histogram("pathapi_http_request_duration_seconds", "Time to answer a request, by route template",
                    ["route"], buckets=LATENCY_BUCKETS)
LIVE = Gauge("pathapi_live_version_info", "1 for the version (commit, release, source) a worker serves live",
             ["version", "release", "source"], multiprocess_mode="livemax")
BUILDS = Histogram("pathapi_build_duration_seconds", "Time to build one version (read, validate, index)",
                   ["outcome"], buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
FAILURES = Counter("pathapi_validation_failures", "Versions that failed validation and were not served")
CACHE = Gauge("pathapi_cache_entries", "Entries in each in-memory cache of a worker", ["cache"],
              multiprocess_mode="liveall")
access_log = logging.getLogger("pathapi.access")


def record_build(seconds: float, ok: bool) -> None:
    """Count one version build (Library.on_build)."""
    BUILDS.labels("ok" if ok else "rejected").observe(seconds)
    if not ok:
        FAILURES.inc()


class Observed:
    """Wraps the whole WSGI app: counts, times and logs every request of both lanes."""

    def __init__(self, app: Callable[..., Iterable[bytes]], library: Library, access: bool) -> None:
        self.app = app
        self.library = library
        self.access = access
        self._children: dict[tuple[str, str, str], tuple[Any, Any]] = {}
        self._live: tuple[str, str, str] | None = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Answer through the wrapped app; observe status, bytes and time."""
        started = time.perf_counter()
        given = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = given if GIVEN_ID.match(given) else uuid.uuid4().hex
        environ[REQUEST_ID] = request_id
        seen: list[Any] = []

        def observe_start(status: str, headers: list[tuple[str, str]], *exc: Any) -> Any:
            if not any(name.lower() == "x-request-id" for name, _ in headers):
                headers = [*headers, ("X-Request-Id", request_id)]
            seen[:] = [status, headers]
            return start_response(status, headers, *exc)

        body = self.app(environ, observe_start)
        if isinstance(body, list):  # prebuilt bytes (both lanes, almost always): observe now
            self._observe(environ, seen, sum(map(len, body)), started)
            return body
        return self._stream(body, environ, seen, started)

    def _stream(self, body: Iterable[bytes], environ: dict[str, Any], seen: list[Any],
                started: float) -> Iterable[bytes]:
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
        key = (route, method, status)
        children = self._children.get(key)
        if children is None:
            children = (REQUESTS.labels(route, method, status), LATENCY.labels(route))
            if len(self._children) < 1024:  # bounded: routes x methods x statuses
                self._children[key] = children
        children[0].inc()
        children[1].observe(duration)
        self._mark_live()
        if self.access:
            version = next((v for n, v in seen[1] if n == "Content-Version"), None) if seen else None
            access_log.info(orjson.dumps({
                "method": method, "route": route, "path": environ.get("PATH_INFO", ""), "status": int(status),
                "bytes": size, "duration_ms": round(duration * 1000, 3), "version": version,
                "request_id": environ[REQUEST_ID]}).decode())

    def _mark_live(self) -> None:
        """Keep the live-version gauge in step with the library (a cheap identity check)."""
        state = self.library.state
        live = (state.edition.version, state.release or "", state.source)
        if live != self._live:
            if self._live is not None:
                LIVE.labels(*self._live).set(0)
            LIVE.labels(*live).set(1)
            self._live = live
            for name, size in cache_sizes(self.library).items():
                CACHE.labels(name).set(size)


def cache_sizes(library: Library) -> dict[str, int]:
    """Entries per cache: the library's own report when it has one, else its editions."""
    report = getattr(library, "cache_sizes", None)
    if callable(report):
        return dict(report())
    return {"editions": len(getattr(library, "_editions", ()))}


def exposition(library: Library) -> tuple[bytes, str]:
    """The Prometheus text exposition of every worker (multiprocess) or this process."""
    for name, size in cache_sizes(library).items():
        CACHE.labels(name).set(size)
    if os.environ.get(MULTIPROCESS):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    from prometheus_client import REGISTRY

    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (test runners swap it)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def configure_access_log() -> None:
    """One JSON line per request on stderr, once per process."""
    if not access_log.handlers:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        access_log.addHandler(handler)
        access_log.setLevel(logging.INFO)
        access_log.propagate = False


if os.environ.get(MULTIPROCESS):
    atexit.register(lambda: multiprocess.mark_process_dead(os.getpid()))  # type: ignore[no-untyped-call]


def register(app: Flask, library: Library, *, metrics: bool, access: bool) -> None:
    """Observe every request of APP (both lanes), serve /metrics when METRICS, log when ACCESS."""
    library.on_build = record_build

    @app.before_request
    def name_route() -> None:
        if request.url_rule is not None:
            request.environ[ROUTE] = request.url_rule.rule

    if metrics:
        @app.get("/metrics")
        def prometheus_metrics() -> Response:
            body, content_type = exposition(library)
            return Response(body, content_type=content_type, headers={"Cache-Control": "no-store"})

    if access:
        configure_access_log()
    app.wsgi_app = Observed(app.wsgi_app, library, access)  # type: ignore[method-assign]
