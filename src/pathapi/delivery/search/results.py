"""Search answers: ranked hits with their fields and highlighted, HTML-escaped snippets."""

from __future__ import annotations

import html
import re
from typing import Any

from pathapi.delivery.present import href
from pathapi.delivery.search.index import Ranked, SearchIndex

SNIPPET = 160


def hits(index: SearchIndex, ranked: Ranked, pinned: tuple[tuple[str, str], ...] = ()) -> list[dict[str, Any]]:
    """The answer's items: each with its language, whether it fell back, score, best fields, and a link that
    keeps the reader's language and version."""
    numbers = [number for number, _score in ranked.items]
    marker = _marker(index.spellings_of(ranked.terms))
    best = index.best_fields(numbers, ranked.terms, together=ranked.together)
    return [
        _item(index, number, score, fields, marker, pinned)
        for (number, score), fields in zip(ranked.items, best, strict=True)
    ]


def _marker(spellings: frozenset[str]) -> re.Pattern[str] | None:
    """A pattern finding any of SPELLINGS as a whole word, longest first."""
    if not spellings:
        return None
    return re.compile(
        r"\b(?:" + "|".join(map(re.escape, sorted(spellings, key=len, reverse=True))) + r")\b", re.IGNORECASE
    )


def _item(
    index: SearchIndex,
    number: int,
    score: float,
    fields: list[int],
    marker: re.Pattern[str] | None,
    pinned: tuple[tuple[str, str], ...],
) -> dict[str, Any]:
    entry = index.entries[number]
    first = int(index.field_start[number])
    found = []
    for field_number in fields:
        field = entry.fields[field_number - first]
        hit: dict[str, Any] = {"field": field.name, "snippet": snippet(field.text, marker)}
        if field.step is not None:
            hit.update(phase=field.phase, step=field.step, step_title=field.step_title)
        found.append(hit)
    return {
        "id": entry.id,
        "type": entry.kind.value,
        "title": entry.title,
        "href": href(entry.kind, entry.id, index.language, pinned),
        "language": entry.language,
        "fallback": entry.fallback,
        "score": round(score, 4),
        "hits": found,
    }


def snippet(text: str, marker: re.Pattern[str] | None) -> str:
    """Up to SNIPPET characters around the first match, HTML-escaped, matches in ``<mark>``."""
    first_match = marker.search(text) if marker is not None else None
    first = first_match.start() if first_match else 0
    start = max(0, first - SNIPPET // 3)
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + SNIPPET)
    if end < len(text):
        end = max(text.rfind(" ", start, end), first + 1)
    pieces, cursor = [], start
    for match in marker.finditer(text, start, end) if marker is not None else ():
        pieces += [html.escape(text[cursor : match.start()]), f"<mark>{html.escape(match.group())}</mark>"]
        cursor = match.end()
    pieces.append(html.escape(text[cursor:end]))
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")
