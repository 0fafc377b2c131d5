"""The application factory: build the snapshot, then wire the thin HTTP layer around it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from pathapi.api import meta, resources
from pathapi.api.cors import register_cors
from pathapi.api.errors import register_error_handlers
from pathapi.api.fastlane import FastLane
from pathapi.api.openapi import PathApi
from pathapi.api.runtime import EXTENSION, Runtime
from pathapi.api.settings import DEFAULTS, default_repository, from_environment
from pathapi.content.problems import Report
from pathapi.delivery.edition import Edition, Live
from pathapi.store.git import ContentRepository
from pathapi.store.snapshot import Rejected, build_snapshot


class SnapshotRejected(Exception):
    """The commit to serve failed validation; it is never served."""

    def __init__(self, rejected: Rejected) -> None:
        super().__init__(f"commit {rejected.commit.short} failed validation")
        self.report: Report = rejected.report


def load_edition(repo_path: Path) -> Edition:
    """Build the edition for HEAD of the repository at REPO_PATH, or raise SnapshotRejected."""
    repo = ContentRepository(repo_path)
    result = build_snapshot(repo, repo.head())
    if isinstance(result, Rejected):
        raise SnapshotRejected(result)
    return Edition.of(result)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the API app serving HEAD of the configured content repository."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.update(from_environment())
    if test_config:
        app.config.update(test_config)
    repo = Path(app.config["REPO"] or default_repository())
    runtime = Runtime(Live(load_edition(repo)), int(app.config["MAX_AGE"]))
    app.extensions[EXTENSION] = runtime

    api = PathApi(app)
    for blueprint in resources.blueprints():
        api.register_blueprint(blueprint)
    api.register_blueprint(meta.blp)
    meta.register_assets(app)
    register_error_handlers(app)
    register_cors(app)
    if app.config["FAST_LANE"]:
        app.wsgi_app = FastLane(app.wsgi_app, runtime.live, runtime.cache_control)  # type: ignore[method-assign]
    return app
