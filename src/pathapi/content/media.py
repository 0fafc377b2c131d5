"""Which strings of a document are Markdown and which plain text: read from the schema.

A string whose schema says ``"contentMediaType": "text/markdown"`` is Markdown; one that says
``text/plain`` is a one-line plain text. Nothing is hard-coded per field: the schemas decide,
and the validator and the HTML rendering follow them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pathapi.content.positions import to_pointer

Schemas = Mapping[str, Mapping[str, Any]]
MAX_DEPTH = 64


@dataclass(frozen=True)
class TypedText:
    """A string of a document with the media type its schema declares."""

    pointer: str
    parts: tuple[str | int, ...]
    text: str
    media_type: str
    schema: Mapping[str, Any]


def _resolve(schemas: Schemas, base: str, node: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    """Follow ``$ref``s (to a sibling file and/or a local pointer) until a schema without one."""
    for _ in range(MAX_DEPTH):
        ref = node.get("$ref")
        if not isinstance(ref, str):
            break
        file_part, _, fragment = ref.partition("#")
        if file_part:
            base = posixpath.normpath(posixpath.join(posixpath.dirname(base), file_part))
        target: Any = schemas.get(base, {})
        for part in (p for p in fragment.split("/") if p):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        node = target if isinstance(target, Mapping) else {}
    return base, node


def _child(node: Mapping[str, Any], key: str | int) -> Mapping[str, Any] | None:
    if isinstance(key, int):
        items = node.get("items")
        return items if isinstance(items, Mapping) else None
    properties = node.get("properties", {})
    if key in properties:
        return properties[key]  # type: ignore[no-any-return]
    extra = node.get("additionalProperties")
    return extra if isinstance(extra, Mapping) else None


def typed_texts(schemas: Schemas, schema_file: str, data: Any) -> Iterator[TypedText]:
    """Every string in DATA whose schema (SCHEMA_FILE, among SCHEMAS) declares a contentMediaType."""
    stack: list[tuple[tuple[str | int, ...], Any, str, Mapping[str, Any]]] = [((), data, schema_file,
                                                                              schemas.get(schema_file, {}))]
    while stack:
        parts, value, base, node = stack.pop()
        base, node = _resolve(schemas, base, node)
        if isinstance(value, str):
            media = node.get("contentMediaType")
            if isinstance(media, str):
                yield TypedText(to_pointer(parts), parts, value, media, node)
            continue
        children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, child in children:
            sub = _child(node, key)
            if sub is not None:
                stack.append(((*parts, key), child, base, sub))


def replace_texts(data: Any, replacements: Mapping[tuple[str | int, ...], str]) -> Any:
    """A copy of DATA with the strings at the given paths replaced."""
    if not replacements:
        return data

    def copy(value: Any, parts: tuple[str | int, ...]) -> Any:
        if parts in replacements:
            return replacements[parts]
        if isinstance(value, dict):
            return {k: copy(v, (*parts, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [copy(v, (*parts, i)) for i, v in enumerate(value)]
        return value

    return copy(data, ())
