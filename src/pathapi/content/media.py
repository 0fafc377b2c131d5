"""Which strings of a document are Markdown and which plain text: read from the schema.

A string whose schema says ``"contentMediaType": "text/markdown"`` is Markdown; one that says
``text/plain`` is a one-line plain text. Nothing is hard-coded per field: the schemas decide,
and the validator and the HTML rendering follow them. Each schema is compiled once into a
plan of where texts can be, so a document's walk skips every branch that holds none.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pathapi.content.positions import to_pointer

Schemas = Mapping[str, Mapping[str, Any]]
MAX_DEPTH = 64
MAX_PLANS = 16  # compiled (schema set, file) pairs kept; a server holds a few schema sets at most


@dataclass(frozen=True)
class TypedText:
    """A string of a document with the media type its schema declares."""

    parts: tuple[str | int, ...]
    text: str
    media_type: str
    schema: Mapping[str, Any]

    @property
    def pointer(self) -> str:
        """The JSON pointer of the string."""
        return to_pointer(self.parts)


@dataclass
class Plan:
    """One schema node, resolved: its media type, where its children's schemas are, whether texts lie below."""

    schema: Mapping[str, Any]
    media: str | None = None
    properties: dict[str, Plan] = field(default_factory=dict)
    extra: Plan | None = None
    items: Plan | None = None
    has_text: bool = True  # until compiled; stays True inside a recursive schema (safe)
    leaf_media: str | None = None  # an object whose every property is a string of this media type (a localized text)


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


def _compile(schemas: Schemas, base: str, node: Mapping[str, Any], memo: dict[tuple[str, int], Plan]) -> Plan:
    base, node = _resolve(schemas, base, node)
    key = (base, id(node))
    if key in memo:
        return memo[key]
    media = node.get("contentMediaType")
    plan = memo[key] = Plan(node, media if isinstance(media, str) else None)
    properties = node.get("properties")
    if isinstance(properties, Mapping):
        plan.properties = {k: _compile(schemas, base, v, memo) for k, v in properties.items() if isinstance(v, Mapping)}
    for name in ("additionalProperties", "items"):
        child = node.get(name)
        if isinstance(child, Mapping):
            setattr(plan, "extra" if name == "additionalProperties" else "items", _compile(schemas, base, child, memo))
    children = [*plan.properties.values(), *(p for p in (plan.extra, plan.items) if p is not None)]
    plan.has_text = plan.media is not None or any(c.has_text for c in children)
    plan.leaf_media = _leaf_media(plan)
    return plan


def _leaf_media(plan: Plan) -> str | None:
    """The media type every property of PLAN has when each is a plain string leaf and nothing else is allowed."""
    leaves = plan.properties.values()
    media = {leaf.media for leaf in leaves}
    if plan.extra is not None or plan.items is not None or len(media) != 1:
        return None
    if any(leaf.properties or leaf.extra is not None or leaf.items is not None for leaf in leaves):
        return None
    return next(iter(media))


_PLANS: dict[tuple[int, str], tuple[Schemas, Plan]] = {}


def plan_for(schemas: Schemas, schema_file: str) -> Plan:
    """The compiled plan of SCHEMA_FILE among SCHEMAS, built once per schema set."""
    key = (id(schemas), schema_file)
    found = _PLANS.get(key)
    if found is not None and found[0] is schemas:
        return found[1]
    plan = _compile(schemas, schema_file, schemas.get(schema_file, {}), {})
    while len(_PLANS) >= MAX_PLANS:
        _PLANS.pop(next(iter(_PLANS)))
    _PLANS[key] = (schemas, plan)
    return plan


def typed_texts(schemas: Schemas, schema_file: str, data: Any) -> Iterator[TypedText]:
    """Every string in DATA whose schema (SCHEMA_FILE, among SCHEMAS) declares a contentMediaType."""
    stack: list[tuple[tuple[str | int, ...], Any, Plan]] = [((), data, plan_for(schemas, schema_file))]
    while stack:
        parts, value, plan = stack.pop()
        if isinstance(value, str):
            if plan.media is not None:
                yield TypedText(parts, value, plan.media, plan.schema)
        elif isinstance(value, dict):
            for key, child in value.items():
                sub = plan.properties.get(key, plan.extra)
                if sub is not None and sub.has_text:
                    stack.append(((*parts, key), child, sub))
        elif isinstance(value, list) and plan.items is not None and plan.items.has_text:
            stack.extend(((*parts, index), child, plan.items) for index, child in enumerate(value))


def gather_texts(data: Any, plan: Plan, found: dict[str, list[str]]) -> None:
    """Add the strings of ``typed_texts`` below DATA (whose schema is PLAN) to FOUND by media type."""
    stack: list[tuple[Any, Plan]] = [(data, plan)]
    while stack:
        value, plan = stack.pop()
        if isinstance(value, str):
            if plan.media is not None:
                found.setdefault(plan.media, []).append(value)
        elif isinstance(value, dict):
            properties, extra = plan.properties, plan.extra
            for key, child in value.items():
                sub = properties.get(key, extra)
                if sub is not None and sub.has_text:
                    stack.append((child, sub))
        elif isinstance(value, list) and plan.items is not None and plan.items.has_text:
            stack.extend((child, plan.items) for child in value)


def texts_by_media(schemas: Schemas, schema_file: str, data: Any) -> dict[str, list[str]]:
    """The strings of ``typed_texts`` grouped by media type, without their places (a lighter walk)."""
    found: dict[str, list[str]] = {}
    gather_texts(data, plan_for(schemas, schema_file), found)
    return found


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
