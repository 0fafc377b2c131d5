"""JSON Schemas for client teams: generate types for the website, the app and intranets."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api import models
from pathapi.api.openapi import documented_read
from pathapi.api.params import SchemaParams, VersionParams
from pathapi.api.reads import SCHEMA_TYPE, read_schema, read_schema_list
from pathapi.api.replies import read_request, to_response
from pathapi.api.runtime import runtime

JSON_SCHEMA = {
    "type": "object",
    "additionalProperties": True,
    "required": ["$schema", "$id", "title"],
    "properties": {
        "$schema": {"const": "https://json-schema.org/draft/2020-12/schema"},
        "$id": {"type": "string"},
        "title": {"type": "string"},
    },
    "description": "A self-contained JSON Schema (Draft 2020-12); its meta-schema describes the rest.",
}
blp = Blueprint(
    "schemas",
    __name__,
    url_prefix="/v1/schemas",
    description="Self-contained JSON Schemas (Draft 2020-12) of every document type.",
)


@blp.route("")
class SchemaList(MethodView):
    @documented_read(blp, models.SchemaListModel, VersionParams, (400, 401, 404, 409))
    def get(self) -> Response:
        """The schemas on offer."""
        return to_response(read_schema_list(runtime().service, read_request()))


@blp.route("/<string:name>")
class SchemaDocument(MethodView):
    @documented_read(
        blp,
        JSON_SCHEMA,
        SchemaParams,
        (400, 401, 404, 409),
        content_type=SCHEMA_TYPE,
        description="A JSON Schema with every definition inside it.",
    )
    def get(self, name: str) -> Response:
        """One document type's schema: path, channel, segment or topic."""
        return to_response(read_schema(runtime().service, name, read_request()))
