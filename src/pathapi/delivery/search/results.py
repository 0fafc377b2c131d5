"""Search answers: ranked hits with their fields and highlighted, HTML-escaped snippets."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from pathapi.delivery.search.analysis import words
from pathapi.delivery.search.index import Ranked, SearchIndex

SNIPPET = 160


def hits(index: SearchIndex, ranked: Ranked) -> list[dict[str, Any]]:
    """The answer's items: each entry with its language, whether it fell back, score and best fields."""
    return [_item(index, number, score, ranked.terms) for number, score in ranked.items]


def _item(index: SearchIndex, number: int, score: float, terms: Mapping[str, float]) -> dict[str, Any]:
    entry = index.entries[number]
    first = int(index.field_start[number])
    fields = index.fields_of(number)
    found = []
    for field_number in index.best_fields(number, terms):
        field = fields[field_number - first]
        hit: dict[str, Any] = {"field": field.name, "snippet": snippet(index, field.text, terms)}
        if field.step is not None:
            hit.update(phase=field.phase, step=field.step, step_title=field.step_title)
        found.append(hit)
    return {"id": entry.id, "type": entry.kind.value, "title": entry.title, "href": entry.href,
            "language": entry.language, "fallback": entry.fallback, "score": round(score, 4), "hits": found}


def snippet(index: SearchIndex, text: str, terms: Mapping[str, float]) -> str:
    """Up to SNIPPET characters around the first match, HTML-escaped, matches in ``<mark>``."""
    terms_of = index.analyzer.terms
    marked = [(s, e) for s, e, word in words(text) if any(t in terms for t, _w in terms_of(word))]
    first = marked[0][0] if marked else 0
    start = max(0, first - SNIPPET // 3)
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + SNIPPET)
    if end < len(text):
        end = max(text.rfind(" ", start, end), first + 1)
    pieces, cursor = [], start
    for s, e in marked:
        if s < start or e > end:
            continue
        pieces += [html.escape(text[cursor:s]), f"<mark>{html.escape(text[s:e])}</mark>"]
        cursor = e
    pieces.append(html.escape(text[cursor:end]))
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")
