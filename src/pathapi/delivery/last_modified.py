"""When an answer last changed, for ``Last-Modified``: git commit times and scheduled moments."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pathapi.content.document import Document
from pathapi.content.kinds import Kind
from pathapi.content.lifecycle import window
from pathapi.content.references import references
from pathapi.delivery.cache import AttachedCache
from pathapi.store.snapshot import Snapshot

if TYPE_CHECKING:  # the library imports catalogs, which import this module
    from pathapi.delivery.catalog import Catalog
    from pathapi.delivery.library import Library

# (earlier release, later release) -> whether the later descends from the earlier, per library
DESCENDS: AttachedCache[Library, tuple[str, str], bool] = AttachedCache("last_modified.descends", 256)


def _passed(documents: Iterable[Document], now: datetime | None) -> list[datetime]:
    """Scheduled moments of DOCUMENTS at or before NOW: visibility changed then without a commit."""
    if now is None:
        return []
    return [m for d in documents for m in window(d) if m is not None and m <= now]


def _seconds(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def document_modified(snapshot: Snapshot, document: Document, now: datetime | None) -> datetime:
    """The newest change to DOCUMENT or to a document it refers to (whose visibility shows in it)."""
    referred = [d for r in references(document) if (d := snapshot.get(r.kind, r.id)) is not None]
    moments = [snapshot.updated_at(d) for d in (document, *referred)]
    return _seconds(max([*moments, *_passed((document, *referred), now)]))


def list_modified(catalog: Catalog, kinds: Iterable[Kind]) -> datetime:
    """The newest change to any file of KINDS (a list's own and those it refers to), deletions included,
    as CATALOG (a snapshot at a moment) sees it."""
    snapshot, now, kinds = catalog.snapshot, catalog.now, tuple(kinds)
    folders = [snapshot.updates.folder(k.folder) if snapshot.updates else snapshot.commit.committed_at for k in kinds]
    passed = [] if now is None else [m for k in kinds if (m := _latest_passed(catalog, k, now)) is not None]
    return _seconds(max([*folders, *passed]))


# The scheduled moments of each kind's documents, sorted: a list looks up the newest passed one
MOMENTS: AttachedCache[Catalog, Kind, tuple[datetime, ...]] = AttachedCache("last_modified.moments", len(Kind))


def _latest_passed(catalog: Catalog, kind: Kind, now: datetime) -> datetime | None:
    """The newest scheduled moment of KIND's documents at or before NOW (``_passed``, found by bisection)."""
    moments = MOMENTS.get_or_compute(
        catalog, kind, lambda: tuple(sorted(_passed(catalog.snapshot.documents[kind].values(), _END_OF_TIME)))
    )
    index = bisect_right(moments, now)
    return moments[index - 1] if index else None


_END_OF_TIME = datetime.max.replace(tzinfo=UTC)


def warm(catalog: Catalog) -> None:
    """Sort CATALOG's scheduled moments now (the server's parent does, before its workers fork: they
    share them, and no worker's first list walks every document)."""
    if catalog.now is not None:
        for kind in Kind:
            _latest_passed(catalog, kind, catalog.now)


def rollback_floor(library: Library) -> datetime | None:
    """When the live release replaced one it does not descend from (a rollback): the time it was tagged.

    Content times then go back in time; live answers are Last-Modified at least then, so
    If-Modified-Since never confirms a copy of the release that was rolled back.
    """
    state = library.state
    live = state.release_named(state.release) if state.release and state.source == "release" else None
    index = state.releases.index(live) if live is not None else 0
    if live is None or index == 0:
        return None
    before = state.releases[index - 1]
    descends = DESCENDS.get_or_compute(
        library, (before.sha, live.sha), lambda: library.repo.is_ancestor(before.sha, live.sha)
    )
    return None if descends else _seconds(live.tag.tagged_at)
