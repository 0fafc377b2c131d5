"""Full-text search over paths, channels and topics, in Finnish, Swedish and English.

One ``Search`` per catalog and language (``engine.py``) holds the index, the suggester and filter
masks. It is built with the version (``warm``) so that no reader waits for it; building is guarded
so that concurrent first readers share one build. This module loads no numpy: a server's workers
answer "warming up" while the parent builds, without loading the engine.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pathapi.content.document import LANGUAGES
from pathapi.delivery.cache import AttachedCache
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.problems import ProblemError
from pathapi.delivery.search.entries import SEARCHED

if TYPE_CHECKING:
    from pathapi.delivery.search.engine import Search

__all__ = ["Search", "search_for", "warm"]
TYPES = tuple(kind.value for kind in SEARCHED)
_BUILDING = threading.Lock()
# Catalogs (by id) whose indexes the server's parent process is building for this forked worker:
# a search answers 503 "warming" meanwhile instead of building a copy of its own (pathapi.serving.prefork).
ELSEWHERE: dict[int, Catalog] = {}  # kept alive here, so an id is never reused while listed
WARMING_RETRY = 5  # seconds a client should wait before searching again while the index is built
INDEXES: AttachedCache[Catalog, str, Search] = AttachedCache("search.indexes", len(LANGUAGES))  # per catalog, language


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
                from pathapi.delivery.search.engine import Search

                found = INDEXES.of(catalog).put(language, Search(catalog, language))
    return found


def warm(catalog: Catalog, languages: Iterable[str] = LANGUAGES) -> None:
    """Build the catalog's search in every language now, before readers ask."""
    for language in languages:
        _built(catalog, language)
