"""Releases: what has been published, when, and what changed, as the reader's view sees it.

The tag message names every document the release touched, drafts and intranet-only ones
included; so ``notes`` and ``changes`` are derived per view (public, intranet with its token,
preview with its token) and only the editor's own first line (``message``) is shown as written.
"""

from __future__ import annotations

from datetime import datetime
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
from pathapi.delivery.problems import ProblemError
from pathapi.delivery.representation import represent
from pathapi.delivery.service import ReadService
from pathapi.store.releases import Release

RELEASE_MAX_AGE = 86_400  # a release's content never changes; what a view sees of it may, at scheduled moments
blp = Blueprint("releases", __name__, url_prefix="/v1/releases",
                description="Published versions: every release is addressable with `version=`.")


def _summary(service: ReadService, release: Release, view: str, now: datetime) -> dict[str, Any]:
    return {
        "name": release.name,
        "commit": release.sha,
        "released_at": release.tag.tagged_at.isoformat(),
        "message": release.message,
        "counts": service.library.counts(release.sha, view, now),
        "href": f"/v1/releases/{release.name}",
    }


def _reader() -> tuple[ReadService, str, datetime]:
    """The service, the reader's view (public, intranet or preview) and the moment of the request."""
    parse("none", read_request().query_string)
    service = runtime().service
    return service, service.access(read_request().authorization), service.clock()


@blp.route("")
class Releases(MethodView):
    @documented_read(blp, schemas.ReleaseListSchema, NoQuerySchema, (400, 401))
    def get(self) -> Response:
        """Every release, newest first, and which one is live."""
        service, view, now = _reader()
        state = service.library.state
        payload = {
            "live": state.release,
            "items": [_summary(service, r, view, now) for r in reversed(state.releases)],
        }
        moments = service.library.changelog.moments(r.sha for r in state.releases)
        cache_control = service.view_cache_control(view, state.edition, now, pinned=False, moments=moments)
        return to_response(answer(represent(payload, "fi"), read_request(), version=state.edition.version,
                                  cache_control=cache_control, vary_authorization=service.authorization_matters))


@blp.route("/<string:name>")
class ReleaseDetail(MethodView):
    @documented_read(blp, schemas.ReleaseSchema, NoQuerySchema, (400, 401, 404))
    def get(self, name: str) -> Response:
        """One release with the documents it added, changed and removed, as your view sees them."""
        service, view, now = _reader()
        library = service.library
        release = library.state.release_named(name)
        if release is None:
            raise ProblemError(404, "Not Found", f'release "{name}" does not exist; see /v1/releases')
        notes = library.notes(release, view, now)
        changes = {
            change: [{"type": c.kind.value, "id": c.id, "title": c.title} for c in notes.by_change(change)]
            for change in ("added", "changed", "removed")
        }
        payload = {**_summary(service, release, view, now), "previous": notes.previous, "notes": notes.markdown(),
                   "changes": changes}
        before = library.before(release)
        moments = library.changelog.moments([release.sha, *([before.sha] if before else [])])
        cache_control = service.view_cache_control(view, library.state.edition, now, pinned=True, moments=moments,
                                                   longest=RELEASE_MAX_AGE)
        return to_response(answer(represent(payload, "fi"), read_request(), version=release.sha,
                                  cache_control=cache_control, vary_authorization=service.authorization_matters))
