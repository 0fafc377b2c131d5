"""Catalogue codes and arguments for JSON Schema errors, worded for content editors."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

from pathapi.content.catalogue import closest, quoted

MAX_VALUE = 60
JSON_TYPES = {
    dict: "object",
    list: "array",
    str: "string",
    bool: "boolean",
    int: "number",
    float: "number",
    type(None): "null",
}
FORMATS = ("date", "date-time", "email", "uri", "uuid")
STATUS_WORDS = ["draft", "review", "published", "archived"]


def as_json(value: Any, limit: int = MAX_VALUE) -> str:
    """VALUE as JSON text, shortened for a one-line message."""
    text = orjson.dumps(value).decode()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def id_suggestion(value: Any) -> str:
    """A valid identifier made from VALUE: ASCII lower case, hyphens between words."""
    ascii_text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "uusi-polku"


def _enum(value: Any, allowed: list[Any]) -> tuple[str, dict[str, object]]:
    if allowed == STATUS_WORDS:
        return "enum-status", {"value": as_json(value)}
    near = closest(value, [a for a in allowed if isinstance(a, str)]) if isinstance(value, str) else []
    args: dict[str, object] = {"value": as_json(value), "allowed": quoted(allowed)}
    return ("enum-near", {**args, "closest": quoted(near[:1])}) if near else ("enum", args)


def _length(kind: str, limit: int) -> tuple[str, dict[str, object]]:
    if kind == "minLength" and limit == 1:
        return "empty", {}
    return ("min-length" if kind == "minLength" else "max-length"), {"limit": limit}


def schema_words(err: ValidationError) -> tuple[str, dict[str, Any]]:
    """The catalogue code and arguments for ERR (not ``required`` or ``additionalProperties``)."""
    value, arg, kind = err.instance, err.validator_value, err.validator
    if kind == "type":
        expected = "|".join(arg) if isinstance(arg, list) else str(arg)
        return "type", {"expected": expected, "got": JSON_TYPES.get(type(value), type(value).__name__)}
    if kind == "const":
        return "const", {"value": as_json(arg)}
    if kind == "enum":
        return _enum(value, list(arg))
    if kind == "format":
        return (f"format-{arg}" if arg in FORMATS else "format"), {"value": as_json(value), "format": arg}
    if kind == "pattern":
        if arg == r"^[a-z0-9]+(?:-[a-z0-9]+)*$":
            return "pattern-id", {"value": as_json(value), "suggestion": id_suggestion(value)}
        return "pattern", {"value": as_json(value), "pattern": arg}
    if kind in ("minItems", "maxItems"):
        return ("min-items" if kind == "minItems" else "max-items"), {"limit": arg}
    if kind in ("minLength", "maxLength"):
        return _length(str(kind), int(arg))
    if kind == "uniqueItems":
        return "unique-items", {}
    if kind in ("minimum", "maximum"):
        return kind, {"value": as_json(value), "limit": arg}
    if kind == "contains" and isinstance(arg, dict) and "const" in arg:
        return "contains", {"value": as_json(arg["const"])}
    return "schema-other", {"detail": err.message[:200]}
