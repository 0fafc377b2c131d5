"""What operators see: Prometheus metrics at ``GET /metrics`` and one JSON access-log line per request.

Both lanes are observed by one WSGI wrapper around the whole app: the fast lane and Flask
only name the route template (``environ["pathapi.route"]``). With several granian workers,
``pathapi serve`` points ``PROMETHEUS_MULTIPROC_DIR`` at its runtime directory before any
worker starts, and ``/metrics`` sums every worker's files.
"""

from __future__ import annotations

import atexit
import hmac
import os
from collections.abc import Callable
from pathlib import Path

from flask import Flask, Response, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    values,
)

from pathapi.api.observe import LATENCY_BUCKETS, ROUTE, Observed, Tally
from pathapi.api.query_string import no_parameters
from pathapi.delivery.cache import live_caches
from pathapi.delivery.library import Library
from pathapi.delivery.problems import ProblemError

MULTIPROCESS = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "pathapi_http_requests",
    "HTTP requests answered, by route template, method and status",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "pathapi_http_request_duration_seconds",
    "Time to answer a request, by route template",
    ["route"],
    buckets=LATENCY_BUCKETS,
)
LIVE = Gauge(
    "pathapi_live_version_info",
    "1 for the version (commit, release, source) a worker serves live",
    ["version", "release", "source"],
    multiprocess_mode="livemax",
)
BUILDS = Histogram(
    "pathapi_build_duration_seconds",
    "Time to build one version (read, validate, index)",
    ["outcome"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
FAILURES = Counter("pathapi_validation_failures", "Versions that failed validation and were not served")
CACHE = Gauge(
    "pathapi_cache_entries",
    "Entries in each in-memory cache of a worker, by owner",
    ["cache"],
    multiprocess_mode="liveall",
)
CACHE_BYTES = Gauge(
    "pathapi_cache_bytes",
    "Estimated bytes in each byte-bounded cache of a worker, by owner",
    ["cache"],
    multiprocess_mode="liveall",
)


def record_build(seconds: float, ok: bool) -> None:
    """Count one version build (Library.on_build)."""
    BUILDS.labels("ok" if ok else "rejected").observe(seconds)
    if not ok:
        FAILURES.inc()


def publish(requests: dict[tuple[str, str, str], int], latency: dict[str, list[float]]) -> None:
    """Add one batch of tallies (observe.Tally) to the Prometheus metrics."""
    for (route, method, status), count in requests.items():
        REQUESTS.labels(route, method, status).inc(count)
    for route, buckets in latency.items():
        child = LATENCY.labels(route)
        for index, observed in enumerate(buckets[:-1]):
            if observed:
                child._buckets[index].inc(observed)  # no public "observe many"; stable since 0.4
        child._sum.inc(buckets[-1])


class LiveMarker:
    """Keeps the live-version gauge and cache sizes in step with the library (a cheap check)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._live: tuple[str, str, str] | None = None

    def __call__(self) -> None:
        """Update the gauges when the live version changed since the last call."""
        state = self.library.state
        live = (state.edition.version, state.release or "", state.source)
        if live != self._live:
            if self._live is not None:
                LIVE.labels(*self._live).set(0)
            LIVE.labels(*live).set(1)
            self._live = live
            update_caches(self.library)


def cache_sizes(library: Library) -> tuple[dict[str, int], dict[str, int]]:
    """Entries and estimated bytes per cache owner in this process, and the versions kept."""
    entries = {"Library.editions": len(library.editions)}
    sizes: dict[str, int] = {}
    for cache in live_caches():
        entries[cache.owner] = entries.get(cache.owner, 0) + len(cache)
        if cache.max_bytes:
            sizes[cache.owner] = sizes.get(cache.owner, 0) + cache.size
    return entries, sizes


def update_caches(library: Library) -> None:
    """Set the cache gauges of this worker."""
    entries, sizes = cache_sizes(library)
    for name, count in entries.items():
        CACHE.labels(name).set(count)
    for name, size in sizes.items():
        CACHE_BYTES.labels(name).set(size)


def forget_ended_workers(directory: str) -> None:
    """Drop the live gauges of workers that ended without saying so (a replaced worker skips atexit)."""
    for file in Path(directory).glob("gauge_live*_*.db"):
        pid = file.stem.rsplit("_", 1)[-1]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            multiprocess.mark_process_dead(int(pid), directory)  # type: ignore[no-untyped-call]
        except PermissionError:
            continue  # alive, someone else's


def exposition(library: Library) -> tuple[bytes, str]:
    """The Prometheus text exposition of every worker (multiprocess) or this process."""
    update_caches(library)
    if os.environ.get(MULTIPROCESS) and values.ValueClass is not values.MutexValue:  # set before the import
        forget_ended_workers(os.environ[MULTIPROCESS])
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    from prometheus_client import REGISTRY

    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def check_scraper(token: str | None) -> None:
    """Nothing when TOKEN is unset or the request bears it; else a 401 problem naming what to send."""
    no_parameters(request.query_string)
    if not token:
        return
    scheme, _, given = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ProblemError(
            401,
            "Unauthorized",
            "/metrics needs Authorization: Bearer <PATHAPI_METRICS_TOKEN> "
            "(in Prometheus: authorization: {credentials_file: …})",
            headers=(("WWW-Authenticate", 'Bearer realm="pathapi metrics"'),),
        )


def register(
    app: Flask,
    library: Library,
    *,
    metrics: bool,
    access: bool,
    identify: Callable[[str | None], str | None] | None = None,
) -> None:
    """Observe every request of APP (both lanes), serve /metrics when METRICS, log when ACCESS.

    IDENTIFY names the token of an Authorization header for the access log (never the secret).
    """

    @app.before_request
    def name_route() -> None:
        if request.url_rule is not None:
            request.environ[ROUTE] = request.url_rule.rule

    tally = Tally(publish)
    marker = LiveMarker(library)
    if metrics:

        @app.get("/metrics")
        def prometheus_metrics() -> Response:
            check_scraper(app.config.get("METRICS_TOKEN"))
            tally.flush()
            marker()
            body, content_type = exposition(library)
            return Response(body, content_type=content_type, headers={"Cache-Control": "no-store"})

    app.extensions["pathapi.tally"] = tally
    app.wsgi_app = Observed(app.wsgi_app, tally, access, marker, identify)  # type: ignore[method-assign]


if os.environ.get(MULTIPROCESS):  # a worker that ends takes its live gauges with it
    atexit.register(lambda: multiprocess.mark_process_dead(os.getpid()))  # type: ignore[no-untyped-call]
