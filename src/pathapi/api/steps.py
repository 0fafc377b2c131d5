"""``GET /v1/paths/{id}/steps/{step_id}``: a deep link to one step, in every view."""

from __future__ import annotations

import orjson
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api.openapi import LAST_MODIFIED, documented_read, moved, with_expand
from pathapi.api.params import ItemParams
from pathapi.api.query_string import expand_set, parse
from pathapi.api.replies import ReadRequest, Reply, language, live_floor, pinned, read_request, reply, to_response
from pathapi.api.replies import moved as moved_reply
from pathapi.api.runtime import runtime
from pathapi.content.kinds import ID_PATTERN, Kind
from pathapi.delivery.aliases import Moved
from pathapi.delivery.html import HTML
from pathapi.delivery.problems import not_found
from pathapi.delivery.representation import Representation, represent
from pathapi.delivery.service import ReadService
from pathapi.delivery.steps import COMPONENT, EXPANDABLE, step_answer

blp = Blueprint(
    "steps",
    __name__,
    url_prefix="/v1/paths",
    description="Deep links: one step of a path with its phase, the path and the steps around it.",
)


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


@blp.route("/<string:doc_id>/steps/<string:step_id>")
class Step(MethodView):
    @moved(blp)
    @documented_read(
        blp,
        COMPONENT,
        with_expand(ItemParams, {name: Kind.CHANNEL for name in EXPANDABLE}, "StepItemQuery"),
        (400, 401, 404, 409, 410, 503),
        headers=LAST_MODIFIED,
    )
    def get(self, doc_id: str, step_id: str) -> Response:
        """One step with its phase, its path, and the steps before and after it (across phases)."""
        return to_response(read_step(runtime().service, doc_id, step_id, read_request()))
