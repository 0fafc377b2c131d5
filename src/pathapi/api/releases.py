"""Releases and history: what has been published, when, and what changed, as the reader's view sees it.

``/v1/releases[/{name}]`` and each document's ``/v1/<kind>s/{id}/history``. The tag message
names every document the release touched, drafts and intranet-only ones included; so
``notes`` and ``changes`` are derived per view (public, intranet with its token, preview with
its token) and only the editor's own first line (``message``) is shown as written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api import models
from pathapi.api.documenting import documented_read, moved
from pathapi.api.params import NoParams, ReleaseListParams, VersionParams
from pathapi.api.query_string import parse
from pathapi.api.replies import ReadRequest, Reply, answer, moved_reply, read_request, to_response
from pathapi.api.runtime import runtime
from pathapi.content.kinds import ID_PATTERN, Kind
from pathapi.delivery.aliases import Moved
from pathapi.delivery.problems import ProblemError, bad_parameter, not_found
from pathapi.delivery.representation import represent
from pathapi.delivery.service import ReadService
from pathapi.store.release_tags import Release, ReleaseNotes

RELEASE_MAX_AGE = 86_400  # a release's content never changes; what a view sees of it may, at scheduled moments
blp = Blueprint(
    "releases",
    __name__,
    url_prefix="/v1/releases",
    description="Published versions: every release is addressable with `version=`.",
)


def _summary(service: ReadService, release: Release, view: str, now: datetime) -> dict[str, Any]:
    return {
        "name": release.name,
        "commit": release.sha,
        "released_at": release.tag.tagged_at.isoformat(),
        "message": release.message,
        "counts": service.library.counts(release.sha, view, now),
        "href": f"/v1/releases/{release.name}",
    }


def _moment(value: str) -> datetime:
    """A ``since`` value as an aware moment: a date is 00:00 UTC; 400 for an impossible one."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise bad_parameter("since", f'"{value}" is not a real date or moment, e.g. 2026-11-24') from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _changes(service: ReadService, old: str | None, new: str, notes: ReleaseNotes, view: str) -> dict[str, Any]:
    """Documents added, changed and removed from commit OLD to NEW, changed ones with their field changes."""
    changelog, fields = service.library.changelog, service.library.field_changes
    found: dict[str, list[dict[str, Any]]] = {}
    for change in ("added", "changed", "removed"):
        found[change] = []
        for c in notes.by_change(change):
            entry: dict[str, Any] = {"type": c.kind.value, "id": c.id, "title": c.title}
            if change == "changed" and old is not None:
                key = (c.kind, c.id)
                entry["fields"] = fields.between(c.kind, c.id, changelog.tree(old)[key], changelog.tree(new)[key], view)
            found[change].append(entry)
    return found


def _changes_since(
    service: ReadService, since: datetime, listed: list[Release], view: str, now: datetime
) -> dict[str, Any]:
    """The release live at SINCE and what changed in VIEW from it to the newest of LISTED."""
    releases = service.library.state.releases
    base = next((r for r in reversed(releases) if r.tag.tagged_at < since), None)
    newest = listed[-1].sha if listed else (base.sha if base else None)
    changelog = service.library.changelog
    notes = changelog.notes(base.sha if base else None, newest, None, view, now) if newest else ReleaseNotes(None)
    return {
        "since": since.isoformat(),
        "previous": base.name if base else None,
        "changes": _changes(service, base.sha if base else None, newest or "", notes, view),
    }


