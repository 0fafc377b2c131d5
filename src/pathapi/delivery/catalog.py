"""The public face of one snapshot: visible documents, filter indexes and memoized bytes."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from math import ceil
from typing import Any
from urllib.parse import urlencode

from pathapi.content.audience import PUBLIC, allows
from pathapi.content.document import Document
from pathapi.content.kinds import Kind
from pathapi.content.lifecycle import gone_reason
from pathapi.content.schemas import declared_enum
from pathapi.delivery.aliases import FilterMoved, Moved, alias_index
from pathapi.delivery.cache import MB, BoundedCache
from pathapi.delivery.feedback import add_feedback
from pathapi.delivery.html import html_document
from pathapi.delivery.last_modified import document_modified, list_modified
from pathapi.delivery.present import API_PREFIX, present, summarize
from pathapi.delivery.problems import ProblemError, bad_parameter, not_found
from pathapi.delivery.representation import Representation, represent
from pathapi.store.snapshot import Snapshot

Pinned = tuple[tuple[str, str], ...]
ItemKey = tuple[Kind, str, str, frozenset[str], Pinned, bool]
# Query parameter -> (document field, kind whose ids are its values, or None for an enum).
PATH_FILTERS: Mapping[str, tuple[str, Kind | None]] = {
    "topic": ("topics", Kind.TOPIC),
    "segment": ("segments", Kind.SEGMENT),
    "target_group": ("target_groups", None),
    "level": ("level", None),
}
LIST_FILTERS: Mapping[Kind, Mapping[str, tuple[str, Kind | None]]] = {
    Kind.PATH: PATH_FILTERS,
    Kind.TOPIC: {"parent": ("parent", Kind.TOPIC)},
    Kind.CHANNEL: {"segment": ("segments", Kind.SEGMENT)},
}
# References inside a path's steps, expanded with the path's own ``expand`` names.
STEP_REFERENCES: Mapping[str, Kind] = {"channels": Kind.CHANNEL, "segments": Kind.SEGMENT}
# What ``expand`` may inline, per kind, for one document and for a list.
EXPANDABLE_ITEM: Mapping[Kind, Mapping[str, Kind]] = {
    Kind.PATH: {"channels": Kind.CHANNEL, "topics": Kind.TOPIC, "segments": Kind.SEGMENT, "related_paths": Kind.PATH},
    Kind.TOPIC: {"parent": Kind.TOPIC},
    Kind.CHANNEL: {"segments": Kind.SEGMENT},
    Kind.SEGMENT: {},
}
EXPANDABLE_LIST: Mapping[Kind, Mapping[str, Kind]] = {
    Kind.PATH: {"topics": Kind.TOPIC, "segments": Kind.SEGMENT},
    Kind.TOPIC: {"parent": Kind.TOPIC},
    Kind.CHANNEL: {"segments": Kind.SEGMENT},
    Kind.SEGMENT: {},
}

# (entries, bytes) each cache of a catalog may hold; there is one catalog per live view (public,
# app, intranet: current and previous scheduled interval) and preview of each version in memory.
CACHE_BOUNDS: dict[str, tuple[int, int]] = {
    "Catalog.items": (20_000, 16 * MB),
    "Catalog.collections": (4096, 8 * MB),
    "Catalog.html": (20_000, 12 * MB),
    "Catalog.answers": (2048, 4 * MB),
}


def _cache(owner: str) -> BoundedCache[Any, Any]:
    entries, max_bytes = CACHE_BOUNDS[owner]
    return BoundedCache(owner, entries, max_bytes)


@dataclass(frozen=True)
class ListQuery:
    """A normalized list request: filters, page, page size, fields to expand, version or ref asked for."""

    filters: tuple[tuple[str, str], ...] = ()
    page: int = 1
    per_page: int = 20
    expand: frozenset[str] = field(default_factory=frozenset)
    pinned: Pinned = ()  # ("version", …) or ("ref", …): page links and hrefs keep it


class Catalog:
    """Answers reads against one snapshot; every answer is computed once, then reused."""

    def __init__(
        self,
        snapshot: Snapshot,
        visible: Callable[[Document], bool],
        now: datetime | None = None,
        audience: str = PUBLIC,
    ) -> None:
        self.snapshot = snapshot
        self.now = now
        self.audience = audience
        self.documents: dict[Kind, dict[str, Document]] = {
            kind: {i: d for i, d in sorted(docs.items()) if visible(d)} for kind, docs in snapshot.documents.items()
        }
        # In order, once: a forked worker listing them from the dicts would touch (and copy) every document's page.
        self.listed: dict[Kind, tuple[Document, ...]] = {k: tuple(docs.values()) for k, docs in self.documents.items()}
        self.aliases = {kind: alias_index(docs.values()) for kind, docs in self.documents.items()}
        # Every cache of a catalog is bounded (see CACHE_BOUNDS); keys are validated, normalized values.
        self.html: BoundedCache[tuple[Kind, str], Document] = _cache("Catalog.html")  # documents, Markdown as HTML
        self.answers: BoundedCache[Hashable, Representation] = _cache("Catalog.answers")  # per-query (search, steps)
        self.items: BoundedCache[ItemKey, Representation] = _cache("Catalog.items")
        self.collections: BoundedCache[tuple[Kind, ListQuery, str, bool], Representation] = _cache(
            "Catalog.collections"
        )

    def answer(self, key: Hashable, compute: Callable[[], Representation]) -> Representation:
        """A per-query answer (search results, …), computed once while it stays in the bounded cache."""
        return self.answers.get_or_compute(key, compute)

    def item(
        self,
        kind: Kind,
        doc_id: str,
        language: str,
        expand: frozenset[str] = frozenset(),
        pinned: Pinned = (),
        html: bool = False,
    ) -> Representation:
        """One visible document in LANGUAGE with EXPAND inlined (Markdown as HTML when HTML); 404 or 410 otherwise."""
        return self.items.get_or_compute(
            (kind, doc_id, language, expand, pinned, html),
            lambda: self._item(kind, doc_id, language, expand, pinned, html),
        )

    def collection(self, kind: Kind, query: ListQuery, language: str, html: bool = False) -> Representation:
        """One page of KIND's visible documents for a normalized QUERY in LANGUAGE."""
        return self.collections.get_or_compute(
            (kind, query, language, html), lambda: self._collection(kind, query, language, html)
        )

    def allowed_values(self, parameter: str, listed: Kind = Kind.PATH) -> tuple[str, ...]:
        """Values a filter of LISTED's list accepts: visible ids, or the enum the schema declares."""
        name, kind = LIST_FILTERS[listed][parameter]
        if kind is not None:
            return tuple(self.documents[kind])
        declared = declared_enum(self.snapshot.content_schemas.get(Kind.PATH.schema_file, {}), name)
        if declared:
            return declared
        return tuple(sorted({str(v) for d in self.documents[Kind.PATH].values() for v in _as_list(d.data.get(name))}))

    def check_filter(self, parameter: str, value: str, listed: Kind = Kind.PATH) -> None:
        """400 naming PARAMETER and the values it accepts, unless VALUE is one of them (FilterMoved: a former id)."""
        allowed = self.allowed_values(parameter, listed)
        kind = LIST_FILTERS[listed][parameter][1]
        if value not in allowed and kind is not None and value in self.aliases[kind]:
            raise FilterMoved(parameter, value, kind, self.aliases[kind][value])
        if value not in allowed:
            raise bad_parameter(parameter, f'unknown value "{value}"; allowed: {", ".join(allowed) or "(none)"}')

    def _formatted(self, document: Document, html: bool) -> Document:
        """DOCUMENT as stored, or with its Markdown fields rendered to HTML (once per catalog)."""
        if not html:
            return document
        return self.html.get_or_compute(
            (document.kind, document.id), lambda: html_document(document, self.snapshot.content_schemas)
        )

    def _refs(self, ids: Any, kind: Kind, expand: bool, language: str, pinned: Pinned = (), html: bool = False) -> Any:
        """Visible referenced ids, or their presented documents when expanded."""
        docs = self.documents[kind]
        if isinstance(ids, str):
            if ids not in docs:
                return None
            return self._present(docs[ids], language, html) if expand else ids
        kept = [i for i in ids if i in docs]
        if not expand:
            return kept
        if kind is Kind.PATH:
            return [
                summarize(self._formatted(docs[i], html), language, self.snapshot.updated_at(docs[i]), pinned)
                for i in kept
            ]
        return [self._present(docs[i], language, html) for i in kept]

    def _present(self, document: Document, language: str, html: bool = False) -> dict[str, Any]:
        updated = self.snapshot.updated_at(document)
        return present(self._formatted(document, html), language, self.audience, updated)

    def _inline(
        self,
        kind: Kind,
        payload: dict[str, Any],
        expand: frozenset[str],
        language: str,
        fields: Mapping[str, Kind],
        pinned: Pinned = (),
        html: bool = False,
    ) -> dict[str, Any]:
        for name, ref_kind in fields.items():
            if name in payload:
                payload[name] = self._refs(payload[name], ref_kind, name in expand, language, pinned, html)
                if payload[name] is None:
                    del payload[name]
        if kind is Kind.PATH and "phases" in payload:
            for phase in payload["phases"]:
                for step in phase["steps"]:
                    for name, ref_kind in STEP_REFERENCES.items():
                        if name in step:
                            step[name] = self._refs(step[name], ref_kind, name in expand, language, pinned, html)
        return payload

    def _item(
        self,
        kind: Kind,
        doc_id: str,
        language: str,
        expand: frozenset[str] = frozenset(),
        pinned: Pinned = (),
        html: bool = False,
    ) -> Representation:
        document = self.documents[kind].get(doc_id)
        if document is None and doc_id in self.aliases[kind]:
            raise Moved(kind, self.aliases[kind][doc_id])
        if document is None:
            hidden = self.snapshot.get(kind, doc_id)
            reason = gone_reason(hidden, self.now) if hidden is not None and self.now else None
            if reason:
                raise ProblemError(410, "Gone", f'{kind.value} "{doc_id}" {reason}')
            raise not_found(kind.value, doc_id)
        fields = {k: v for k, v in EXPANDABLE_ITEM[kind].items() if k != "channels"}
        payload = self._inline(kind, self._present(document, language, html), expand, language, fields, pinned, html)
        feedback = self.snapshot.settings.feedback
        if kind is Kind.PATH and self.audience in feedback.audience:
            add_feedback(payload, document.data.get("owner"), feedback, self.snapshot.commit.sha)
        return represent(payload, str(payload["language"]), document_modified(self.snapshot, document, self.now))

    def _collection(self, kind: Kind, query: ListQuery, language: str, html: bool = False) -> Representation:
        docs = self._filtered(kind, query.filters)
        start = (query.page - 1) * query.per_page
        page = docs[start : start + query.per_page]

        def show(document: Document) -> dict[str, Any]:
            if kind is Kind.PATH:
                return summarize(
                    self._formatted(document, html), language, self.snapshot.updated_at(document), query.pinned
                )
            return self._present(document, language, html)

        items = [
            self._inline(kind, show(d), query.expand, language, EXPANDABLE_LIST[kind], query.pinned, html) for d in page
        ]
        links = page_links(kind, query, language, len(docs))
        payload = {"items": items, "total": len(docs), "page": query.page, "per_page": query.per_page, "links": links}
        kinds = {kind, *EXPANDABLE_LIST[kind].values(), *(k for _, k in LIST_FILTERS.get(kind, {}).values() if k)}
        rep = represent(payload, language, list_modified(self, kinds))
        return replace(rep, links=tuple((rel, url) for rel, url in links.items() if url))

    def _filtered(self, kind: Kind, filters: tuple[tuple[str, str], ...]) -> Sequence[Document]:
        docs: Sequence[Document] = self.listed[kind]
        for parameter, value in filters:
            self.check_filter(parameter, value, kind)
            name = LIST_FILTERS[kind][parameter][0]
            docs = [d for d in docs if value in self._values(d, name)]
        return docs

    def _values(self, document: Document, name: str) -> list[Any]:
        """FIELD's values of DOCUMENT for filtering; a path's segments include those of its visible steps."""
        values = _as_list(document.data.get(name))
        if document.kind is Kind.PATH and name == "segments":
            values = values + [
                s
                for phase in document.data.get("phases", [])
                if allows(phase, self.audience)
                for step in phase.get("steps", [])
                if allows(step, self.audience)
                for s in _as_list(step.get("segments"))
            ]
        return values


def page_links(kind: Kind, query: ListQuery, language: str, total: int) -> dict[str, str | None]:
    """URLs of this page and its neighbours, keeping every parameter that shaped the answer."""

    def url(page: int) -> str:
        params = [*query.filters, ("page", str(page)), ("per_page", str(query.per_page))]
        if query.expand:
            params.append(("expand", ",".join(sorted(query.expand))))
        params += [("lang", language), *query.pinned]
        return f"{API_PREFIX}/{kind.folder}?{urlencode(params, safe=',')}"

    last = max(1, ceil(total / query.per_page))
    return {
        "self": url(query.page),
        "first": url(1),
        "last": url(last),
        "next": url(query.page + 1) if query.page < last else None,
        "prev": url(min(query.page - 1, last)) if query.page > 1 else None,
    }


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]
