"""The search synonym list of a content repository (``content/synonyms.json``), checked like content."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from pathapi.content.compiled import fast_validator, format_names
from pathapi.content.messages import schema_words
from pathapi.content.parsing import ParseFailure, parse_json
from pathapi.content.positions import Positions, to_pointer
from pathapi.content.problems import Problem

SYNONYMS_FILE = "content/synonyms.json"
SYNONYMS_SCHEMA = "synonyms.schema.json"
Synonyms = Mapping[str, Sequence[Sequence[str]]]


def check_synonyms(data: bytes, schemas: Mapping[str, Mapping[str, Any]]) -> tuple[Problem, ...]:
    """Problems of the synonym file: syntax, its schema, and a word that sits in two groups."""
    positions = Positions(data.decode("utf-8", errors="replace"))
    parsed = parse_json(data)
    if isinstance(parsed, ParseFailure):
        return (Problem.of(SYNONYMS_FILE, parsed.line, parsed.column, parsed.code, "", "json", **dict(parsed.args)),)
    schema = schemas.get(SYNONYMS_SCHEMA)
    if schema is None:
        return (Problem.of(SYNONYMS_FILE, 1, 1, "synonyms-schema-missing", "", "synonyms",
                           file=f"schemas/{SYNONYMS_SCHEMA}"),)
    problems = _schema_problems(parsed, schema, positions)
    if problems:
        return tuple(problems)
    return tuple(_repeated_words(parsed, positions))


def _schema_problems(parsed: Any, schema: Mapping[str, Any], positions: Positions) -> list[Problem]:
    """Schema errors of the synonym file: jsonschema-rs decides, jsonschema (imported only then) explains."""
    fast = fast_validator(schema, (), format_names(((SYNONYMS_SCHEMA, schema),)))
    if fast is not None and fast.is_valid(parsed):
        return []
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = []
    for error in sorted(validator.iter_errors(parsed), key=lambda e: list(map(str, e.absolute_path))):
        pointer = to_pointer(error.absolute_path)
        code, args = schema_words(error)
        problems.append(Problem.of(SYNONYMS_FILE, *positions.of(pointer), code, pointer, "schema", **args))
    return problems


def _repeated_words(parsed: dict[str, Any], positions: Positions) -> list[Problem]:
    problems = []
    for language, groups in parsed.items():
        if language == "$schema":
            continue
        first: dict[str, int] = {}
        for number, group in enumerate(groups):
            for place, word in enumerate(group):
                if word in first and first[word] != number:
                    pointer = f"/{language}/{number}/{place}"
                    problems.append(Problem.of(SYNONYMS_FILE, *positions.of(pointer), "synonym-repeated", pointer,
                                               "synonyms", word=word, group=first[word] + 1, language=language))
                first.setdefault(word, number)
    return problems


def load_synonyms(data: bytes | None) -> Synonyms:
    """The groups per language of a checked synonym file (empty without one)."""
    if data is None:
        return {}
    parsed = orjson.loads(data)
    return {lang: tuple(tuple(g) for g in groups) for lang, groups in parsed.items() if lang != "$schema"}
