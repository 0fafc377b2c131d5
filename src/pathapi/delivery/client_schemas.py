"""JSON Schemas for client teams: self-contained, as stored or as the API delivers documents."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from pathapi.content.audience import INTRANET_FIELDS, INTRANET_LANES
from pathapi.content.document import LANGUAGES
from pathapi.content.kinds import Kind
from pathapi.delivery.present import DELIVERED_NAMES

COMMON = "common.schema.json"
FORMS = ("content", "delivered")
LOCALIZED = ("localizedText", "localizedMarkdown")


def _rewrite_refs(node: Any) -> Any:
    """Point ``common.schema.json#/$defs/X`` references at the local ``#/$defs/X``."""
    if isinstance(node, dict):
        return {k: (v.replace(f"{COMMON}#", "#", 1) if k == "$ref" and isinstance(v, str) else _rewrite_refs(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


def self_contained(schemas: Mapping[str, Mapping[str, Any]], kind: Kind) -> dict[str, Any]:
    """KIND's schema with the shared definitions copied in, so no reference leaves the file."""
    schema = copy.deepcopy(dict(schemas[kind.schema_file]))
    shared = copy.deepcopy(dict(schemas.get(COMMON, {}).get("$defs", {})))
    defs = {**shared, **schema.get("$defs", {})}
    schema["$defs"] = defs
    return _rewrite_refs(schema)  # type: ignore[no-any-return]


def _drop_intranet(defs: dict[str, Any]) -> None:
    step = defs.get("step", {}).get("properties", {})
    for name in INTRANET_FIELDS:
        step.pop(name, None)
    lanes = defs.get("swimlanes", {}).get("properties", {})
    for name in INTRANET_LANES:
        lanes.pop(name, None)


def delivered(schemas: Mapping[str, Mapping[str, Any]], kind: Kind) -> dict[str, Any]:
    """The shape ``GET /v1/<kind>s/<id>`` returns: texts in one language, no intranet fields."""
    schema = self_contained(schemas, kind)
    defs = schema["$defs"]
    for name in LOCALIZED:
        description = defs.get(name, {}).get("description", "")
        defs[name] = {"type": "string", "description": f"{description} Delivered in one language.".strip()}
    _drop_intranet(defs)
    for node in _blocks(schema):
        node.get("properties", {}).pop("audience", None)
    names = DELIVERED_NAMES.get(kind, {})
    properties = {names.get(k, k): v for k, v in schema["properties"].items() if k != "$schema"}
    schema["properties"] = {
        "id": properties.pop("id"),
        "type": {"const": kind.value},
        "language": {"type": "string", "enum": list(LANGUAGES),
                     "description": "Language of the texts: the requested one, else fi."},
        "updated_at": {"type": "string", "format": "date-time",
                       "description": "When the document's file last changed in git (commit time, UTC)."},
        **properties,
    }
    required = [names.get(r, r) for r in schema.get("required", []) if r not in ("$schema", "id")]
    schema["required"] = ["id", "type", "language", "updated_at", *required]
    schema["title"] = f"{schema.get('title', kind.value)} (as delivered by the API)"
    schema["$id"] = str(schema.get("$id", "")).replace(".schema.json", ".delivered.schema.json")
    return schema


def _blocks(node: Any) -> list[dict[str, Any]]:
    """Every object schema in NODE (the root, its $defs, nested properties)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "properties" in node:
            found.append(node)
        for value in node.values():
            found += _blocks(value)
    elif isinstance(node, list):
        for value in node:
            found += _blocks(value)
    return found


def client_schema(schemas: Mapping[str, Mapping[str, Any]], kind: Kind, form: str) -> dict[str, Any]:
    """KIND's schema in FORM: ``content`` (as stored) or ``delivered`` (as served)."""
    return delivered(schemas, kind) if form == "delivered" else self_contained(schemas, kind)
