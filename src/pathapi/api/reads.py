"""Read handlers shared by Flask views and the fast lane: plain inputs in, a Reply out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

import orjson
from werkzeug.http import http_date, parse_date, parse_etags

from pathapi.api import params
from pathapi.api.problems import CORS_HEADERS
from pathapi.content.kinds import ID_PATTERN, Kind
from pathapi.content.versions import CURRENT
from pathapi.delivery import search
from pathapi.delivery.aliases import FilterMoved, Moved
from pathapi.delivery.catalog import EXPANDABLE_ITEM, EXPANDABLE_LIST
from pathapi.delivery.client_types import client_schema
from pathapi.delivery.freshness import rollback_floor
from pathapi.delivery.html import HTML
from pathapi.delivery.localize import negotiate
from pathapi.delivery.present import API_PREFIX, href
from pathapi.delivery.problems import ProblemError, bad_parameter, not_found
from pathapi.delivery.representation import Representation, represent
from pathapi.delivery.service import Context, ReadService
from pathapi.delivery.steps import SCHEMA_NAME, step_schema

JSON_TYPE = "application/json"
LIST_PARAMETERS = {Kind.PATH: "path_list", Kind.TOPIC: "topic_list", Kind.CHANNEL: "channel_list"}


def query_text(raw: bytes) -> str:
    """A raw query string as text: clients may send UTF-8 unescaped (``?q=päiv``), as browsers do escaped."""
    return raw.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class ReadRequest:
    """What a read depends on: the query string and a few request headers."""

    query_string: str = ""
    accept_language: str | None = None
    if_none_match: str | None = None
    authorization: str | None = None
    if_modified_since: str | None = None


@dataclass(frozen=True)
class Reply:
    """A complete HTTP answer: status, headers and body bytes."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def reply(rep: Representation, context: Context, request: ReadRequest, negotiated: bool) -> Reply:
    """200 with a document's representation, or 304 when the client's ETag still matches."""
    return answer(
        rep,
        request,
        version=context.edition.version,
        cache_control=context.cache_control,
        negotiated=negotiated,
        vary_authorization=context.authorization_matters,
    )


def answer(
    rep: Representation,
    request: ReadRequest,
    *,
    version: str,
    cache_control: str,
    negotiated: bool = False,
    vary_authorization: bool = False,
    content_type: str = JSON_TYPE,
) -> Reply:
    """200 with REP and its caching headers, or 304 when the client's ETag still matches."""
    vary = ", ".join(
        name for name, used in (("Accept-Language", negotiated), ("Authorization", vary_authorization)) if used
    )
    headers = [
        ("ETag", rep.etag),
        ("Cache-Control", cache_control),
        ("Content-Version", version),
        ("Content-Language", rep.language),
        *CORS_HEADERS,
    ]
    if vary:
        headers.append(("Vary", vary))
    if rep.links:
        headers.append(("Link", ", ".join(f'<{url}>; rel="{rel}"' for rel, url in rep.links)))
    if not_modified(rep, request):  # the ETag guides cache updates; RFC 9110 15.4.5
        return Reply(304, headers, b"")
    if rep.last_modified is not None:
        headers.append(("Last-Modified", http_date(rep.last_modified)))
    headers.append(("Content-Type", content_type))
    return Reply(200, headers, rep.body)


def not_modified(rep: Representation, request: ReadRequest) -> bool:
    """Whether the client's copy is current: If-None-Match decides when sent (RFC 9110 13.2.2)."""
    if request.if_none_match:
        return parse_etags(request.if_none_match).contains_weak(rep.etag[1:-1])
    since = parse_date(request.if_modified_since) if request.if_modified_since else None
    return since is not None and rep.last_modified is not None and rep.last_modified <= since


def moved(moved_to: Moved, suffix: str, context: Context, request: ReadRequest) -> Reply:
    """301 from a former id to the document's current URL, keeping the query string."""
    location = href(moved_to.kind, moved_to.doc_id) + suffix
    location += f"?{request.query_string}" if request.query_string else ""
    return redirect(location, moved_to.kind, moved_to.doc_id, context)


def filter_moved(moved_to: FilterMoved, route: str, context: Context, request: ReadRequest) -> Reply:
    """301 from a list or search filtered by a former id to the same question asked with the current id."""
    pairs = [
        (name, moved_to.current if (name, value) == (moved_to.parameter, moved_to.value) else value)
        for name, value in parse_qsl(request.query_string, keep_blank_values=True)
    ]
    return redirect(f"{route}?{urlencode(pairs, safe=',')}", moved_to.kind, moved_to.current, context)


