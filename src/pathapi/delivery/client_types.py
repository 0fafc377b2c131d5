"""Client types: self-contained JSON Schemas for client teams, as stored or as the API delivers documents."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from pathapi.content.audience import INTRANET, INTRANET_FIELDS, INTRANET_LANES, PUBLIC
from pathapi.content.document import LANGUAGES
from pathapi.content.kinds import Kind
from pathapi.delivery.catalog import EXPANDABLE_ITEM
from pathapi.delivery.present import DELIVERED_NAMES, SUMMARY_FIELDS

COMMON = "common.schema.json"
LOCALIZED = ("localizedText", "localizedMarkdown")
ID_REF = "#/$defs/id"
SUMMARY = "pathSummary"  # what an expanded related path, or a path in a list, looks like


def map_refs(node: Any, change: Callable[[str], str]) -> Any:
    """A copy of NODE with every ``$ref`` string passed through CHANGE."""
    if isinstance(node, dict):
        return {k: (change(v) if k == "$ref" and isinstance(v, str) else map_refs(v, change)) for k, v in node.items()}
    if isinstance(node, list):
        return [map_refs(item, change) for item in node]
    return node


def _rewrite_refs(node: Any) -> Any:
    """Point ``common.schema.json#/$defs/X`` references at the local ``#/$defs/X``."""
    return map_refs(node, lambda ref: ref.replace(f"{COMMON}#", "#", 1))


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


def delivered(schemas: Mapping[str, Mapping[str, Any]], kind: Kind, audience: str = PUBLIC) -> dict[str, Any]:
    """The shape ``GET /v1/<kind>s/<id>`` returns: texts in one language, references typed for ``expand``.

    Public answers have no intranet fields; AUDIENCE ``intranet`` keeps them and the ``audience`` marks.
    """
    schema = _plain(schemas, kind, audience)
    defs = schema["$defs"]
    for field, ref_kind in EXPANDABLE_ITEM[kind].items():
        name = SUMMARY if kind is Kind.PATH and ref_kind is Kind.PATH else ref_kind.value
        if name != kind.value and name not in defs:
            _embed(defs, name, _summary(schema) if name == SUMMARY else delivered(schemas, ref_kind, audience))
        target = "#" if name == kind.value else f"#/$defs/{name}"
        for block in _blocks(schema):
            _either(block.get("properties", {}), field, target, ref_kind.value)
    return schema


def _plain(schemas: Mapping[str, Mapping[str, Any]], kind: Kind, audience: str) -> dict[str, Any]:
    """KIND's delivered shape with references as ids."""
    schema = self_contained(schemas, kind)
    defs = schema["$defs"]
    for name in LOCALIZED:
        description = defs.get(name, {}).get("description", "")
        media = defs.get(name, {}).get("properties", {}).get("fi", {}).get("contentMediaType")
        html = " With format=html: rendered to sanitized HTML." if media == "text/markdown" else ""
        defs[name] = {
            "type": "string",
            **({"contentMediaType": media} if media else {}),
            "description": f"{description} Delivered in one language.{html}".strip(),
        }
    if audience != INTRANET:
        _drop_intranet(defs)
        for node in _blocks(schema):
            node.get("properties", {}).pop("audience", None)
    if kind is Kind.PATH:
        _add_feedback(schema)
    names = DELIVERED_NAMES.get(kind, {})
    properties = {names.get(k, k): v for k, v in schema["properties"].items() if k != "$schema"}
    schema["properties"] = {
        "id": properties.pop("id"),
        "type": {"const": kind.value},
        "language": {
            "type": "string",
            "enum": list(LANGUAGES),
            "description": "Language of the texts: the requested one, else fi.",
        },
        "updated_at": {
            "type": "string",
            "format": "date-time",
            "description": "When the document's file last changed in git (commit time, UTC).",
        },
        **properties,
    }
    required = [names.get(r, r) for r in schema.get("required", []) if r not in ("$schema", "id")]
    schema["required"] = ["id", "type", "language", "updated_at", *required]
    schema["title"] = f"{schema.get('title', kind.value)} (as delivered by the API)"
    schema["$id"] = str(schema.get("$id", "")).replace(".schema.json", ".delivered.schema.json")
    return schema


FEEDBACK = {
    "description": "Report a problem: the owner's contact, and a link to report an error in this path or step "
    "(from the repository setting feedback.url_template). Only in the views the setting names.",
    "type": "object",
    "properties": {
        "contact": {
            "type": "object",
            "properties": {
                "unit": {"type": "string"},
                "email": {"type": "string", "format": "email"},
                "phone": {"type": "string"},
            },
            "required": ["unit"],
            "additionalProperties": False,
        },
        "url": {
            "type": "string",
            "format": "uri",
            "description": "Opens the issue form with the path, step and version filled in.",
        },
    },
    "required": ["contact"],
    "additionalProperties": False,
}


