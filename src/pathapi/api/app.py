"""The application factory: load the live version, then wire the thin HTTP layer around it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Flask

from pathapi.api import documents, hooks, meta, metrics, releases, schemas, search, sync
from pathapi.api.cors import register_cors
from pathapi.api.fastlane import FastLane
from pathapi.api.openapi import PathApi
from pathapi.api.problems import register_error_handlers
from pathapi.api.runtime import EXTENSION, Runtime
from pathapi.api.settings import DEFAULTS, default_repository, from_environment
from pathapi.content.findings import Report
from pathapi.delivery.access import PREVIEW_RIGHT
from pathapi.delivery.events import ReleaseEvents
from pathapi.delivery.follower import Follower
from pathapi.delivery.library import Library, now_utc
from pathapi.delivery.live_state import SnapshotRejectedError
from pathapi.delivery.service import ReadService
from pathapi.delivery.token_source import TokenSource
from pathapi.delivery.webhooks import EventSender
from pathapi.serving.rundir import runtime_directory
from pathapi.store.known_valid import default_directory as default_cache_directory
from pathapi.store.mirror import open_for_serving
from pathapi.studio import views as studio
from pathapi.studio.session import Sessions
from pathapi.studio.sources import ServedSource


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
    library = Library(
        repo, branch=branch, capacity=capacity, pin=pin, cache_dir=cache_dir, on_build=metrics.record_build
    )
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


def studio_sessions(tokens: TokenSource) -> Sessions | None:
    """Studio sign-in for every token with the preview right (named ones too), keyed by their secrets."""
    key = tokens.current.key_for(PREVIEW_RIGHT)
    return Sessions(key, matcher=lambda given: tokens.current.carries(given, PREVIEW_RIGHT)) if key else None


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the API app serving the live version of the configured content repository."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.update(from_environment())
    if test_config:
        app.config.update(test_config)
    cfg = app.config
    cache = str(cfg["CACHE_DIR"] or default_cache_directory())
    library = load_library(
        Path(cfg["REPO"] or default_repository()),
        cfg["BRANCH"],
        int(cfg["SNAPSHOTS"]),
        cfg["PIN"],
        None if cache == "off" else Path(cache),
    )
    tokens = TokenSource(
        cfg["PREVIEW_TOKEN"],
        cfg["INTRANET_TOKEN"],
        cfg.get("PREVIEW_TOKENS"),
        cfg.get("INTRANET_TOKENS"),
        check_seconds=float(cfg.get("TOKENS_CHECK_SECONDS", 5.0)),
    )
    service = ReadService(library, cfg.get("CLOCK") or now_utc, int(cfg["MAX_AGE"]), tokens, cfg["TOKEN_SECRET"])
    follower = Follower(library, float(cfg["POLL"]), release_events(cfg, service.clock))
    app.extensions[EXTENSION] = Runtime(service, follower, cfg["WEBHOOK_SECRET"])
    if follower.poll:
        follower.start()
    if cfg.get("WARM_SEARCH", True):  # pathapi serve's parent indexes before forking (pathapi.serving.prefork)
        library.warm_search()  # in this process, never in one that forks workers afterwards

    api = PathApi(app)
    for blueprint in [
        *documents.blueprints(),
        search.blp,
        sync.blp,
        schemas.blp,
        releases.blp,
        meta.blp,
        documents.steps_blp,
    ]:
        api.register_blueprint(blueprint)
    if cfg["WEBHOOK_SECRET"]:
        api.register_blueprint(hooks.blp)
    meta.register_assets(app)
    studio.register(app, ServedSource(library), cfg["PREVIEW_TOKEN"], cfg.get("CLOCK"), studio_sessions(tokens))
    register_error_handlers(app)
    register_cors(app)
    if cfg["FAST_LANE"]:
        app.wsgi_app = FastLane(app.wsgi_app, service)  # type: ignore[method-assign]
    if cfg["METRICS"] or cfg["ACCESS_LOG"]:
        metrics.register(app, library, metrics=cfg["METRICS"], access=cfg["ACCESS_LOG"], identify=tokens.name_of)
    return app
