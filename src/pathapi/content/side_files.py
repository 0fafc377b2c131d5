"""Side files of a content repository (synonyms, vocabulary): their schema problems, found one way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pathapi.content.compiled import fast_validator, format_names
from pathapi.content.findings import Problem
from pathapi.content.messages import schema_words
from pathapi.content.positions import Positions, to_pointer


def schema_problems(
    path: str, parsed: Any, schema: Mapping[str, Any], schema_name: str, positions: Positions
) -> list[Problem]:
    """Positioned schema problems of PARSED: jsonschema-rs decides, jsonschema (imported only then) explains."""
    fast = fast_validator(schema, (), format_names(((schema_name, schema),)))
    if fast is not None and fast.is_valid(parsed):
        return []
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = []
    for error in sorted(validator.iter_errors(parsed), key=lambda e: list(map(str, e.absolute_path))):
        pointer = to_pointer(error.absolute_path)
        code, args = schema_words(error)
        problems.append(Problem.of(path, *positions.of(pointer), code, pointer, "schema", **args))
    return problems
