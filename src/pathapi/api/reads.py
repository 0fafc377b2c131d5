"""Read handlers shared by Flask views and the fast lane: plain inputs in, a Reply out."""

from __future__ import annotations

from dataclasses import replace

from pathapi.api.params import LIST_PARAMS, ItemParams, SchemaParams, SearchParams, SuggestParams, VersionParams
from pathapi.api.query_string import expand_set, list_query, parse
from pathapi.api.replies import (
    ReadRequest,
    Reply,
    answer,
    filter_moved,
    language,
    live_floor,
    moved,
    paged,
    pinned,
    reply,
)
from pathapi.content.kinds import ID_PATTERN, Kind
from pathapi.content.versions import CURRENT
from pathapi.delivery import search
from pathapi.delivery.aliases import FilterMoved, Moved
from pathapi.delivery.cache import MB, AttachedCache
from pathapi.delivery.catalog import EXPANDABLE_ITEM, Catalog
from pathapi.delivery.client_types import client_schema
from pathapi.delivery.html import HTML
from pathapi.delivery.present import API_PREFIX
from pathapi.delivery.problems import ProblemError, bad_parameter, not_found
from pathapi.delivery.representation import Representation, represent
from pathapi.delivery.service import Context, ReadService
from pathapi.delivery.steps import SCHEMA_NAME, step_schema


def read_item(service: ReadService, kind: Kind, doc_id: str, request: ReadRequest) -> Reply:
    """One document of KIND, localized; 404 names an unknown id, 400 a bad parameter."""
    parsed = parse(ItemParams, request.query_string)
    context = service.context(parsed, request.authorization)
    if not ID_PATTERN.match(doc_id):
        raise not_found(kind.value, doc_id)
    lang, negotiated = language(parsed, request)
    expand = expand_set(parsed.get("expand"), EXPANDABLE_ITEM[kind])
    try:
        rep = context.catalog.item(kind, doc_id, lang, expand, pinned(parsed), parsed.get("format") == HTML)
    except Moved as moved_to:
        return moved(moved_to, "", context, request)
    return reply(live_floor(service, parsed, rep), context, request, negotiated)


def read_collection(service: ReadService, kind: Kind, request: ReadRequest) -> Reply:
    """A page of KIND's documents, filtered (paths) and localized."""
    parsed = parse(LIST_PARAMS[kind], request.query_string)
    context = service.context(parsed, request.authorization)
    lang, negotiated = language(parsed, request)
    query = replace(list_query(parsed, kind), pinned=pinned(parsed))
    try:
        rep = context.catalog.collection(kind, query, lang, parsed.get("format") == HTML)
    except FilterMoved as moved_to:
        return filter_moved(moved_to, f"{API_PREFIX}/{kind.folder}", context, request)
    return reply(live_floor(service, parsed, rep), context, request, negotiated)


def read_history(service: ReadService, kind: Kind, doc_id: str, request: ReadRequest) -> Reply:
    """Commits and releases that changed one visible document."""
    parsed = parse(VersionParams, request.query_string)
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
    parsed = parse(SearchParams, request.query_string)
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


def read_suggest(service: ReadService, request: ReadRequest) -> Reply:
    """Completions for a search box: words of the index and titles that start as typed."""
    parsed = parse(SuggestParams, request.query_string)
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
# (type or "step", form) -> the client type schema as served, per catalog
CLIENT_TYPES: AttachedCache[Catalog, tuple[str, str], Representation] = AttachedCache(
    "schemas.client_types", 64, 4 * MB
)


def read_schema_list(service: ReadService, request: ReadRequest) -> Reply:
    """The client schemas on offer, one per document type."""
    parsed = parse(VersionParams, request.query_string)
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
    parsed = parse(SchemaParams, request.query_string)
    context = service.context(parsed, request.authorization)
    kind = next((k for k in Kind if k.value == name), None)
    if name == SCHEMA_NAME:
        return _step_schema(context, parsed["form"], request)
    if kind is None:
        allowed = ", ".join([*(k.value for k in Kind), SCHEMA_NAME])
        raise ProblemError(404, "Not Found", f'schema "{name}" does not exist; there are: {allowed}')
    form = parsed["form"]
    schemas = context.edition.snapshot.content_schemas
    rep = CLIENT_TYPES.get_or_compute(
        context.catalog, (kind.value, form), lambda: represent(client_schema(schemas, kind, form), "fi")
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
    schemas = context.edition.snapshot.content_schemas
    rep = CLIENT_TYPES.get_or_compute(
        context.catalog, (SCHEMA_NAME, form), lambda: represent(step_schema(schemas, form), "fi")
    )
    return answer(
        rep,
        request,
        version=context.edition.version,
        cache_control=context.cache_control,
        content_type=SCHEMA_TYPE,
        vary_authorization=context.authorization_matters,
    )
