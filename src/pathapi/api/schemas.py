"""Schemas: self-contained JSON Schemas (Draft 2020-12) of every document type, for client teams' generated types.

``/v1/schemas`` lists them; ``/v1/schemas/{name}`` serves one as stored in git (``form=content``),
as delivered to the website and the app, or as intranets receive it (pathapi.delivery.client_types).
"""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api import models
from pathapi.api.documenting import documented_read
from pathapi.api.params import SchemaParams, VersionParams
from pathapi.api.query_string import parse
from pathapi.api.replies import ReadRequest, Reply, answer, read_request, reply, to_response
from pathapi.api.runtime import runtime
from pathapi.content.kinds import Kind
from pathapi.content.versions import CURRENT
from pathapi.delivery.cache import MB, AttachedCache
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.client_types import client_schema
from pathapi.delivery.problems import ProblemError
from pathapi.delivery.representation import Representation, represent
from pathapi.delivery.service import ReadService
from pathapi.delivery.step_schema import SCHEMA_NAME, step_schema

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
SCHEMA_TYPE = "application/schema+json"
# (type or "step", form) -> the client type schema as served, per catalog
CLIENT_TYPES: AttachedCache[Catalog, tuple[str, str], Representation] = AttachedCache(
    "schemas.client_types", 64, 4 * MB
)
blp = Blueprint(
    "schemas",
    __name__,
    url_prefix="/v1/schemas",
    description="Self-contained JSON Schemas (Draft 2020-12) of every document type.",
)


def _link(name: str, title: str) -> dict[str, str]:
    """Where the schema NAME is served, in each of its forms."""
    href = f"/v1/schemas/{name}"
    return {
        "name": name,
        "title": title,
        "href": href,
        "delivered": f"{href}?form=delivered",
        "intranet": f"{href}?form=intranet",
    }


def read_schema_list(service: ReadService, request: ReadRequest) -> Reply:
    """The client schemas on offer, one per document type, and the schema of a step."""
    parsed = parse(VersionParams, request.query_string)
    context = service.context(parsed, request.authorization)
    stored = context.edition.snapshot.content_schemas
    items = [_link(kind.value, stored[kind.schema_file].get("title", "")) for kind in Kind]
    items.append(_link(SCHEMA_NAME, "A step of a path (GET /v1/paths/{id}/steps/{step_id})"))
    return reply(represent({"schema_version": CURRENT, "items": items}, "fi"), context, request, False)


def read_schema(service: ReadService, name: str, request: ReadRequest) -> Reply:
    """One self-contained JSON Schema, as stored (``form=content``) or as delivered."""
    parsed = parse(SchemaParams, request.query_string)
    context = service.context(parsed, request.authorization)
    stored, form = context.edition.snapshot.content_schemas, parsed["form"]
    kind = next((k for k in Kind if k.value == name), None)
    if kind is None and name != SCHEMA_NAME:
        allowed = ", ".join([*(k.value for k in Kind), SCHEMA_NAME])
        raise ProblemError(404, "Not Found", f'schema "{name}" does not exist; there are: {allowed}')

    def build() -> Representation:
        schema = client_schema(stored, kind, form) if kind is not None else step_schema(stored, form)
        return represent(schema, "fi")

    rep = CLIENT_TYPES.get_or_compute(context.catalog, (name, form), build)
    return answer(
        rep,
        request,
        version=context.edition.version,
        cache_control=context.cache_control,
        content_type=SCHEMA_TYPE,
        vary_authorization=context.authorization_matters,
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
