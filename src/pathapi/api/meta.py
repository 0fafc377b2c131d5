"""Service endpoints: health and the liveness and readiness probes, with their response models; docs UI assets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flask_swagger_ui
from flask import Flask, Response, current_app, request, send_from_directory
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from pathapi.api.query_string import no_parameters
from pathapi.api.runtime import runtime
from pathapi.content.audience import PUBLIC
from pathapi.content.kinds import Kind
from pathapi.delivery.problems import ProblemError
from pathapi.serving import workers
from pathapi.serving.shutdown import draining
from pathapi.store.snapshot import Rejected


class FailureModel(Schema):
    commit = fields.String(required=True)
    problem_count = fields.Integer(required=True)
    files = fields.List(fields.String(), metadata={"description": "Only with the preview or intranet token."})
    problems = fields.List(
        fields.String(),
        metadata={
            "description": "Validator lines: FILE:LINE:COL: message [pointer]. Only with the preview or intranet token."
        },
    )


class FollowingModel(Schema):
    branch = fields.String(required=True, allow_none=True, metadata={"description": "Branch live before a release."})
    remote = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Remote fetched from (no credentials); null: local only."},
    )
    fetched_at = fields.DateTime(required=True, allow_none=True, metadata={"description": "Last successful fetch."})
    fetch_attempted_at = fields.DateTime(required=True, allow_none=True)
    fetch_error = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Why the last fetch failed (the local copy is served); the reason only with a token."},
    )


class ScheduledItemModel(Schema):
    type = fields.String(required=True)
    id = fields.String(required=True)
    action = fields.String(required=True, metadata={"description": "publish or unpublish"})
    at = fields.String(required=True, metadata={"description": "RFC 3339 moment"})


class ScheduledModel(Schema):
    pending = fields.Integer(required=True, metadata={"description": "Scheduled moments still to come."})
    moments = fields.List(
        fields.Nested(ScheduledItemModel),
        metadata={"description": "Each moment, soonest first. Only with the preview token: an embargo is secret."},
    )


class ReviewItemModel(Schema):
    type = fields.String(required=True)
    id = fields.String(required=True)
    review_due = fields.String(required=True)
    unit = fields.String(required=True)
    email = fields.String(required=True, allow_none=True)


class ReviewsModel(Schema):
    overdue = fields.Integer(required=True, metadata={"description": "Documents whose review_due has passed."})
    documents = fields.List(
        fields.Nested(ReviewItemModel),
        metadata={"description": "Each overdue document with its owner, oldest first. Only with the preview token."},
    )


class HealthModel(Schema):
    status = fields.String(
        required=True,
        metadata={
            "description": "ok; degraded while a newer commit fails, a refresh fails or the remote cannot be fetched."
        },
    )
    following = fields.Nested(FollowingModel, required=True)
    version = fields.String(required=True, metadata={"description": "Commit id being served."})
    committed_at = fields.DateTime(required=True)
    source = fields.String(
        required=True,
        metadata={"description": "release (the newest is live), branch (no release yet) or pinned (PATHAPI_PIN)."},
    )
    release = fields.String(required=True, allow_none=True)
    branch = fields.String(required=True, allow_none=True)
    documents = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    public_documents = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    failure = fields.Nested(
        FailureModel,
        required=True,
        allow_none=True,
        metadata={"description": "The newest commit that failed validation, not served."},
    )
    refresh_error = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The last refresh failed; the reason only with the preview or intranet token."},
    )
    damaged_releases = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Releases whose tag or commit object is missing from the server's copy: not served."},
    )
    scheduled = fields.Nested(
        ScheduledModel,
        required=True,
        metadata={"description": "Scheduled publish/unpublish moments of the live version still to come."},
    )
    reviews = fields.Nested(ReviewsModel, required=True, metadata={"description": "Content overdue for review."})
    serving_versions = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "Versions this server's workers answer with now: two while workers are being replaced."
        },
    )
    repository = fields.String(
        required=True,
        metadata={"description": "ok; missing: the repository was moved or deleted, the version in memory is served."},
    )


class ProbeModel(Schema):
    status = fields.String(
        required=True, metadata={"description": "live; ready; starting or stopping (503: send no traffic)."}
    )
    version = fields.String(metadata={"description": "Commit id being served (when ready)."})


SWAGGER_ASSETS = Path(flask_swagger_ui.__file__).parent / "dist"
ASSETS_URL = "/docs/assets/"

blp = Blueprint("meta", __name__, description="Service health.")


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthModel, headers={"Cache-Control": {"schema": {"type": "string"}}})
    @blp.alt_response(
        503,
        schema=HealthModel,
        description="Degraded (the status is configurable: PATHAPI_HEALTH_DEGRADED_STATUS), or starting.",
    )
    def get(self) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Status, the commit being served and document counts; 503 while degraded (configurable)."""
        no_parameters(request.query_string)
        rt = runtime()
        state = rt.service.library.state
        edition = state.edition
        catalog = edition.public(rt.service.clock())
        trusted = _trusted(request.headers.get("Authorization"))
        failure = _failure(state.failure, trusted)
        fetched, damaged = rt.service.library.fetch_status, rt.service.library.damaged
        missing = not rt.service.library.repo.present()  # moved or deleted: serving from memory
        degraded = bool(failure or rt.follower.last_error or fetched.error or damaged or missing)
        body = {
            "status": "degraded" if degraded else "ok",
            "following": {
                "branch": state.branch,
                "remote": fetched.remote,
                "fetched_at": fetched.fetched_at,
                "fetch_attempted_at": fetched.attempted_at,
                "fetch_error": _detail(fetched.error, trusted, "fetch"),
            },
            "version": edition.version,
            "committed_at": edition.snapshot.commit.committed_at,
            "source": state.source,
            "release": state.release,
            "branch": state.branch,
            "documents": edition.snapshot.counts(),
            "public_documents": {kind.folder: len(catalog.documents[kind]) for kind in Kind},
            "failure": failure,
            "refresh_error": _detail(rt.follower.last_error, trusted, "refresh"),
            "damaged_releases": list(damaged),
            "scheduled": edition.upkeep.scheduled(rt.service.clock(), _editor(request.headers)),
            "reviews": edition.upkeep.reviews(rt.service.clock(), _editor(request.headers)),
            "repository": "missing" if missing else "ok",
            "serving_versions": workers.serving() or [edition.version],
        }
        status = int(current_app.config["HEALTH_DEGRADED_STATUS"]) if degraded else 200
        return body, status, {"Cache-Control": "no-store", "Vary": "Authorization"}


