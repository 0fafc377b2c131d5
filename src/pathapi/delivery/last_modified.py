"""When an answer last changed, for ``Last-Modified``: git commit times and scheduled moments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from pathapi.content.document import Document
from pathapi.content.kinds import Kind
from pathapi.content.lifecycle import window
from pathapi.content.references import references
from pathapi.delivery.cache import AttachedCache
from pathapi.store.snapshot import Snapshot

if TYPE_CHECKING:  # the library imports catalogs, which import this module
    from pathapi.delivery.library import Library

# (earlier release, later release) -> whether the later descends from the earlier, per library
DESCENDS: AttachedCache[Library, tuple[str, str], bool] = AttachedCache("freshness.descends", 256)


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


def list_modified(snapshot: Snapshot, kinds: Iterable[Kind], now: datetime | None) -> datetime:
    """The newest change to any file of KINDS (a list's own and those it refers to), deletions included."""
    kinds = tuple(kinds)
    folders = [snapshot.updates.folder(k.folder) if snapshot.updates else snapshot.commit.committed_at for k in kinds]
    documents = [d for k in kinds for d in snapshot.documents[k].values()]
    return _seconds(max([*folders, *_passed(documents, now)]))


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
