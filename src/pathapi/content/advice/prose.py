"""Texts as a reader meets them: Markdown and addresses masked, cut into sentences and words, with offsets."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

# Spans a reader does not read as words: link targets, addresses, e-mail, domain names, phone numbers.
_HIDDEN = re.compile(
    r"\]\([^)]*\)|<[^>]*>|https?://\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:fi|se|com|org|net|eu)\b"
    r"|tel:\S+|mailto:\S+"
)
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s)|[*_`\[\]]")
_BREAK = re.compile(r"(?<=[.!?])[\"”»)]?\s+(?=[\"“«(]?[A-ZÅÄÖ0-9])|\n+")
WORD = re.compile(r"[^\W\d_](?:[\w]|-(?=\w))*")


@dataclass(frozen=True)
class Span:
    """A piece of a text: where it starts and ends (offsets into the text) and what it says."""

    start: int
    end: int
    text: str


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


@lru_cache(maxsize=16_384)
def mask(text: str, markdown: bool) -> str:
    """TEXT with link targets, addresses and (for Markdown) markup replaced by spaces: offsets stay put."""
    masked = _HIDDEN.sub(_blank, text)
    if markdown:
        masked = "\n".join(_MARKUP.sub(_blank, line) for line in masked.split("\n"))
    return masked


def _after_abbreviation(before: str, abbreviations: Collection[str]) -> bool:
    """True when BEFORE ends with a listed abbreviation such as ``esim.``: no sentence ends there."""
    last = before.rsplit(None, 1)[-1] if before.strip() else ""
    return bool(last) and (last in abbreviations or last.lower() in abbreviations)


def sentences(masked: str, abbreviations: Collection[str] = ()) -> list[Span]:
    """The sentences (and list items, headings, one-line texts) of a masked text."""
    found, start = [], 0
    for cut in [*_BREAK.finditer(masked), None]:
        end = cut.start() if cut else len(masked)
        if cut and "\n" not in cut.group() and _after_abbreviation(masked[start:end], abbreviations):
            continue
        piece = masked[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            found.append(Span(start + lead, start + len(piece.rstrip()), piece.strip()))
        start = cut.end() if cut else end
    return found


def words(sentence: Span) -> list[Span]:
    """The words of SENTENCE, with offsets into the whole text."""
    return [Span(sentence.start + m.start(), sentence.start + m.end(), m.group()) for m in WORD.finditer(sentence.text)]


def letters(word: str) -> int:
    """How many letters WORD has (hyphens not counted)."""
    return sum(1 for c in word if c.isalpha())
