"""The application factory: load the live version, then wire the thin HTTP layer around it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from pathapi.api import documents, hooks, meta, metrics, releases, schemas, search, sync
from pathapi.api.cors import register_cors
from pathapi.api.fastlane import FastLane
from pathapi.api.loading import configuration, library_for, release_events
from pathapi.api.openapi import PathApi
from pathapi.api.problems import register_error_handlers
from pathapi.api.runtime import EXTENSION, Runtime
from pathapi.delivery.access import PREVIEW_RIGHT
from pathapi.delivery.follower import Follower
from pathapi.delivery.library import Library, now_utc
from pathapi.delivery.service import ReadService
from pathapi.delivery.token_source import TokenSource
from pathapi.studio import views as studio
from pathapi.studio.served import ServedSource
from pathapi.studio.session import Sessions


def studio_sessions(tokens: TokenSource) -> Sessions | None:
    """Studio sign-in for every token with the preview right (named ones too), keyed by their secrets."""
    key = tokens.current.key_for(PREVIEW_RIGHT)
    return Sessions(key, matcher=lambda given: tokens.current.carries(given, PREVIEW_RIGHT)) if key else None


def create_app(test_config: Mapping[str, Any] | None = None, library: Library | None = None) -> Flask:
    """Create the API app serving the live version of the configured content repository (of LIBRARY,
    when it was loaded already: ``library_for`` the same configuration)."""
    app = Flask(__name__)
    app.config.update(configuration(test_config))
    cfg = app.config
    library = library or library_for(cfg)
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