def redirect(location: str, kind: Kind, doc_id: str, context: Context) -> Reply:
    """301 to LOCATION, naming the document KIND/DOC_ID that the former id now stands for."""
    body = orjson.dumps({"id": doc_id, "type": kind.value, "href": location})
    vary = ", ".join(["Authorization"] if context.authorization_matters else [])
    headers = [
        ("Location", location),
        ("Cache-Control", context.cache_control),
        ("Content-Version", context.edition.version),
        *CORS_HEADERS,
        ("Content-Type", JSON_TYPE),
    ]
    return Reply(301, [*headers, *([("Vary", vary)] if vary else [])], body)


def pinned(parsed: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The ``version`` or ``ref``, ``audience`` and ``format`` asked for: links in the answer keep them."""
    return tuple((name, parsed[name]) for name in ("version", "ref", "audience", "format") if parsed.get(name))


def live_floor(service: ReadService, parsed: dict[str, Any], rep: Representation) -> Representation:
    """REP, its Last-Modified raised to the moment of a rollback when the live version is one."""
    if parsed.get("version") or parsed.get("ref") or rep.last_modified is None:
        return rep
    floor = rollback_floor(service.library)
    return replace(rep, last_modified=floor) if floor is not None and floor > rep.last_modified else rep


def language(parsed: dict[str, Any], request: ReadRequest) -> tuple[str, bool]:
    """The response language and whether it was negotiated from Accept-Language."""
    lang = parsed.get("lang")
    if isinstance(lang, str):
        return lang, False
    return negotiate(request.accept_language), True


def read_item(service: ReadService, kind: Kind, doc_id: str, request: ReadRequest) -> Reply:
    """One document of KIND, localized; 404 names an unknown id, 400 a bad parameter."""
    parsed = params.parse("item", request.query_string)
    context = service.context(parsed, request.authorization)
    if not ID_PATTERN.match(doc_id):
        raise not_found(kind.value, doc_id)
    lang, negotiated = language(parsed, request)
    expand = params.expand_set(parsed.get("expand"), EXPANDABLE_ITEM[kind])
    try:
        rep = context.catalog.item(kind, doc_id, lang, expand, pinned(parsed), parsed.get("format") == HTML)
    except Moved as moved_to:
        return moved(moved_to, "", context, request)
    return reply(live_floor(service, parsed, rep), context, request, negotiated)


def read_collection(service: ReadService, kind: Kind, request: ReadRequest) -> Reply:
    """A page of KIND's documents, filtered (paths) and localized."""
    parsed = params.parse(LIST_PARAMETERS.get(kind, "list"), request.query_string)
    context = service.context(parsed, request.authorization)
    lang, negotiated = language(parsed, request)
    query = replace(params.list_query(parsed, EXPANDABLE_LIST[kind]), pinned=pinned(parsed))
    try:
        rep = context.catalog.collection(kind, query, lang, parsed.get("format") == HTML)
    except FilterMoved as moved_to:
        return filter_moved(moved_to, f"{API_PREFIX}/{kind.folder}", context, request)
    return reply(live_floor(service, parsed, rep), context, request, negotiated)


def read_history(service: ReadService, kind: Kind, doc_id: str, request: ReadRequest) -> Reply:
    """Commits and releases that changed one visible document."""
    parsed = params.parse("history", request.query_string)
    context = service.context(parsed, request.authorization)
    if not ID_PATTERN.match(doc_id):
        raise not_found(kind.value, doc_id)
    try:
        context.catalog.item(kind, doc_id, "fi")  # 404 or 410 unless visible here
    except Moved as moved_to:
        return moved(moved_to, "/history", context, request)
    now = service.clock()
    history, moments = service.library.history(context.edition, kind, doc_id, context.view, now, parsed.get("version"))
    payload = {"id": doc_id, "type": kind.value, **history}
    pinned_to = parsed.get("version")
    immutable = isinstance(pinned_to, str) and service.library.immutable(pinned_to)
    cache_control = service.view_cache_control(context.view, context.edition, now, moments=moments, pinned=immutable)
    return answer(
        represent(payload, "fi"),
        request,
        version=context.edition.version,
        cache_control=cache_control,
        vary_authorization=context.authorization_matters,
    )


def read_search(service: ReadService, request: ReadRequest) -> Reply:
    """Paths, channels and topics matching ``q``, ranked, with highlighted snippets and where they are."""
    parsed = params.parse("search", request.query_string)
    context = service.context(parsed, request.authorization)
    lang, negotiated = language(parsed, request)
    query = _search_words(parsed["q"])
    catalog = context.catalog
    try:
        for name in ("topic", "segment"):
            if name in parsed:
                catalog.check_filter(name, parsed[name])
    except FilterMoved as moved_to:
        return filter_moved(moved_to, f"{API_PREFIX}/search", context, request)
    types = tuple(sorted(set(parsed["type"].split(",")))) if "type" in parsed else ()
    per_page = parsed.get("per_page") or parsed.get("limit") or 10
    shaping = pinned(parsed)
    key = (
        "search",
        lang,
        query.lower(),
        types,
        parsed.get("topic"),
        parsed.get("segment"),
        parsed["page"],
        per_page,
        shaping,
    )
    rep = catalog.answer(
        key,
        lambda: paged(
            search.search_for(catalog, lang).answer(
                query,
                page=parsed["page"],
                per_page=per_page,
                types=types,
                topic=parsed.get("topic"),
                segment=parsed.get("segment"),
                context=shaping,
            ),
            lang,
        ),
    )
    return reply(rep, context, request, negotiated)


def paged(payload: dict[str, Any], lang: str) -> Representation:
    """A page of a list as a representation whose neighbours also go in an RFC 8288 ``Link`` header."""
    links = payload["links"]
    return replace(represent(payload, lang), links=tuple((rel, url) for rel, url in links.items() if url))


def read_suggest(service: ReadService, request: ReadRequest) -> Reply:
    """Completions for a search box: words of the index and titles that start as typed."""
    parsed = params.parse("suggest", request.query_string)
    context = service.context(parsed, request.authorization)
    lang, negotiated = language(parsed, request)
    query = _search_words(parsed["q"])
    catalog = context.catalog
    kept = pinned(parsed)
    rep = catalog.answer(
        ("suggest", lang, query.lower(), parsed["limit"], kept),
        lambda: represent(search.search_for(catalog, lang).suggester.suggest(query, parsed["limit"], kept), lang),
    )
    return reply(rep, context, request, negotiated)


def _search_words(q: str) -> str:
    """The query with its whitespace normalized; 400 when it has no word at all."""
    query = " ".join(q.split())
    if not search.WORD.search(query):
        raise bad_parameter("q", "give at least one word to search for")
    return query


SCHEMA_TYPE = "application/schema+json"


def read_schema_list(service: ReadService, request: ReadRequest) -> Reply:
    """The client schemas on offer, one per document type."""
    parsed = params.parse("history", request.query_string)
    context = service.context(parsed, request.authorization)
    items = [
        {
            "name": kind.value,
            "title": context.edition.snapshot.content_schemas[kind.schema_file].get("title", ""),
            "href": f"/v1/schemas/{kind.value}",
            "delivered": f"/v1/schemas/{kind.value}?form=delivered",
            "intranet": f"/v1/schemas/{kind.value}?form=intranet",
        }
        for kind in Kind
    ]
    items.append(
        {
            "name": SCHEMA_NAME,
            "title": "A step of a path (GET /v1/paths/{id}/steps/{step_id})",
            "href": f"/v1/schemas/{SCHEMA_NAME}",
            "delivered": f"/v1/schemas/{SCHEMA_NAME}?form=delivered",
            "intranet": f"/v1/schemas/{SCHEMA_NAME}?form=intranet",
        }
    )
    return reply(represent({"schema_version": CURRENT, "items": items}, "fi"), context, request, False)


def read_schema(service: ReadService, name: str, request: ReadRequest) -> Reply:
    """One self-contained JSON Schema, as stored (``form=content``) or as delivered."""
    parsed = params.parse("schema", request.query_string)
    context = service.context(parsed, request.authorization)
    kind = next((k for k in Kind if k.value == name), None)
    if name == SCHEMA_NAME:
        return _step_schema(context, parsed["form"], request)
    if kind is None:
        allowed = ", ".join([*(k.value for k in Kind), SCHEMA_NAME])
        raise ProblemError(404, "Not Found", f'schema "{name}" does not exist; there are: {allowed}')
    form = parsed["form"]
    memo = context.catalog.memo
    rep = memo.get(("schema", kind, form))
    if rep is None:
        rep = memo[("schema", kind, form)] = represent(
            client_schema(context.edition.snapshot.content_schemas, kind, form), "fi"
        )
    return answer(
        rep,
        request,
        version=context.edition.version,
        cache_control=context.cache_control,
        content_type=SCHEMA_TYPE,
        vary_authorization=context.authorization_matters,
    )


def _step_schema(context: Context, form: str, request: ReadRequest) -> Reply:
    """The schema of a step: as stored inside a path, or as its deep link delivers it."""
    memo = context.catalog.memo
    rep = memo.get(("schema", SCHEMA_NAME, form))
    if rep is None:
        rep = memo[("schema", SCHEMA_NAME, form)] = represent(
            step_schema(context.edition.snapshot.content_schemas, form), "fi"
        )
    return answer(
        rep,
        request,
        version=context.edition.version,
        cache_control=context.cache_control,
        content_type=SCHEMA_TYPE,
        vary_authorization=context.authorization_matters,
    )
