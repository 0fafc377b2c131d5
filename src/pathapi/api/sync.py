"""Sync for the mobile app: ``/v1/bundle`` for a first install, then cheap delta pages from ``/v1/sync``."""

from __future__ import annotations

import gzip
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api.documenting import documented_read, ref
from pathapi.api.params import BundleParams, SyncParams
from pathapi.api.query_string import parse
from pathapi.api.replies import ReadRequest, Reply, answer, language, read_request, to_response
from pathapi.api.runtime import runtime
from pathapi.content.audience import APP, INTRANET
from pathapi.content.kinds import Kind
from pathapi.delivery.access import INTRANET_RIGHT, PREVIEW_RIGHT, Grant, needs
from pathapi.delivery.cache import MB, AttachedCache
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.edition import Edition
from pathapi.delivery.html import HTML, MARKDOWN
from pathapi.delivery.library import Library
from pathapi.delivery.problems import ProblemError, bad_parameter
from pathapi.delivery.representation import Representation, of_bytes
from pathapi.delivery.service import INTRANET_PREVIEW, PREVIEW, PRIVATE_CACHE, YEAR, ReadService
from pathapi.delivery.sync import (
    Changes,
    Cursor,
    Delta,
    SyncPoint,
    catalog_for,
    decode_cursor,
    decode_token,
    encode_cursor,
    encode_token,
    entry,
    members,
    point_now,
)
from pathapi.delivery.tokens import start_over

GZIP_TYPE = "application/gzip"
SYNC_VIEWS = {(False, False): APP, (True, False): PREVIEW, (False, True): INTRANET, (True, True): INTRANET_PREVIEW}
PAGE_SIZES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)  # sync page sizes; a limit is rounded down to one
# Sync answers computed once, each cache owned here: per library (sets, pages) or per catalog (bundles).
MEMBERS: AttachedCache[Library, SyncPoint, Delta] = AttachedCache("sync.members", 256, 4 * MB)
SYNC_PAGES: AttachedCache[Library, tuple[SyncPoint | None, SyncPoint, int, int], Representation] = AttachedCache(
    "sync.pages", 2048, 12 * MB
)
BUNDLES: AttachedCache[Catalog, SyncPoint, Representation] = AttachedCache("sync.bundles", 64, 8 * MB)
blp = Blueprint(
    "sync",
    __name__,
    url_prefix="/v1",
    description="For the mobile app: first install (bundle), then cheap delta syncs.",
)
BUNDLE_BODY = {
    "type": "string",
    "format": "binary",
    "contentMediaType": GZIP_TYPE,
    "description": "gzip-compressed JSON; decompressed, it is a Bundle.",
    "x-decompressed": ref("Bundle"),
}


def _view(service: ReadService, request: ReadRequest) -> tuple[str, Grant]:
    """The sync view of the request's rights (the app's without a token) and those rights."""
    grant = service.grant(request.authorization)
    return SYNC_VIEWS[(grant.preview, grant.intranet)], grant


def _target(service: ReadService, parsed: dict[str, Any], grant: Grant) -> Edition:
    ref = parsed.get("ref")
    if ref and not grant.preview:
        raise needs(PREVIEW_RIGHT, grant, "ref", "query parameter 'ref' (a branch, release or commit)")
    return service.library.ref(ref) if ref else service.library.state.edition


def _own_view(kept: str, view: str, grant: Grant, what: str) -> None:
    """401/403 when a token or cursor of view KEPT needs a right the reader lacks; 400 for another view."""
    if kept == view:
        return
    for right, views in ((PREVIEW_RIGHT, (PREVIEW, INTRANET_PREVIEW)), (INTRANET_RIGHT, (INTRANET, INTRANET_PREVIEW))):
        if kept in views and right not in grant.rights:
            raise needs(right, grant, what, f"this {what} (issued for the {kept} view)")
    raise start_over(what, f"was issued for the {kept} view, and your token reads the {view} view")


def _edition(service: ReadService, target: SyncPoint, now: datetime) -> Edition:
    """The edition a cursor's TARGET was computed from, once every field checks out."""
    changes = Changes(service.library)
    changes.published(target, "cursor")
    built = service.library.build(target.commit)
    if not isinstance(built, Edition):
        raise start_over("cursor", "names a version that is not served")
    changes.honest(target, built, now, "cursor")
    if target.topic and built.snapshot.get(Kind.TOPIC, target.topic) is None:
        raise start_over("cursor", "names no topic of its version")
    return built


