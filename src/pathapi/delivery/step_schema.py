"""The JSON Schema of one step of a path: as stored inside a path, or as its deep link delivers it.

``/v1/schemas/step`` serves it, and the OpenAPI document lists the deep link's answer as the
``PathStep`` component (pathapi.delivery.steps builds the answer itself).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from pathapi.content.kinds import Kind
from pathapi.delivery.client_types import delivered, intranet, self_contained

COMPONENT = "PathStep"
SCHEMA_NAME = "step"


def step_shape(phase_schema: dict[str, Any] | None, step_ref: str) -> dict[str, Any]:
    """The JSON Schema of a step answer, from the delivered phase's schema and a reference to the step's."""
    phase = copy.deepcopy(phase_schema or {"type": "object"})
    phase.get("properties", {}).pop("steps", None)
    phase["required"] = [name for name in phase.get("required", []) if name != "steps"]
    link = {"type": "string", "description": "A URL in this API keeping lang and version, ref, audience or format."}
    near = {
        "oneOf": [
            {"type": "null"},
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "title", "phase", "href"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "phase": {"type": "string"},
                    "href": link,
                },
            },
        ]
    }
    properties = {
        "id": {"type": "string"},
        "type": {"const": "step"},
        "language": {"type": "string", "enum": ["fi", "sv", "en"]},
        "updated_at": {"type": "string", "format": "date-time", "description": "When the path's file last changed."},
        "href": link,
        "path": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "href"],
            "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "href": link},
        },
        "phase": phase,
        "step": {"$ref": step_ref},
        "position": {"type": "integer", "minimum": 1, "description": "1-based place of the step in the whole path."},
        "steps_total": {"type": "integer", "minimum": 1},
        "previous_step": {**near, "description": "The step before, across phases; null for the first."},
        "next_step": {**near, "description": "The step after, across phases; null for the last."},
    }
    return {
        "type": "object",
        "description": "One step of a path with its phase and neighbours (a deep link).",
        "properties": properties,
        "additionalProperties": False,
        "required": [name for name in properties if name != "updated_at"],
    }


def step_schema(schemas: Mapping[str, Mapping[str, Any]], form: str) -> dict[str, Any]:
    """``/v1/schemas/step``: a step as stored inside a path (content), or the deep link's answer (delivered)."""
    if form == "content":
        path = self_contained(schemas, Kind.PATH)
        root = {"$ref": "#/$defs/step", "title": "A step, as stored in a path's phases (content/paths/*.json)"}
    else:
        path = intranet(schemas, Kind.PATH) if form == "intranet" else delivered(schemas, Kind.PATH)
        root = {
            "title": "A step (as delivered by GET /v1/paths/{id}/steps/{step_id})",
            **step_shape(path["$defs"].get("phase"), "#/$defs/step"),
        }
    identifier = str(path.get("$id", "")).replace("path.", "step.", 1)
    return {"$schema": path.get("$schema"), "$id": identifier, **root, "$defs": path["$defs"]}
