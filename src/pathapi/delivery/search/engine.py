"""The search of one catalog in one language: its index, suggester and filter masks (numpy).

Loaded only when an index is built (``pathapi.delivery.search._built``): a server's parent process
does so after its first workers fork, and a worker waiting for the parent's index never loads it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

import numpy as np

from pathapi.content.kinds import Kind
from pathapi.delivery.cache import BoundedCache
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.present import API_PREFIX
from pathapi.delivery.search.entries import SEARCHED, entries_for
from pathapi.delivery.search.index import SearchIndex
from pathapi.delivery.search.results import hits
from pathapi.delivery.search.suggest import Suggester


class Search:
    """The index of one catalog in one language, with its suggester and filter masks."""

    def __init__(self, catalog: Catalog, language: str) -> None:
        self.catalog = catalog
        documents = [d for kind in SEARCHED for d in catalog.documents[kind].values()]
        entries = entries_for(documents, language, catalog.audience)
        self.index = SearchIndex(entries, language, catalog.snapshot.synonyms.get(language, ()))
        self.suggester = Suggester(self.index)
        # Keys are validated filter values (visible topic and segment ids), so the bound is never reached.
        self._masks: BoundedCache[tuple[str, str], np.ndarray] = BoundedCache("Search.masks", 1024)

    def mask(self, types: Iterable[str], topic: str | None, segment: str | None) -> np.ndarray | None:
        """Which entries the filters keep (None: all)."""
        wanted = [SEARCHED.index(Kind(t)) for t in types]
        result = np.isin(self.index.kinds, wanted) if wanted else None
        for name, value in (("topic", topic), ("segment", segment)):
            if value is not None:
                chosen = self._filter_mask(name, value)
                result = chosen if result is None else result & chosen
        return result

    def _filter_mask(self, name: str, value: str) -> np.ndarray:
        key = (name, value)
        found = self._masks.get(key)
        if found is None:
            entries = self.index.entries
            paths = {
                e.id for e in entries if e.kind is Kind.PATH and value in (e.topics if name == "topic" else e.segments)
            }
            channels = {c for e in entries if e.kind is Kind.PATH and e.id in paths for c in e.channels}
            found = np.array(
                [
                    (e.kind is Kind.PATH and e.id in paths)
                    or (e.kind is Kind.CHANNEL and e.id in channels)
                    or (name == "topic" and e.kind is Kind.TOPIC and value in (e.id, e.parent))
                    for e in entries
                ],
                dtype=bool,
            )
            self._masks.put(key, found)
        return found

    def answer(
        self,
        query: str,
        *,
        page: int,
        per_page: int,
        types: tuple[str, ...] = (),
        topic: str | None = None,
        segment: str | None = None,
        context: tuple[tuple[str, str], ...] = (),
    ) -> dict[str, Any]:
        """One page of hits for QUERY; ``links`` and ``href``s keep every parameter that shaped it."""
        ranked = self.index.rank(
            query, offset=(page - 1) * per_page, count=per_page, mask=self.mask(types, topic, segment)
        )
        shaping = [
            ("q", query),
            *(("type", ",".join(types)),) * bool(types),
            *(("topic", topic),) * bool(topic),
            *(("segment", segment),) * bool(segment),
            *context,
        ]

        def link(number: int) -> str:
            params = [*shaping, ("page", str(number)), ("per_page", str(per_page)), ("lang", self.index.language)]
            return f"{API_PREFIX}/search?{urlencode(params)}"

        last = max(1, math.ceil(ranked.total / per_page))
        return {
            "query": query,
            "language": self.index.language,
            "total": ranked.total,
            "page": page,
            "per_page": per_page,
            "items": hits(self.index, ranked, tuple(context)),
            "links": {
                "self": link(page),
                "first": link(1),
                "last": link(last),
                "next": link(page + 1) if page < last else None,
                "prev": link(min(page - 1, last)) if page > 1 else None,
            },
        }
