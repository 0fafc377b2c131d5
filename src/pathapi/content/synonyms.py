"""The search synonym list of a content repository (``content/synonyms.json``), checked like content."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from pathapi.content.findings import Problem
from pathapi.content.parsing import ParseFailure, parse_json
from pathapi.content.positions import Positions
from pathapi.content.side_files import schema_problems

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
        return (
            Problem.of(
                SYNONYMS_FILE, 1, 1, "synonyms-schema-missing", "", "synonyms", file=f"schemas/{SYNONYMS_SCHEMA}"
            ),
        )
    problems = schema_problems(SYNONYMS_FILE, parsed, schema, SYNONYMS_SCHEMA, positions)
    if problems:
        return tuple(problems)
    return tuple(_repeated_words(parsed, positions))


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
                    problems.append(
                        Problem.of(
                            SYNONYMS_FILE,
                            *positions.of(pointer),
                            "synonym-repeated",
                            pointer,
                            "synonyms",
                            word=word,
                            group=first[word] + 1,
                            language=language,
                        )
                    )
                first.setdefault(word, number)
    return problems


def load_synonyms(data: bytes | None) -> Synonyms:
    """The groups per language of a checked synonym file (empty without one)."""
    if data is None:
        return {}
    parsed = orjson.loads(data)
    return {lang: tuple(tuple(g) for g in groups) for lang, groups in parsed.items() if lang != "$schema"}