def read_releases(service: ReadService, request: ReadRequest) -> Reply:
    """Every release, newest first, and which one is live; with ``since``, what changed since then."""
    parsed = parse(ReleaseListParams, request.query_string)
    view, now, state = service.access(request.authorization), service.clock(), service.library.state
    since = _moment(parsed["since"]) if parsed.get("since") else None
    listed = [r for r in state.releases if since is None or r.tag.tagged_at >= since]
    payload: dict[str, Any] = {
        "live": state.release,
        "items": [_summary(service, r, view, now) for r in reversed(listed)],
    }
    if since is not None:
        payload |= _changes_since(service, since, listed, view, now)
    moments = service.library.changelog.moments(r.sha for r in state.releases)
    cache_control = service.view_cache_control(view, state.edition, now, pinned=False, moments=moments)
    return answer(
        represent(payload, "fi"),
        request,
        version=state.edition.version,
        cache_control=cache_control,
        vary_authorization=service.authorization_matters,
    )


def read_release(service: ReadService, name: str, request: ReadRequest) -> Reply:
    """One release with the documents it added, changed and removed, as the reader's view sees them."""
    parse(NoParams, request.query_string)
    view, now, library = service.access(request.authorization), service.clock(), service.library
    release = library.state.release_named(name)
    if release is None:
        raise ProblemError(404, "Not Found", f'release "{name}" does not exist; see /v1/releases')
    notes, before = library.notes(release, view, now), library.before(release)
    changes = _changes(service, before.sha if before else None, release.sha, notes, view)
    payload = {**_summary(service, release, view, now), "previous": notes.previous, "notes": notes.markdown()}
    moments = library.changelog.moments([release.sha, *([before.sha] if before else [])])
    cache_control = service.view_cache_control(
        view, library.state.edition, now, pinned=True, moments=moments, longest=RELEASE_MAX_AGE
    )
    return answer(
        represent({**payload, "changes": changes}, "fi"),
        request,
        version=release.sha,
        cache_control=cache_control,
        vary_authorization=service.authorization_matters,
    )


def read_history(service: ReadService, kind: Kind, doc_id: str, request: ReadRequest) -> Reply:
    """Commits and releases that changed one visible document."""
    parsed = parse(VersionParams, request.query_string)
    context = service.context(parsed, request.authorization)
    if not ID_PATTERN.match(doc_id):
        raise not_found(kind.value, doc_id)
    try:
        context.catalog.item(kind, doc_id, "fi")  # 404 or 410 unless visible here
    except Moved as moved_to:
        return moved_reply(moved_to, "/history", context, request)
    now = service.clock()
    history, moments = service.library.history(context.edition, kind, doc_id, context.view, now, parsed.get("version"))
    pinned_to = parsed.get("version")
    immutable = isinstance(pinned_to, str) and service.library.immutable(pinned_to)
    cache_control = service.view_cache_control(context.view, context.edition, now, moments=moments, pinned=immutable)
    return answer(
        represent({"id": doc_id, "type": kind.value, **history}, "fi"),
        request,
        version=context.edition.version,
        cache_control=cache_control,
        vary_authorization=context.authorization_matters,
    )


@blp.route("")
class Releases(MethodView):
    @documented_read(blp, models.ReleaseListModel, ReleaseListParams, (400, 401))
    def get(self) -> Response:
        """Every release, newest first, and which one is live; with `since`, what changed since then."""
        return to_response(read_releases(runtime().service, read_request()))


@blp.route("/<string:name>")
class ReleaseDetail(MethodView):
    @documented_read(blp, models.ReleaseModel, NoParams, (400, 401, 404))
    def get(self, name: str) -> Response:
        """One release with the documents it added, changed and removed, as your view sees them."""
        return to_response(read_release(runtime().service, name, read_request()))


def history_view(documents: Blueprint, kind: Kind) -> type[MethodView]:
    """The view of ``/v1/<kind>s/<id>/history`` on the collection's Blueprint DOCUMENTS."""

    class History(MethodView):
        @moved(documents)
        @documented_read(documents, models.HistoryModel, VersionParams, (400, 401, 404, 410, 503))
        def get(self, doc_id: str) -> Response:
            """Commits and releases that changed this document."""
            return to_response(read_history(runtime().service, kind, doc_id, read_request()))

    return History
