"""One flask-smorest Blueprint per collection: paths, channels, segments, topics."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema

from pathapi.api import schemas
from pathapi.api.openapi import documented_read
from pathapi.api.params import ItemQuerySchema, ListQuerySchema, PathListQuerySchema
from pathapi.api.reads import Reply, read_collection, read_item
from pathapi.api.runtime import read_request, runtime
from pathapi.content.kinds import Kind

DESCRIPTIONS = {
    Kind.PATH: "Customer service paths: phases and steps from the customer's point of view.",
    Kind.CHANNEL: "Service channels the steps point to: phone, chat, forms, locations, …",
    Kind.SEGMENT: "Needs-based customer segments S1-S4 with service promises and personas.",
    Kind.TOPIC: "Topics the website lists paths under.",
}
ITEM_SCHEMAS: dict[Kind, type[Schema]] = {
    Kind.PATH: schemas.PathSchema,
    Kind.CHANNEL: schemas.ChannelSchema,
    Kind.SEGMENT: schemas.SegmentSchema,
    Kind.TOPIC: schemas.TopicSchema,
}
LIST_ITEM_SCHEMAS: dict[Kind, type[Schema]] = {**ITEM_SCHEMAS, Kind.PATH: schemas.PathSummarySchema}


def to_response(reply: Reply) -> Response:
    """A Flask Response carrying a Reply's status, headers and bytes unchanged."""
    response = Response(reply.body, status=reply.status)
    response.headers.clear()
    response.headers.extend(reply.headers)
    return response


def collection_blueprint(kind: Kind) -> Blueprint:
    """The Blueprint serving ``/v1/<kind>s`` and ``/v1/<kind>s/<id>``."""
    blp = Blueprint(kind.folder, __name__, url_prefix=f"/v1/{kind.folder}",
                    description=DESCRIPTIONS[kind])
    page = schemas.page_of(LIST_ITEM_SCHEMAS[kind], f"{kind.value.title()}Page")
    query = PathListQuerySchema if kind is Kind.PATH else ListQuerySchema

    class Collection(MethodView):
        @documented_read(blp, page, query, (400,))
        def get(self) -> Response:
            """List documents, a page at a time."""
            rt = runtime()
            return to_response(read_collection(rt.live.current, kind, read_request(), rt.cache_control()))

    class Item(MethodView):
        @documented_read(blp, ITEM_SCHEMAS[kind], ItemQuerySchema, (400, 404))
        def get(self, doc_id: str) -> Response:
            """Get one document by id."""
            rt = runtime()
            return to_response(read_item(rt.live.current, kind, doc_id, read_request(), rt.cache_control()))

    blp.route("")(Collection)
    blp.route("/<string:doc_id>")(Item)
    return blp


def blueprints() -> list[Blueprint]:
    """Blueprints for every collection."""
    return [collection_blueprint(kind) for kind in Kind]
