"""Documents: ``/v1/{paths,channels,segments,topics}[/{id}]`` and a path's steps, ``/v1/paths/{id}/steps/{step_id}``.

One Blueprint per collection; the fast lane (pathapi.api.fastlane) answers the same reads
with the same handlers.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import replace
from typing import Any

import orjson
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api import releases
from pathapi.api.documenting import LAST_MODIFIED, LINK_HEADER, MOVED_FILTER, documented_read, moved, with_expand
from pathapi.api.params import LIST_PARAMS, ItemParams
from pathapi.api.query_string import parse
from pathapi.api.replies import (
    ReadRequest,
    Reply,
    filter_moved_reply,
    language,
    live_floor,
    moved_reply,
    pinned,
    read_request,
    reply,
    to_response,
)
from pathapi.api.runtime import runtime
from pathapi.content.kinds import ID_PATTERN, Kind
from pathapi.delivery.aliases import FilterMoved, Moved
from pathapi.delivery.catalog import EXPANDABLE_ITEM, EXPANDABLE_LIST, LIST_FILTERS, ListQuery
from pathapi.delivery.contract import item_name
from pathapi.delivery.html import HTML
from pathapi.delivery.present import API_PREFIX
from pathapi.delivery.problems import bad_parameter, not_found
from pathapi.delivery.representation import Representation, represent
from pathapi.delivery.service import ReadService
from pathapi.delivery.step_schema import COMPONENT
from pathapi.delivery.steps import EXPANDABLE, step_answer

DESCRIPTIONS = {
    Kind.PATH: "Customer service paths: phases and steps from the customer's point of view.",
    Kind.CHANNEL: "Service channels the steps point to: phone, chat, forms, locations, …",
    Kind.SEGMENT: "Needs-based customer segments S1-S4 with service promises and personas.",
    Kind.TOPIC: "Topics the website lists paths under.",
}


def expand_set(value: str | None, allowed: Collection[str]) -> frozenset[str]:
    """The set of names in a comma-separated ``expand``; 400 for one not in ALLOWED."""
    if value is None or (not value and not allowed):
        return frozenset()
    if not value.strip():  # "expand=": the OpenAPI asks for at least one name (no names: leave it out)
        raise bad_parameter(
            "expand", "is empty; leave expand out to inline nothing, or name references like channels,topics"
        )
    parts = [part.strip() for part in value.split(",")]
    if "" in parts:  # the OpenAPI lists names, so "channels," or "," is not a valid value
        raise bad_parameter("expand", "has an empty name between commas; write the names like channels,topics")
    names = frozenset(parts)
    unknown = sorted(names - set(allowed))
    if unknown:
        allowed_text = ", ".join(sorted(allowed)) or "nothing for this resource"
        raise bad_parameter("expand", f'cannot expand "{unknown[0]}"; allowed: {allowed_text}')
    return names


def list_query(parsed: dict[str, Any], kind: Kind) -> ListQuery:
    """The normalized ListQuery of a list of KIND that the catalog memoizes on; filters named as the catalog does."""
    filters = tuple((name, parsed[name]) for name in LIST_FILTERS.get(kind, {}) if name in parsed)
    return ListQuery(
        filters, parsed["page"], parsed["per_page"], expand_set(parsed.get("expand"), EXPANDABLE_LIST[kind])
    )


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
        return moved_reply(moved_to, "", context, request)
    return reply(live_floor(service, parsed, rep), context, request, negotiated)


def read_collection(service: ReadService, kind: Kind, request: ReadRequest) -> Reply:
    """A page of KIND's documents, filtered and localized."""
    parsed = parse(LIST_PARAMS[kind], request.query_string)
    context = service.context(parsed, request.authorization)
    lang, negotiated = language(parsed, request)
    query = replace(list_query(parsed, kind), pinned=pinned(parsed))
    try:
        rep = context.catalog.collection(kind, query, lang, parsed.get("format") == HTML)
    except FilterMoved as moved_to:
        return filter_moved_reply(moved_to, f"{API_PREFIX}/{kind.folder}", context, request)
    return reply(live_floor(service, parsed, rep), context, request, negotiated)


