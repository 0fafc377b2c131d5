"""Search: ``/v1/search`` (ranked hits with snippets) and ``/v1/search/suggest`` (search-box completions)."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api import models
from pathapi.api.documenting import LINK_HEADER, MOVED_FILTER, documented_read, moved
from pathapi.api.params import SearchParams, SuggestParams
from pathapi.api.query_string import parse
from pathapi.api.replies import (
    ReadRequest,
    Reply,
    filter_moved_reply,
    language,
    paged,
    pinned,
    read_request,
    reply,
    to_response,
)
from pathapi.api.runtime import runtime
from pathapi.delivery import search
from pathapi.delivery.aliases import FilterMoved
from pathapi.delivery.catalog import PATH_FILTERS
from pathapi.delivery.present import API_PREFIX
from pathapi.delivery.problems import bad_parameter
from pathapi.delivery.representation import Representation, represent
from pathapi.delivery.search.analysis import WORD
from pathapi.delivery.service import ReadService

# Search narrows by the path filters that name a document (topic, segment): paths, then the channels they use.
FILTERS = tuple(name for name, (_, kind) in PATH_FILTERS.items() if kind is not None)
blp = Blueprint(
    "search",
    __name__,
    url_prefix="/v1",
    description="Full-text search over paths, channels and topics: Finnish by base forms and "
    "compound parts (Voikko), Swedish and English stemmed; typos, missing "
    "umlauts and synonyms forgiven.",
)


def read_search(service: ReadService, request: ReadRequest) -> Reply:
    """Paths, channels and topics matching ``q``, ranked, with highlighted snippets and where they are."""
    parsed = parse(SearchParams, request.query_string)
    context = service.context(parsed, request.authorization)
    lang, negotiated = language(parsed, request)
    query = _search_words(parsed["q"])
    catalog = context.catalog
    filters = {name: parsed.get(name) for name in FILTERS}
    try:
        for name, value in filters.items():
            if value is not None:
                catalog.check_filter(name, value)
    except FilterMoved as moved_to:
        return filter_moved_reply(moved_to, f"{API_PREFIX}/search", context, request)
    types = tuple(sorted(set(parsed["type"].split(",")))) if "type" in parsed else ()
    page, per_page = parsed["page"], parsed.get("per_page") or parsed.get("limit") or 10
    shaping = pinned(parsed)

    def build() -> Representation:
        found = search.search_for(catalog, lang).answer(
            query, page=page, per_page=per_page, types=types, context=shaping, **filters
        )
        return paged(found, lang)

    key = ("search", lang, query.lower(), types, *filters.values(), page, per_page, shaping)
    return reply(catalog.answer(key, build), context, request, negotiated)


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
    if not WORD.search(query):
        raise bad_parameter("q", "give at least one word to search for")
    return query


@blp.route("/search")
class Search(MethodView):
    @moved(blp, MOVED_FILTER)
    @documented_read(blp, models.SearchModel, SearchParams, (400, 401, 404, 409), headers=LINK_HEADER)
    def get(self) -> Response:
        """Paths, channels and topics matching the words in `q`, best first, with where the words are."""
        return to_response(read_search(runtime().service, read_request()))


@blp.route("/search/suggest")
class Suggest(MethodView):
    @documented_read(blp, models.SuggestModel, SuggestParams, (400, 401, 404, 409))
    def get(self) -> Response:
        """Completions for a search box: the last word of `q` completed, and titles starting as typed."""
        return to_response(read_suggest(runtime().service, read_request()))
