"""The advisor's thresholds, per language, with defaults; a repository may change them in its settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

LANGUAGES = ("fi", "sv", "en")
CHECKS = (
    "long_sentence",
    "long_word",
    "compound",
    "passive",
    "participle",
    "nominal",
    "abbreviation",
    "unknown_word",
    "reading_level",
)


def _per_language(fi: int, sv: int, en: int) -> dict[str, int]:
    return {"fi": fi, "sv": sv, "en": en}


@dataclass(frozen=True)
class Thresholds:
    """Limits above which the advisor speaks; ``Thresholds()`` is the defaults."""

    sentence_words: Mapping[str, int] = field(default_factory=lambda: _per_language(18, 22, 25))
    word_letters: Mapping[str, int] = field(default_factory=lambda: _per_language(24, 22, 16))
    compound_parts: int = 4  # Finnish compounds of this many parts or more (Voikko's analysis)
    minen_per_sentence: int = 2  # Finnish -minen nouns in one sentence: nominal style
    passives_per_text: int = 3  # Finnish finite passives in one text: nobody seems to act
    # Finnish LIX runs higher than Swedish or English at the same difficulty (long inflected words, compounds).
    lix_step: Mapping[str, int] = field(default_factory=lambda: _per_language(70, 50, 50))
    lix_document: Mapping[str, int] = field(default_factory=lambda: _per_language(65, 45, 45))
    lix_min_words: int = 30  # too few words for a meaningful score below this
    checks: frozenset[str] = frozenset(CHECKS)

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Thresholds:
        """Thresholds from the ``advice`` group of the repository settings; missing keys keep defaults."""
        defaults = cls()
        values: dict[str, Any] = {}
        for item in fields(cls):
            if item.name not in data:
                continue
            default, given = getattr(defaults, item.name), data[item.name]
            if isinstance(default, Mapping):
                values[item.name] = {**default, **given}
            elif item.name == "checks":
                values[item.name] = frozenset(name for name in CHECKS if given.get(name, True))
            else:
                values[item.name] = int(given)
        return cls(**values)

    def on(self, check: str) -> bool:
        """Whether CHECK is switched on."""
        return check in self.checks
