"""Search-box suggestions: words of the index and document titles that complete what was typed."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import Any

import numpy as np

from pathapi.delivery.present import href
from pathapi.delivery.search.analysis import fold, words
from pathapi.delivery.search.index import SearchIndex

MIN_WORD, MAX_DOCUMENTS, MAX_CANDIDATES = 3, 200, 100
LAST = "\U0010ffff"  # sorts after every character: the end of a prefix range


class Suggester:
    """Sorted, folded words and title words of one index, for completing a prefix quickly."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        counts: dict[str, int] = defaultdict(int)
        shown: dict[str, tuple[int, str]] = {}
        for word, count in index.surface.items():
            if len(word) < MIN_WORD or word.isdigit() or index.analyzer.is_stop_word(word):
                continue
            key = fold(word)
            counts[key] += count
            shown[key] = max(shown.get(key, (0, word)), (count, word))  # the most frequent spelling is shown
        self.words = sorted(counts)
        self.counts = np.array([counts[w] for w in self.words], dtype=np.int64)
        self.shown = [shown[w][1] for w in self.words]
        self.spelling = dict(zip(self.words, self.shown, strict=True))
        self.titles = [tuple(fold(w) for _s, _e, w in words(e.title)) for e in index.entries]
        self.title_words = sorted((word, n) for n, title in enumerate(self.titles) for word in set(title))

    def suggest(self, query: str, limit: int, pinned: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
        """Whole queries: the last word of QUERY completed among the documents the earlier words find, and
        titles with words starting as typed."""
        typed = [w for _s, _e, w in words(query)]
        if not typed:
            return {"query": query, "language": self.index.language, "terms": [], "documents": []}
        head = " ".join(typed[:-1])
        folded = [fold(w) for w in typed]
        return {
            "query": query,
            "language": self.index.language,
            "terms": [f"{head} {w}".strip() for w in self._words(folded[-1], limit, self._context(typed[:-1]))],
            "documents": self._documents(folded, limit, pinned),
        }

    def _context(self, before: list[str]) -> np.ndarray | None:
        """Passages (a step, a channel…) where every meaningful earlier word stands (None: no such word)."""
        found: np.ndarray | None = None
        for word in before:
            if self.index.analyzer.is_stop_word(word):
                continue
            hits = self.index.passages.having(self.index.expand(word.lower()), self.index.field_postings) > 0
            found = hits if found is None else found & hits
        return found

    def _words(self, prefix: str, limit: int, context: np.ndarray | None) -> list[str]:
        """Index words starting with PREFIX, one per base form, most frequent first; with a CONTEXT, those found
        in most of its passages first, and only those when any is."""
        start = bisect_left(self.words, prefix)
        end = bisect_left(self.words, prefix + LAST, start)
        counts = self.counts[start:end]
        wanted = min(MAX_CANDIDATES if context is not None else limit * 4, len(counts))
        pool = np.argpartition(-counts, wanted - 1)[:wanted] if len(counts) > wanted else np.arange(len(counts))
        order: dict[int, tuple[int, ...]] = {i: (-int(counts[i]),) for i in pool.tolist()}
        if context is not None and context.any():
            shared = {i: self._shared(self.shown[start + i], context) for i in order}
            if any(shared.values()):
                order = {i: (-shared[i], *key) for i, key in order.items() if shared[i]}
        chosen: dict[str, str] = {}
        for i in sorted(order, key=lambda i: (order[i], self.words[start + i])):
            base = self._base(self.shown[start + i])  # shown as the base form when the texts use it
            chosen.setdefault(base, self.spelling.get(base, self.shown[start + i]))
            if len(set(chosen.values())) == limit:
                break
        return list(dict.fromkeys(chosen.values()))

    def _base(self, word: str) -> str:
        """The first base form of WORD (inflections of one word are suggested once)."""
        return next((t for t, w in self.index.analyzer.terms(word) if w == 1.0), fold(word))

    def _shared(self, word: str, context: np.ndarray) -> int:
        """How many CONTEXT passages have WORD (by its base forms)."""
        terms = [(t, w) for t, w in self.index.analyzer.terms(word) if w == 1.0]
        return int(np.count_nonzero(context & (self.index.passages.having(terms, self.index.field_postings) > 0)))

    def _documents(self, typed: list[str], limit: int, pinned: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
        last, before = typed[-1], typed[:-1]
        start = bisect_left(self.title_words, (last, -1))
        end = bisect_left(self.title_words, (last + LAST, -1), start)
        found: set[int] = set()
        for _word, number in self.title_words[start:end]:
            if number not in found and all(any(t.startswith(w) for t in self.titles[number]) for w in before):
                found.add(number)
                if len(found) >= MAX_DOCUMENTS:
                    break
        entries = self.index.entries
        ranked = sorted(found, key=lambda n: (int(self.index.kinds[n]), entries[n].title))[:limit]
        language = self.index.language
        return [
            {
                "id": e.id,
                "type": e.kind.value,
                "title": e.title,
                "href": href(e.kind, e.id, language, pinned),
                "language": e.language,
            }
            for e in (entries[n] for n in ranked)
        ]
