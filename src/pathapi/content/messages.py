"""Plain-language messages for JSON Schema errors, written for content editors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

MAX_MESSAGE = 240
JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
              int: "a number", float: "a number", type(None): "null"}


def as_json(value: Any, limit: int = 60) -> str:
    """VALUE as JSON text, shortened for a one-line message."""
    text = orjson.dumps(value).decode()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type_name(value: Any) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


def _expected_type(expected: Any) -> str:
    names = {"object": "an object", "array": "an array", "string": "a string", "boolean": "a boolean",
             "integer": "an integer", "number": "a number", "null": "null"}
    options = expected if isinstance(expected, list) else [expected]
    return " or ".join(names.get(str(t), str(t)) for t in options)


def schema_message(err: ValidationError) -> str:
    """A short message for ERR; jsonschema's own wording where it is already clear."""
    value, arg = err.instance, err.validator_value
    kind = err.validator
    if kind == "type":
        message = f"expected {_expected_type(arg)}, got {_type_name(value)}"
    elif kind == "const":
        message = f"must be {as_json(arg)}"
    elif kind == "enum":
        message = f"{as_json(value)} is not one of {', '.join(as_json(v) for v in arg)}"
    elif kind == "format":
        message = f"{as_json(value)} is not a valid {arg}"
    elif kind == "pattern":
        hint = err.schema.get("description") if isinstance(err.schema, dict) else None
        hint = hint.split(". ")[0].rstrip(".") if isinstance(hint, str) else None
        message = f"{as_json(value)} does not match the pattern {arg}" + (f" ({hint})" if hint else "")
    elif kind == "required":
        missing = next((k for k in arg if isinstance(value, dict) and k not in value), "?")
        message = f'missing required property "{missing}"'
    elif kind in ("minItems", "maxItems"):
        bound = "at least" if kind == "minItems" else "at most"
        message = f"must have {bound} {arg} item{'s' if arg != 1 else ''}"
    elif kind in ("minLength", "maxLength"):
        message = "must not be empty" if kind == "minLength" and arg == 1 else (
            f"must be {'at least' if kind == 'minLength' else 'at most'} {arg} characters")
    elif kind == "uniqueItems":
        message = "items must be unique"
    else:
        message = err.message
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"
