"""Reading level: LIX (läsbarhetsindex) from the words, sentences and long words of masked texts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pathapi.content.advice.prose import letters, sentences, words

LONG_WORD = 6  # LIX counts words of more than six letters as long


@dataclass(frozen=True)
class Counts:
    """What LIX needs: words, sentences and long words of one or more texts."""

    words: int = 0
    sentences: int = 0
    long_words: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.words + other.words, self.sentences + other.sentences, self.long_words + other.long_words)

    @property
    def lix(self) -> int:
        """Läsbarhetsindex: words per sentence plus the percentage of long words (rounded)."""
        if not self.words or not self.sentences:
            return 0
        return round(self.words / self.sentences + 100 * self.long_words / self.words)


@lru_cache(maxsize=16_384)
def count(masked: str, abbreviations: frozenset[str] = frozenset()) -> Counts:
    """Words, sentences and long words of a masked text."""
    spans = sentences(masked, abbreviations)
    all_words = [w for s in spans for w in words(s)]
    return Counts(len(all_words), len(spans), sum(1 for w in all_words if letters(w.text) > LONG_WORD))
