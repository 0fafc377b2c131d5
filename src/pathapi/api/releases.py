"""Releases: what has been published, when, and what changed."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api import schemas
from pathapi.api.openapi import documented_read
from pathapi.api.params import NoQuerySchema, parse
from pathapi.api.reads import answer
from pathapi.api.resources import to_response
from pathapi.api.runtime import read_request, runtime
from pathapi.delivery.library import Library
from pathapi.delivery.problems import ProblemError
from pathapi.delivery.representation import represent
from pathapi.store.releases import Release

RELEASE_CACHE = "public, max-age=86400"
blp = Blueprint("releases", __name__, url_prefix="/v1/releases",
                description="Published versions: every release is addressable with `version=`.")


def _summary(library: Library, release: Release) -> dict[str, Any]:
    return {
        "name": release.name,
        "commit": release.sha,
        "released_at": release.tag.tagged_at.isoformat(),
        "message": release.message,
        "counts": library.counts(release.sha),
        "href": f"/v1/releases/{release.name}",
    }


@blp.route("")
class Releases(MethodView):
    @documented_read(blp, schemas.ReleaseListSchema, NoQuerySchema, (400,))
    def get(self) -> Response:
        """Every release, newest first, and which one is live."""
        parse("none", read_request().query_string)
        service = runtime().service
        state = service.library.state
        payload = {
            "live": state.release,
            "items": [_summary(service.library, r) for r in reversed(state.releases)],
        }
        rep = represent(payload, "fi")
        return to_response(answer(rep, read_request(), version=state.edition.version,
                                  cache_control=f"public, max-age={service.max_age}"))


@blp.route("/<string:name>")
class ReleaseDetail(MethodView):
    @documented_read(blp, schemas.ReleaseSchema, NoQuerySchema, (400, 404))
    def get(self, name: str) -> Response:
        """One release with the documents it added, changed and removed."""
        parse("none", read_request().query_string)
        library = runtime().service.library
        release = library.state.release_named(name)
        if release is None:
            raise ProblemError(404, "Not Found", f'release "{name}" does not exist; see /v1/releases')
        notes = library.notes(release)
        changes = {
            change: [{"type": c.kind.value, "id": c.id, "title": c.title} for c in notes.by_change(change)]
            for change in ("added", "changed", "removed")
        }
        payload = {**_summary(library, release), "previous": notes.previous, "notes": release.tag.message,
                   "changes": changes}
        return to_response(answer(represent(payload, "fi"), read_request(), version=release.sha,
                                  cache_control=RELEASE_CACHE))

