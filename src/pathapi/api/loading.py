"""Load the live version without the web framework: ``pathapi serve`` builds it before Flask is imported.

A cold start of a large repository spends most of its time building the live version; the
server starts that build first (its validation helper then works while this process imports
Flask and the API modules, pathapi.serving.prefork) and hands the loaded Library to
``create_app``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from pathapi.api.config import DEFAULTS, default_repository, from_environment
from pathapi.content.findings import Report
from pathapi.delivery.events import ReleaseEvents
from pathapi.delivery.library import Library
from pathapi.delivery.live_state import SnapshotRejectedError
from pathapi.delivery.webhooks import EventSender
from pathapi.serving.rundir import runtime_directory
from pathapi.store.known_valid import default_directory as default_cache_directory
from pathapi.store.mirror import open_for_serving


def _record_build(seconds: float, ok: bool) -> None:
    """Count one version build in the metrics (imported only when a build ends: they load Flask)."""
    from pathapi.api import metrics

    metrics.record_build(seconds, ok)


class SnapshotRejected(Exception):
    """The version to serve failed validation; it is never served."""

    def __init__(self, report: Report, commit: str) -> None:
        super().__init__(f"commit {commit[:12]} failed validation")
        self.report = report


def load_library(
    repo_path: Path, branch: str | None = None, capacity: int = 8, pin: str | None = None, cache_dir: Path | None = None
) -> Library:
    """A Library with its live version loaded, or SnapshotRejected when that fails validation."""
    repo = open_for_serving(repo_path, runtime_directory())  # never writes into REPO_PATH
    library = Library(repo, branch=branch, capacity=capacity, pin=pin, cache_dir=cache_dir, on_build=_record_build)
    try:
        library.refresh()
    except SnapshotRejectedError as err:
        raise SnapshotRejected(err.rejected.report, err.rejected.commit.sha) from None
    return library


def release_events(cfg: Mapping[str, Any], clock: Callable[[], datetime]) -> ReleaseEvents | None:
    """Signed release events to PATHAPI_EVENTS_URLS, when configured; a URL without a secret is refused."""
    urls = [u.strip() for u in str(cfg["EVENTS_URLS"] or "").split(",") if u.strip()]
    if not urls:
        return None
    if not cfg["EVENTS_SECRET"]:
        raise ValueError(
            "PATHAPI_EVENTS_URLS is set but PATHAPI_EVENTS_SECRET is not: receivers could not "
            "verify events; set the secret (e.g. `openssl rand -hex 32`)"
        )
    bad = [u for u in urls if not u.startswith(("https://", "http://"))]
    if bad:
        raise ValueError(f"PATHAPI_EVENTS_URLS: not an http(s) URL: {bad[0]}")
    sender = EventSender(urls, cfg["EVENTS_SECRET"], backoff=float(cfg.get("EVENTS_BACKOFF", 2.0)))
    return ReleaseEvents(sender, clock)


def configuration(test_config: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The app's settings: the defaults, then ``PATHAPI_*`` variables, then TEST_CONFIG."""
    return {**DEFAULTS, **from_environment(), **(test_config or {})}


def library_for(cfg: Mapping[str, Any]) -> Library:
    """The Library of the configured content repository with its live version loaded (SnapshotRejected)."""
    cache = str(cfg["CACHE_DIR"] or default_cache_directory())
    return load_library(
        Path(cfg["REPO"] or default_repository()),
        cfg["BRANCH"],
        int(cfg["SNAPSHOTS"]),
        cfg["PIN"],
        None if cache == "off" else Path(cache),
    )