def _same(name: str, given: Any, kept: Any) -> None:
    if given is not None and given != kept:
        raise ProblemError(
            400,
            "Bad Request",
            f"query parameter '{name}': the token was made for {name}={kept}; keep it, or start over without a token",
            parameter=name,
        )


def _known_topic(edition: Edition, topic: str | None) -> None:
    if topic and edition.snapshot.get(Kind.TOPIC, topic) is None:
        allowed = ", ".join(sorted(edition.snapshot.documents[Kind.TOPIC]))
        raise bad_parameter("topic", f'unknown value "{topic}"; allowed: {allowed}')


def _since(service: ReadService, since: SyncPoint, edition: Edition, now: datetime, what: str) -> None:
    """A start-over 400 unless SINCE is a point this server could have handed out."""
    changes = Changes(service.library)
    changes.published(since, what)
    changes.honest(since, edition, now, what)
    if since.topic and edition.snapshot.get(Kind.TOPIC, since.topic) is None:
        raise start_over(what, "names a topic that no longer exists")


@dataclass(frozen=True)
class _Asked:
    """Which sync page a request asks for: of EDITION, from SINCE (None: everything) to TARGET, from OFFSET."""

    edition: Edition
    since: SyncPoint | None
    target: SyncPoint
    offset: int = 0
    negotiated: bool = False  # the language came from Accept-Language (not lang=, a token or a cursor)


def _continued(service: ReadService, parsed: dict[str, Any], view: str, grant: Grant, now: datetime) -> _Asked:
    """The page a ``cursor`` names: the rest of an earlier answer, once every field checks out."""
    if set(parsed) - {"cursor", "limit"}:
        raise ProblemError(
            400, "Bad Request", "a 'cursor' carries everything else; give only cursor and limit", parameter="cursor"
        )
    cursor = decode_cursor(service.seal, parsed["cursor"])
    _own_view(cursor.target.view, view, grant, "cursor")
    edition = _edition(service, cursor.target, now)
    if cursor.since is not None:
        _since(service, cursor.since, edition, now, "cursor")
    return _Asked(edition, cursor.since, cursor.target, cursor.offset)


def _started(
    service: ReadService, parsed: dict[str, Any], request: ReadRequest, view: str, grant: Grant, now: datetime
) -> _Asked:
    """The first page of everything, or of what changed since ``token`` (in the token's language, topic and format)."""
    edition = _target(service, parsed, grant)
    since = decode_token(service.seal, parsed["token"]) if parsed.get("token") else None
    negotiated = False
    if since is not None:
        _own_view(since.view, view, grant, "token")
        _since(service, since, edition, now, "token")
        _same("lang", parsed.get("lang"), since.lang)
        _same("topic", parsed.get("topic"), since.topic)
        _same("format", parsed.get("format"), HTML if since.html else MARKDOWN)
        lang, topic, html = since.lang, since.topic, since.html
    else:
        (lang, negotiated), topic = language(parsed, request), parsed.get("topic")
        html = parsed.get("format") == HTML
    _known_topic(edition, topic)
    return _Asked(edition, since, point_now(edition, now, lang, topic, view, html), negotiated=negotiated)


def read_sync(service: ReadService, request: ReadRequest) -> Reply:
    """A page of the app's documents: everything, or what changed since ``token``."""
    parsed = parse(SyncParams, request.query_string)
    view, grant = _view(service, request)
    now = service.clock()
    cursor = bool(parsed.get("cursor"))
    asked = (
        _continued(service, parsed, view, grant, now)
        if cursor
        else _started(service, parsed, request, view, grant, now)
    )
    if view != APP:
        cache_control = PRIVATE_CACHE  # intranet and preview sets are never shared
    else:
        cache_control = f"public, max-age={YEAR}, immutable" if cursor else service.cache_control(asked.edition, now)
    rep = _page(service, asked.edition, asked.since, asked.target, asked.offset, parsed["limit"])
    return answer(
        rep,
        request,
        version=asked.edition.version,
        cache_control=cache_control,
        negotiated=asked.negotiated,
        vary_authorization=service.authorization_matters,
    )