def read_step(service: ReadService, doc_id: str, step_id: str, request: ReadRequest) -> Reply:
    """One step of a visible path, cut from the path as the reader's view delivers it."""
    parsed = parse(ItemParams, request.query_string)
    context = service.context(parsed, request.authorization)
    if not ID_PATTERN.match(doc_id):
        raise not_found("path", doc_id)
    lang, negotiated = language(parsed, request)
    expand = expand_set(parsed.get("expand"), EXPANDABLE)
    kept, html = pinned(parsed), parsed.get("format") == HTML
    try:
        path = context.catalog.item(Kind.PATH, doc_id, lang, expand, kept, html)
    except Moved as moved_to:
        return moved_reply(moved_to, f"/steps/{step_id}", context, request)
    if not ID_PATTERN.match(step_id):
        step_answer(orjson.loads(path.body), step_id)  # the 404 that lists the path's steps

    def build() -> Representation:
        return represent(step_answer(orjson.loads(path.body), step_id, kept), path.language, path.last_modified)

    rep = context.catalog.answer(("step", doc_id, step_id, lang, expand, kept, html, path.etag), build)
    return reply(live_floor(service, parsed, rep), context, request, negotiated)


def collection_blueprint(kind: Kind) -> Blueprint:
    """The Blueprint serving ``/v1/<kind>s``, ``/v1/<kind>s/<id>`` and its history."""
    blp = Blueprint(kind.folder, __name__, url_prefix=f"/v1/{kind.folder}", description=DESCRIPTIONS[kind])
    name = item_name(kind)
    list_params = with_expand(LIST_PARAMS[kind], EXPANDABLE_LIST[kind], f"{name}ListParams")
    item_params = with_expand(ItemParams, EXPANDABLE_ITEM[kind], f"{name}ItemParams")
    list_headers = {**LINK_HEADER, **LAST_MODIFIED}

    class Collection(MethodView):
        @moved(blp, MOVED_FILTER)
        @documented_read(blp, f"{name}Page", list_params, (400, 401, 404, 409, 503), headers=list_headers)
        def get(self) -> Response:
            """List documents, a page at a time."""
            return to_response(read_collection(runtime().service, kind, read_request()))

    class Item(MethodView):
        @moved(blp)
        @documented_read(blp, name, item_params, (400, 401, 404, 409, 410, 503), headers=LAST_MODIFIED)
        def get(self, doc_id: str) -> Response:
            """Get one document by id."""
            return to_response(read_item(runtime().service, kind, doc_id, read_request()))

    blp.route("")(Collection)
    blp.route("/<string:doc_id>")(Item)
    blp.route("/<string:doc_id>/history")(releases.history_view(blp, kind))
    return blp


steps_blp = Blueprint(
    "steps",
    __name__,
    url_prefix="/v1/paths",
    description="Deep links: one step of a path with its phase, the path and the steps around it.",
)


@steps_blp.route("/<string:doc_id>/steps/<string:step_id>")
class Step(MethodView):
    @moved(steps_blp)
    @documented_read(
        steps_blp,
        COMPONENT,
        with_expand(ItemParams, {name: Kind.CHANNEL for name in EXPANDABLE}, "StepItemParams"),
        (400, 401, 404, 409, 410, 503),
        headers=LAST_MODIFIED,
    )
    def get(self, doc_id: str, step_id: str) -> Response:
        """One step with its phase, its path, and the steps before and after it (across phases)."""
        return to_response(read_step(runtime().service, doc_id, step_id, read_request()))


@functools.cache
def blueprints() -> tuple[Blueprint, ...]:
    """A Blueprint per collection (made once: a blueprint may be registered on any number of apps)."""
    return tuple(collection_blueprint(kind) for kind in Kind)
