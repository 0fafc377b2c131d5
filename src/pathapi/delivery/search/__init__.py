"""Full-text search over paths, channels and topics, in Finnish, Swedish and English.

One ``Search`` per catalog and language holds the index, the suggester and filter masks. It is
built with the version (``warm``) so that no reader waits for it; building is guarded so that
concurrent first readers share one build.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

import numpy as np

from pathapi.content.document import LANGUAGES
from pathapi.content.kinds import Kind
from pathapi.delivery.cache import AttachedCache, BoundedCache
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.present import API_PREFIX
from pathapi.delivery.problems import ProblemError
from pathapi.delivery.search.analysis import WORD
from pathapi.delivery.search.entries import SEARCHED, entries_for
from pathapi.delivery.search.index import SearchIndex
from pathapi.delivery.search.results import hits
from pathapi.delivery.search.suggest import Suggester

__all__ = ["WORD", "Search", "search_for", "warm"]
TYPES = tuple(kind.value for kind in SEARCHED)
_BUILDING = threading.Lock()
# Catalogs (by id) whose indexes the server's parent process is building for this forked worker:
# a search answers 503 "warming" meanwhile instead of building a copy of its own (pathapi.serving.prefork).
ELSEWHERE: dict[int, Catalog] = {}  # kept alive here, so an id is never reused while listed
WARMING_RETRY = 5  # seconds a client should wait before searching again while the index is built
INDEXES: AttachedCache[Catalog, str, Search] = AttachedCache("search.indexes", len(LANGUAGES))  # per catalog, language


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


def search_for(catalog: Catalog, language: str) -> Search:
    """The catalog's search in LANGUAGE, built once (concurrent callers wait for the same build)."""
    if language not in LANGUAGES:
        raise ValueError(f"no search index for language {language!r}")
    found = INDEXES.of(catalog).get(language)
    if found is None and id(catalog) in ELSEWHERE:
        raise ProblemError(
            503,
            "Service Unavailable",
            "search is warming up: the server started a moment ago and "
            "is building the search index of this version; try again in a few seconds",
            headers=(("Retry-After", str(WARMING_RETRY)),),
        )
    return _built(catalog, language) if found is None else found


def _built(catalog: Catalog, language: str) -> Search:
    """The catalog's search in LANGUAGE, built here now unless a concurrent caller did."""
    found = INDEXES.of(catalog).get(language)
    if found is None:
        with _BUILDING:
            found = INDEXES.of(catalog).get(language)
            if found is None:
                found = INDEXES.of(catalog).put(language, Search(catalog, language))
    return found


def warm(catalog: Catalog, languages: Iterable[str] = LANGUAGES) -> None:
    """Build the catalog's search in every language now, before readers ask."""
    for language in languages:
        _built(catalog, language)