@blp.route("/health/live")
class Live(MethodView):
    @blp.response(200, ProbeModel)
    def get(self) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Liveness: the process answers (restart it only when this fails)."""
        no_parameters(request.query_string)
        return {"status": "live"}, 200, {"Cache-Control": "no-store"}


@blp.route("/health/ready")
class Ready(MethodView):
    @blp.response(200, ProbeModel)
    @blp.alt_response(503, schema=ProbeModel, description="Starting (building the live version) or stopping.")
    def get(self) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Readiness: a version is served; 503 while starting or stopping (send no traffic then)."""
        no_parameters(request.query_string)
        if draining():
            return {"status": "stopping"}, 503, {"Cache-Control": "no-store", "Retry-After": "2"}
        version = runtime().service.library.state.edition.version
        return {"status": "ready", "version": version}, 200, {"Cache-Control": "no-store"}


def _detail(error: str | None, trusted: bool, what: str) -> str | None:
    """ERROR for token holders; publicly only that the last WHAT failed (errors may name hosts and paths)."""
    if error is None or trusted:
        return error
    return f"the last {what} failed; the preview or intranet token shows why"


def _trusted(authorization: str | None) -> bool:
    """Whether the request carries the preview or intranet token (a wrong one only reads the public body)."""
    try:
        return runtime().service.access(authorization) != PUBLIC
    except ProblemError:  # monitors keep their 200: /health never answers 401
        return False


def _editor(headers: Any) -> bool:
    """Whether the request carries a token with the preview right: editors may see what is scheduled or stale."""
    try:
        return runtime().service.grant(headers.get("Authorization")).preview
    except ProblemError:
        return False


def _failure(rejected: Rejected | None, trusted: bool) -> dict[str, Any] | None:
    """The failing commit and its problem count; file names and messages (they may name unreleased
    paths) only for token holders."""
    if rejected is None:
        return None
    report = rejected.report
    failure: dict[str, Any] = {"commit": rejected.commit.sha, "problem_count": len(report.problems)}
    if trusted:
        failure |= {"files": list(report.files_with_problems), "problems": [str(p) for p in report.problems]}
    return failure


def register_assets(app: Flask) -> None:
    """Serve Swagger UI's files from the installed package so /docs works offline."""

    @app.get(f"{ASSETS_URL}<path:filename>")
    def docs_asset(filename: str) -> Response:
        return send_from_directory(SWAGGER_ASSETS, filename, max_age=86400)
