"""The repository's vocabulary for the advisor (``content/vocabulary.json``): accepted words and abbreviations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import orjson

from pathapi.content.findings import Problem
from pathapi.content.parsing import ParseFailure, parse_json
from pathapi.content.positions import Positions
from pathapi.content.side_files import schema_problems

VOCABULARY_FILE = "content/vocabulary.json"
VOCABULARY_SCHEMA = "vocabulary.schema.json"
MAX_ENDING = 6  # an accepted name may carry a case ending this long: Omaolo → Omaolon, Omaolosta


@dataclass(frozen=True)
class Vocabulary:
    """Names and terms the advisor accepts, and abbreviations with their meaning, per language."""

    words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    abbreviations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @cached_property
    def _lowered(self) -> dict[str, dict[str, str]]:
        return {lang: {k.lower(): v for k, v in listed.items()} for lang, listed in self.abbreviations.items()}

    def accepts(self, language: str, word: str) -> bool:
        """True when WORD (or WORD with a case ending) is a listed name or term of LANGUAGE."""
        rest = self.remainder(language, word)
        return rest is not None and len(rest) <= MAX_ENDING

    def remainder(self, language: str, word: str) -> str | None:
        """What follows the longest listed name WORD starts with (``Päijät-Sote-sovellus`` → ``-sovellus``)."""
        lowered = word.lower()
        listed = self.words.get(language, frozenset())
        if lowered in listed:
            return ""
        entries = [e for e in listed if len(e) >= 3 and lowered.startswith(e)]
        return lowered[len(max(entries, key=len)) :] if entries else None

    def meaning(self, language: str, abbreviation: str) -> str | None:
        """What a listed ABBREVIATION of LANGUAGE stands for (exact case first, then any case)."""
        listed = self.abbreviations.get(language, {})
        if abbreviation in listed:
            return listed[abbreviation]
        return self._lowered.get(language, {}).get(abbreviation.lower())


def load_vocabulary(data: bytes | None) -> Vocabulary:
    """The vocabulary in DATA (the file's bytes); empty without a file or when it does not parse."""
    try:
        parsed = orjson.loads(data) if data else {}
    except orjson.JSONDecodeError:
        parsed = {}
    if not isinstance(parsed, dict):
        parsed = {}
    words = {
        lang: frozenset(w.lower() for w in listed if isinstance(w, str))
        for lang, listed in (parsed.get("words") or {}).items()
        if isinstance(listed, list)
    }
    abbreviations = {
        lang: {k: str(v) for k, v in listed.items()}
        for lang, listed in (parsed.get("abbreviations") or {}).items()
        if isinstance(listed, dict)
    }
    return Vocabulary(words, abbreviations)


def check_vocabulary(data: bytes, schemas: Mapping[str, Mapping[str, Any]]) -> tuple[Problem, ...]:
    """Problems of the vocabulary file: its syntax and its schema."""
    parsed = parse_json(data)
    if isinstance(parsed, ParseFailure):
        return (Problem.of(VOCABULARY_FILE, parsed.line, parsed.column, parsed.code, "", "json", **dict(parsed.args)),)
    schema = schemas.get(VOCABULARY_SCHEMA)
    if schema is None:
        return (
            Problem.of(
                VOCABULARY_FILE,
                1,
                1,
                "vocabulary-schema-missing",
                "",
                "vocabulary",
                file=f"schemas/{VOCABULARY_SCHEMA}",
            ),
        )
    positions = Positions(data.decode("utf-8", errors="replace"))
    return tuple(schema_problems(VOCABULARY_FILE, parsed, schema, VOCABULARY_SCHEMA, positions))
