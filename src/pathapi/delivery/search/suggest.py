"""Search-box suggestions: words of the index and document titles that complete what was typed."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import defaultdict
from typing import Any

from pathapi.delivery.search.analysis import fold, words
from pathapi.delivery.search.index import SearchIndex

MIN_WORD, MAX_SCAN = 3, 5000


class Suggester:
    """Sorted, folded words and title words of one index, for completing a prefix quickly."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        counts: dict[str, int] = defaultdict(int)
        shown: dict[str, str] = {}
        for word, count in index.surface.items():
            if len(word) < MIN_WORD or word.isdigit() or index.analyzer.is_stop_word(word):
                continue
            key = fold(word)
            counts[key] += count
            if count > counts[key] - count:  # the most frequent spelling of a folded word is shown
                shown[key] = word
        self.words = sorted(counts)
        self.counts = [counts[w] for w in self.words]
        self.shown = [shown[w] for w in self.words]
        self.title_words = sorted((fold(w), n) for n, e in enumerate(index.entries) for _s, _e, w in words(e.title))

    def suggest(self, query: str, limit: int) -> dict[str, Any]:
        """Completions of the last word of QUERY, and titles with words starting as typed."""
        typed = [fold(w) for _s, _e, w in words(query)]
        if not typed:
            return {"query": query, "language": self.index.language, "terms": [], "documents": []}
        last = typed[-1]
        head = " ".join(w for _s, _e, w in words(query)[:-1])
        return {"query": query, "language": self.index.language,
                "terms": [f"{head} {w}".strip() for w in self._words(last, limit)],
                "documents": self._documents(typed, limit)}

    def _words(self, prefix: str, limit: int) -> list[str]:
        start = bisect_left(self.words, prefix)
        end = start
        while end < len(self.words) and end - start < MAX_SCAN and self.words[end].startswith(prefix):
            end += 1
        best = heapq.nsmallest(limit, range(start, end), key=lambda i: (-self.counts[i], self.words[i]))
        return [self.shown[i] for i in best]

    def _documents(self, typed: list[str], limit: int) -> list[dict[str, Any]]:
        last = typed[-1]
        start = bisect_left(self.title_words, (last, -1))
        found: dict[int, None] = {}
        for word, number in self.title_words[start : start + MAX_SCAN]:
            if not word.startswith(last):
                break
            title = {fold(w) for _s, _e, w in words(self.index.entries[number].title)}
            if all(any(t.startswith(w) for t in title) for w in typed):
                found[number] = None
        ranked = sorted(found, key=lambda n: (self.index.kinds[n], self.index.entries[n].title))[:limit]
        return [{"id": e.id, "type": e.kind.value, "title": e.title, "href": e.href, "language": e.language}
                for e in (self.index.entries[n] for n in ranked)]