def _add_feedback(schema: dict[str, Any]) -> None:
    """A path and each of its steps may carry ``feedback``."""
    defs = schema["$defs"]
    defs["feedback"] = copy.deepcopy(FEEDBACK)
    schema["properties"]["feedback"] = {"$ref": "#/$defs/feedback"}
    if "step" in defs:
        defs["step"]["properties"]["feedback"] = {"$ref": "#/$defs/feedback"}


def _either(properties: dict[str, Any], field: str, target: str, what: str) -> None:
    """Type FIELD (an id or a list of ids) as an id, or the document TARGET when expanded."""
    node = properties.get(field)
    if not isinstance(node, dict):
        return
    holder, key = (node, "items") if node.get("type") == "array" else (properties, field)
    ref = holder.get(key, {})
    if not isinstance(ref, dict) or ref.get("$ref") != ID_REF:
        return
    note = f"A {what} id, or with `expand={field}` the {what} itself."
    holder[key] = {"oneOf": [{"$ref": ID_REF}, {"$ref": target}], "description": note}
    if holder is node:
        node["description"] = f"{node.get('description', '')} {note}".strip()


def _summary(path: dict[str, Any]) -> dict[str, Any]:
    """A path's list entry, from the path's own delivered shape."""
    kept = ("id", "type", "language", "updated_at", *SUMMARY_FIELDS)
    properties = {name: copy.deepcopy(path["properties"][name]) for name in kept if name in path["properties"]}
    properties["href"] = {"type": "string", "description": "The path's URL in this API, keeping lang and version."}
    return {
        "title": "Path summary (as delivered in lists and expanded related paths)",
        "type": "object",
        "properties": properties,
        "required": [*(name for name in path["required"] if name in properties), "href"],
        "additionalProperties": False,
    }


def _embed(defs: dict[str, Any], name: str, schema: dict[str, Any]) -> None:
    """Put SCHEMA into DEFS as NAME, its own definitions beside it (renamed where they clash)."""
    schema = copy.deepcopy(schema)
    clashes = [key for key, node in schema.get("$defs", {}).items() if key in defs and defs[key] != node]
    while clashes:  # renaming one definition changes those referring to it: repeat until none clash
        key = clashes[0]
        schema = rename_refs(schema, f"#/$defs/{key}", f"#/$defs/{name}_{key}")
        schema["$defs"][f"{name}_{key}"] = schema["$defs"].pop(key)
        clashes = [k for k, node in schema["$defs"].items() if k in defs and defs[k] != node]
    for key, node in schema.pop("$defs", {}).items():
        defs.setdefault(key, node)
    body = {k: v for k, v in schema.items() if k not in ("$schema", "$id")}
    defs[name] = rename_refs(body, "#", f"#/$defs/{name}")


def rename_refs(node: Any, old: str, new: str) -> Any:
    """NODE with every ``$ref`` equal to OLD pointing at NEW instead."""
    return map_refs(node, lambda ref: new if ref == old else ref)


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


def intranet(schemas: Mapping[str, Mapping[str, Any]], kind: Kind) -> dict[str, Any]:
    """The shape intranets receive: the delivered one with professional fields and required audience marks."""
    schema = delivered(schemas, kind, INTRANET)
    for block in _blocks(schema):
        if "audience" in block.get("properties", {}) and block is not schema["$defs"].get(SUMMARY):
            block["required"] = [*block.get("required", []), "audience"]
    if "audience" in schema.get("$defs", {}):
        schema["$defs"]["audience"]["description"] = (
            "The audiences this block is for. The intranet view shows every block, so professionals see what "
            "the website (public) and the app (app) show, and what is for intranets only."
        )
    schema["title"] = str(schema["title"]).replace("(as delivered by the API)", "(as delivered to intranets)")
    schema["$id"] = str(schema["$id"]).replace(".delivered.schema.json", ".intranet.schema.json")
    return schema


def client_schema(schemas: Mapping[str, Mapping[str, Any]], kind: Kind, form: str) -> dict[str, Any]:
    """KIND's schema in FORM: ``content`` (as stored), ``delivered`` (as served) or ``intranet``."""
    if form == "intranet":
        return intranet(schemas, kind)
    return delivered(schemas, kind) if form == "delivered" else self_contained(schemas, kind)
