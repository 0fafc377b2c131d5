"""One flask-smorest Blueprint per collection: paths, channels, segments, topics."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api import models
from pathapi.api.openapi import LAST_MODIFIED, LINK_HEADER, MOVED_FILTER, documented_read, moved, with_expand
from pathapi.api.params import LIST_PARAMS, ItemParams, VersionParams
from pathapi.api.reads import read_collection, read_history, read_item
from pathapi.api.replies import read_request, to_response
from pathapi.api.runtime import runtime
from pathapi.content.kinds import Kind
from pathapi.delivery.catalog import EXPANDABLE_ITEM, EXPANDABLE_LIST
from pathapi.delivery.contract import item_name

DESCRIPTIONS = {
    Kind.PATH: "Customer service paths: phases and steps from the customer's point of view.",
    Kind.CHANNEL: "Service channels the steps point to: phone, chat, forms, locations, …",
    Kind.SEGMENT: "Needs-based customer segments S1-S4 with service promises and personas.",
    Kind.TOPIC: "Topics the website lists paths under.",
}


def collection_blueprint(kind: Kind) -> Blueprint:
    """The Blueprint serving ``/v1/<kind>s`` and ``/v1/<kind>s/<id>``."""
    blp = Blueprint(kind.folder, __name__, url_prefix=f"/v1/{kind.folder}", description=DESCRIPTIONS[kind])
    name = item_name(kind)
    query = with_expand(
        LIST_PARAMS[kind],
        EXPANDABLE_LIST[kind],
        f"{name}ListQuery",
    )
    item_query = with_expand(ItemParams, EXPANDABLE_ITEM[kind], f"{name}ItemQuery")

    class Collection(MethodView):
        @moved(blp, MOVED_FILTER)
        @documented_read(blp, f"{name}Page", query, (400, 401, 404, 409, 503), headers={**LINK_HEADER, **LAST_MODIFIED})
        def get(self) -> Response:
            """List documents, a page at a time."""
            return to_response(read_collection(runtime().service, kind, read_request()))

    class Item(MethodView):
        @moved(blp)
        @documented_read(blp, name, item_query, (400, 401, 404, 409, 410, 503), headers=LAST_MODIFIED)
        def get(self, doc_id: str) -> Response:
            """Get one document by id."""
            return to_response(read_item(runtime().service, kind, doc_id, read_request()))

    class History(MethodView):
        @moved(blp)
        @documented_read(blp, models.HistoryModel, VersionParams, (400, 401, 404, 410, 503))
        def get(self, doc_id: str) -> Response:
            """Commits and releases that changed this document."""
            return to_response(read_history(runtime().service, kind, doc_id, read_request()))

    blp.route("")(Collection)
    blp.route("/<string:doc_id>")(Item)
    blp.route("/<string:doc_id>/history")(History)
    return blp


def blueprints() -> list[Blueprint]:
    """Blueprints for every collection."""
    return [collection_blueprint(kind) for kind in Kind]