def _changes(service: ReadService, edition: Edition, since: SyncPoint | None, target: SyncPoint) -> Delta:
    """(upserted, deleted) keys of one sync answer: the whole set, or the delta since SINCE."""
    if since is not None:
        return Changes(service.library).between(since, edition, target)
    return MEMBERS.get_or_compute(service.library, target, lambda: (members(catalog_for(edition, target), target), []))


def _page(
    service: ReadService, edition: Edition, since: SyncPoint | None, target: SyncPoint, offset: int, limit: int
) -> Representation:
    """The bytes of one sync page, computed once per (since, target, offset, page size).

    A page holds at most LIMIT documents: LIMIT is rounded down to one of PAGE_SIZES, and a
    size reaching past the end to the documents left, so a thousand distinct limits share a
    few pages (in this cache and in every cache in front of the API).
    """
    upserts, deletes = _changes(service, edition, since, target)
    if offset and offset >= len(upserts):
        raise start_over("cursor", "names a page past the end")
    limit = min(PAGE_SIZES[bisect_right(PAGE_SIZES, limit) - 1], max(1, len(upserts) - offset))

    def build() -> Representation:
        catalog = catalog_for(edition, target)
        end = offset + limit
        last = end >= len(upserts)
        items = [orjson.Fragment(entry(catalog, key, target.lang, target.html)) for key in upserts[offset:end]]
        cursor = None if last else encode_cursor(service.seal, Cursor(target, since, end))
        tail = {
            "deleted": [{"type": k.value, "id": i} for k, i in deletes] if offset == 0 else [],
            "sync_token": encode_token(service.seal, target) if last else None,
            "next": None if last else f"/v1/sync?cursor={cursor}&limit={limit}",
            "version": edition.version,
            "language": target.lang,
            "total": len(upserts),
        }
        return of_bytes(orjson.dumps({"items": items, **tail}), target.lang)

    return SYNC_PAGES.get_or_compute(service.library, (since, target, offset, limit), build)


def read_bundle(service: ReadService, request: ReadRequest) -> Reply:
    """Everything the app needs for a first install, in one gzip file with its sync token."""
    parsed = parse(BundleParams, request.query_string)
    view, grant = _view(service, request)
    edition = _target(service, parsed, grant)
    _known_topic(edition, parsed.get("topic"))
    now = service.clock()
    lang, negotiated = language(parsed, request)
    target = point_now(edition, now, lang, parsed.get("topic"), view, parsed.get("format") == HTML)
    catalog = catalog_for(edition, target)

    def build() -> Representation:
        items = [orjson.Fragment(entry(catalog, k, lang, target.html)) for k in members(catalog, target)]
        token = encode_token(service.seal, target)
        document = orjson.dumps({"version": edition.version, "language": lang, "sync_token": token, "items": items})
        return of_bytes(gzip.compress(document, compresslevel=9, mtime=0), lang)

    rep = BUNDLES.get_or_compute(catalog, target, build)
    cache_control = PRIVATE_CACHE if view != APP else service.cache_control(edition, now)
    reply = answer(
        rep,
        request,
        version=edition.version,
        cache_control=cache_control,
        content_type=GZIP_TYPE,
        negotiated=negotiated,
        vary_authorization=service.authorization_matters,
    )
    name = f"pathapi-bundle-{lang}-{edition.version[:12]}.json.gz"
    return Reply(reply.status, [*reply.headers, ("Content-Disposition", f'attachment; filename="{name}"')], reply.body)


@blp.route("/sync")
class Sync(MethodView):
    @documented_read(blp, "SyncPage", SyncParams, (400, 401, 404))
    def get(self) -> Response:
        """Every document the app may hold, or with `token` only what changed since; follow `next`."""
        return to_response(read_sync(runtime().service, read_request()))


@blp.route("/bundle")
class Bundle(MethodView):
    @documented_read(
        blp,
        BUNDLE_BODY,
        BundleParams,
        (400, 401, 404),
        content_type=GZIP_TYPE,
        description="A gzip file holding a `Bundle` (see its schema).",
    )
    def get(self) -> Response:
        """Everything for a first install in one compressed file, with its sync token."""
        return to_response(read_bundle(runtime().service, read_request()))
