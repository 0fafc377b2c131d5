"""The consumers' contract as OpenAPI components, generated from the delivered JSON Schemas.

The response shapes in ``/openapi.json`` are not written a second time: every document
shape is the delivered schema ``/v1/schemas/<name>?form=delivered`` serves, its ``$defs``
lifted into ``components/schemas``. Only the envelopes (pages, sync, bundle) are added here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pathapi.content.audience import INTRANET
from pathapi.content.document import LANGUAGES
from pathapi.content.kinds import Kind
from pathapi.delivery.client_types import SUMMARY, delivered, map_refs, rename_refs
from pathapi.delivery.step_schema import COMPONENT, step_shape

COMPONENTS = "#/components/schemas/"
NULLABLE_STRING = {"type": ["string", "null"]}


def component_name(key: str) -> str:
    """``pathSummary`` -> ``PathSummary``; ``channel_contact`` -> ``ChannelContact``."""
    return "".join(part[:1].upper() + part[1:] for part in key.split("_"))


def item_name(kind: Kind) -> str:
    """The component of one document of KIND."""
    return component_name(kind.value)


def list_item_name(kind: Kind) -> str:
    """The component of one entry in KIND's list (paths are listed as summaries)."""
    return component_name(SUMMARY) if kind is Kind.PATH else item_name(kind)


def _flat(schemas: Mapping[str, Mapping[str, Any]], kind: Kind) -> dict[str, Any]:
    """KIND's delivered schema as definitions only, the document itself under its kind's name."""
    schema = delivered(schemas, kind, INTRANET)  # the superset: intranet answers add fields
    defs: dict[str, Any] = schema.pop("$defs")
    root = {k: v for k, v in schema.items() if k not in ("$schema", "$id")}
    return {**defs, kind.value: rename_refs(root, "#", f"#/$defs/{kind.value}")}


def _rewrite(node: Any) -> Any:
    """Point ``#/$defs/x`` references at ``#/components/schemas/X``."""
    local = "#/$defs/"
    return map_refs(node, lambda ref: COMPONENTS + component_name(ref[len(local) :]) if ref.startswith(local) else ref)


def document_components(schemas: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Every delivered document shape and its parts, named for ``components/schemas``."""
    merged: dict[str, Any] = {}
    for kind in Kind:
        flat = _flat(schemas, kind)
        clashes = [key for key, node in flat.items() if key in merged and merged[key] != node]
        while clashes:  # the same name defined differently by two schemas: keep both, apart
            key = clashes[0]
            flat = rename_refs(flat, f"#/$defs/{key}", f"#/$defs/{kind.value}_{key}")
            flat[f"{kind.value}_{key}"] = flat.pop(key)
            clashes = [k for k, node in flat.items() if k in merged and merged[k] != node]
        merged.update(flat)
    return {component_name(key): _rewrite(node) for key, node in merged.items()}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": COMPONENTS + name}


def _object(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return {"description": description, **schema} if description else schema


def _page(kind: Kind) -> dict[str, Any]:
    return _object(
        {
            "items": {"type": "array", "items": _ref(list_item_name(kind))},
            "total": {"type": "integer", "minimum": 0, "description": "Matching documents, all pages."},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "links": _ref("PageLinks"),
        },
        f"A page of {kind.folder}.",
    )


def _sync_entry(kind: Kind) -> dict[str, Any]:
    return _object(
        {
            "type": {"const": kind.value},
            "id": _ref("Id"),
            "hash": {
                "type": "string",
                "pattern": "^sha256:[0-9a-f]{64}$",
                "description": "sha256:<hex> of the document's JSON bytes.",
            },
            "document": _ref(item_name(kind)),
        },
        f"A {kind.value} to add or replace, in the app's view.",
    )


def envelopes() -> dict[str, Any]:
    """Pages, sync pages and the bundle, around the document components."""
    link = {**NULLABLE_STRING, "description": "A URL keeping every parameter of this answer; null at an end."}
    found: dict[str, Any] = {
        "PageLinks": _object(
            {
                "self": {"type": "string"},
                "first": {"type": "string"},
                "last": {"type": "string"},
                "next": link,
                "prev": link,
            },
            "Page URLs; the same as the Link header (RFC 8288).",
        ),
        "SyncEntry": {
            "oneOf": [_ref(f"{item_name(kind)}SyncEntry") for kind in Kind],
            "description": "One document to add or replace; `type` tells which.",
        },
        "SyncDeleted": _object(
            {"type": {"type": "string", "enum": [k.value for k in Kind]}, "id": _ref("Id")},
            "A document to drop: deleted, unpublished, archived or filtered out.",
        ),
    }
    found.update({f"{item_name(kind)}Page": _page(kind) for kind in Kind})
    found.update({f"{item_name(kind)}SyncEntry": _sync_entry(kind) for kind in Kind})
    language = {"type": "string", "enum": list(LANGUAGES)}
    items = {
        "type": "array",
        "items": _ref("SyncEntry"),
        "description": "Documents to add or replace, referenced kinds first (topics, segments, channels, paths).",
    }
    found["SyncPage"] = _object(
        {
            "items": items,
            "deleted": {"type": "array", "items": _ref("SyncDeleted")},
            "sync_token": {**NULLABLE_STRING, "description": "On the last page: keep it for the next sync."},
            "next": {**NULLABLE_STRING, "description": "The next page of this answer, if any."},
            "version": {"type": "string", "description": "Commit id synced to."},
            "language": language,
            "total": {"type": "integer", "minimum": 0, "description": "Documents to add or replace, all pages."},
        },
        "A page of an app sync.",
    )
    found["Bundle"] = _object(
        {
            "version": {"type": "string", "description": "Commit id of the bundle."},
            "language": language,
            "sync_token": {"type": "string", "description": "Start the first delta sync with it."},
            "items": items,
        },
        "The bundle's JSON, once decompressed: everything for a first install.",
    )
    return found


def components(schemas: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Every component schema the API's responses refer to."""
    documents = document_components(schemas)
    return {**documents, **envelopes(), COMPONENT: step_shape(documents.get("Phase"), COMPONENTS + "Step")}
