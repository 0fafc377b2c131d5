"""App sync: everything the app may hold, then only what changed since a token.

A token names the version (commit) and the moment the app's set was computed, plus the
language, filter and view it was computed for. The change since then is worked out from
the git diff between the two commits and the scheduled moments in between, so it costs
what changed, not the size of the repository. A document that leaves the app's set for any
reason (deleted, unpublished, archived, moved out of the filter or the app's audience) is
listed as deleted.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from pathapi.content.audience import APP, INTRANET, visible_to
from pathapi.content.document import Document
from pathapi.content.kinds import Kind, locate
from pathapi.content.lifecycle import Schedule, is_public, window
from pathapi.content.references import references
from pathapi.delivery.cache import MB, AttachedCache
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.edition import Edition
from pathapi.delivery.library import Library
from pathapi.delivery.token_fields import INTRANET_PREVIEW_VIEW, PREVIEW_VIEW, cursor_fields, point_fields
from pathapi.delivery.tokens import CURSOR, TOKEN, TokenSeal, start_over
from pathapi.store.git_values import RepositoryError
from pathapi.store.release_tags import Release

ORDER = (Kind.TOPIC, Kind.SEGMENT, Kind.CHANNEL, Kind.PATH)  # referenced kinds first
Key = tuple[Kind, str]
AUDIENCE_OF = {APP: APP, PREVIEW_VIEW: APP, INTRANET: INTRANET, INTRANET_PREVIEW_VIEW: INTRANET}  # sync view: audience
PUBLISHED_VIEWS = frozenset({APP, INTRANET})  # the others are previews: every status, any commit
CLOCK_SKEW = timedelta(days=1)  # how far an editor's clock (a commit's date) may be ahead of the server's
Delta = tuple[list[Key], list[Key]]  # (upserted, deleted)
Moments = tuple[tuple[datetime, ...], datetime]  # a commit's scheduled moments, its date


@dataclass(frozen=True)
class SyncPoint:
    """A synced state: commit, moment (µs since the epoch), language, path topic filter, view, HTML or not."""

    commit: str
    at: int
    lang: str
    topic: str | None = None
    view: str = APP
    html: bool = False

    @property
    def moment(self) -> datetime:
        """``at`` as an aware datetime."""
        return datetime.fromtimestamp(self.at / 1_000_000, UTC)


def micros(moment: datetime | None) -> int:
    """MOMENT in µs since the epoch, as sync points carry it (0 for none)."""
    return int(moment.timestamp() * 1_000_000) if moment else 0


def _point(payload: Any, what: str) -> SyncPoint:
    return SyncPoint(*point_fields(payload, what))


def encode_token(seal: TokenSeal, point: SyncPoint) -> str:
    """The signed sync token for POINT."""
    return seal.seal(TOKEN, asdict(point))


def decode_token(seal: TokenSeal, value: str) -> SyncPoint:
    """The SyncPoint of a token; a start-over 400 unless this server issued it, field by field."""
    return _point(seal.open(TOKEN, value, "token"), "token")


@dataclass(frozen=True)
class Cursor:
    """Where the next page of one sync answer starts: from where, to where, at which offset."""

    target: SyncPoint
    since: SyncPoint | None
    offset: int


def encode_cursor(seal: TokenSeal, cursor: Cursor) -> str:
    """The signed ``cursor`` of a ``next`` link."""
    since = asdict(cursor.since) if cursor.since else None
    return seal.seal(CURSOR, {"target": asdict(cursor.target), "since": since, "offset": cursor.offset})


def decode_cursor(seal: TokenSeal, value: str) -> Cursor:
    """The Cursor of a ``next`` link; a start-over 400 unless this server issued it, field by field."""
    target, since, offset = cursor_fields(seal.open(CURSOR, value, "cursor"))
    cursor = Cursor(_point(target, "cursor"), None if since is None else _point(since, "cursor"), offset)
    if cursor.since and (cursor.since.lang, cursor.since.topic, cursor.since.view) != (
        cursor.target.lang,
        cursor.target.topic,
        cursor.target.view,
    ):
        raise start_over("cursor", "is inconsistent")
    return cursor


def catalog_for(edition: Edition, point: SyncPoint) -> Catalog:
    """The catalog of POINT's view: the app's (or an intranet's) published set, or every status for previews."""
    audience = AUDIENCE_OF[point.view]
    if point.view in PUBLISHED_VIEWS:
        return edition.view(point.moment, audience)
    return edition.preview(audience)


def visible(document: Document, point: SyncPoint) -> bool:
    """Whether DOCUMENT is in POINT's view at its moment, whatever the topic filter."""
    if not visible_to(document, AUDIENCE_OF[point.view]):
        return False
    return point.view not in PUBLISHED_VIEWS or is_public(document, point.moment)


# What sync works out once and keeps: per catalog (entries) or per library (the rest), each bounded.
ENTRIES: AttachedCache[Catalog, tuple[Key, str, bool], bytes] = AttachedCache("sync.entries", 20_000, 12 * MB)
VERDICTS: AttachedCache[Library, tuple[str, str, str, tuple[Release, ...]], bool] = AttachedCache("sync.verdicts", 4096)
MOMENTS: AttachedCache[Library, tuple[str, str], Moments] = AttachedCache("sync.moments", 256, 4 * MB)
DELTAS: AttachedCache[Library, tuple[SyncPoint, SyncPoint], Delta] = AttachedCache("sync.deltas", 1024, 8 * MB)


def member(document: Document, point: SyncPoint) -> bool:
    """Whether DOCUMENT belongs to the set POINT describes."""
    if not visible(document, point):
        return False
    return not (document.kind is Kind.PATH and point.topic and point.topic not in document.data.get("topics", []))


def members(catalog: Catalog, point: SyncPoint) -> list[Key]:
    """Every document of the set, referenced kinds first."""
    return [(kind, doc.id) for kind in ORDER for doc in catalog.documents[kind].values() if member(doc, point)]


def entry(catalog: Catalog, key: Key, lang: str, html: bool = False) -> bytes:
    """One document as sync carries it: type, id, SHA-256 of its bytes, and the document."""

    def compute() -> bytes:
        rep = catalog.item(key[0], key[1], lang, html=html)
        digest = hashlib.sha256(rep.body).hexdigest()
        head = orjson.dumps({"type": key[0].value, "id": key[1], "hash": f"sha256:{digest}"})
        return head[:-1] + b',"document":' + rep.body + b"}"

    return ENTRIES.get_or_compute(catalog, (key, lang, html), compute)


class Changes:
    """Works out what changed between two sync points of one repository."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def published(self, point: SyncPoint, what: str) -> None:
        """A start-over 400 unless POINT's commit could have been served in its view.

        For the app that is a commit Library.published accepts (the same rule as version=); a preview
        may name any commit of the repository.
        """
        state = self.library.state
        key = (point.commit, point.view, state.edition.version, state.releases[-1:])
        if not VERDICTS.get_or_compute(self.library, key, lambda: self._published(point.commit, point.view)):
            raise start_over(what, "names a version this server does not know")

    def _published(self, sha: str, view: str) -> bool:
        try:
            self.library.repo.commit(sha)
        except RepositoryError:
            return False
        return view not in PUBLISHED_VIEWS or self.library.published(sha)

    def honest(self, point: SyncPoint, target: Edition, now: datetime, what: str) -> None:
        """A start-over 400 unless POINT's moment is one the server could have given out for its commit.

        point_now hands out the start of the scheduled interval a request falls in. The commit
        was served from its commit date on (less CLOCK_SKEW for editors' clocks) until NOW, so
        the honest moments are the start of the interval at that date and every scheduled
        moment after it up to NOW.
        """
        if point.commit == target.version:
            moments, committed = target.schedule.moments, target.snapshot.commit.committed_at
        else:
            key = (point.commit, target.version)
            moments, committed = MOMENTS.get_or_compute(self.library, key, lambda: self._moments(point.commit, target))
        first = min(committed - CLOCK_SKEW, now)
        start = moments[bisect_right(moments, first) - 1] if bisect_right(moments, first) else None
        if point.at != micros(start) and point.at not in {micros(m) for m in moments if first < m <= now}:
            raise start_over(what, "names a moment this version never had")

    def _moments(self, commit: str, target: Edition) -> Moments:
        """The scheduled moments of COMMIT (TARGET's documents, those changed since read from git), its date."""
        changed = self._changed(commit, target.version)
        docs = [
            d for by_id in target.snapshot.documents.values() for d in by_id.values() if (d.kind, d.id) not in changed
        ]
        docs += [old for kind, doc_id in changed if (old := self._read(commit, kind, doc_id)) is not None]
        return Schedule(docs).moments, self.library.repo.commit(commit).committed_at

    def _changed(self, old: str, new: str) -> set[Key]:
        """Documents whose files differ between two commits."""
        if old == new:
            return set()
        return {located for change in self.library.repo.diff(old, new) if (located := locate(change.path))}

    def between(self, since: SyncPoint, target: Edition, point: SyncPoint) -> Delta:
        """(upserted, deleted) keys taking an app from SINCE to POINT (whose version is TARGET)."""
        return DELTAS.get_or_compute(self.library, (since, point), lambda: self._between(since, target, point))

    def _between(self, since: SyncPoint, target: Edition, point: SyncPoint) -> Delta:
        snapshot = target.snapshot
        changed = self._changed(since.commit, target.version)
        low, high = sorted((since.moment, point.moment))
        scheduled: set[Key] = set()
        if target.schedule.epoch(low) != target.schedule.epoch(high):  # a scheduled moment lies between
            scheduled = {
                (d.kind, d.id)
                for docs in snapshot.documents.values()
                for d in docs.values()
                if any(m is not None and low < m <= high for m in window(d))
            }
        filtered = since.topic != point.topic or since.view != point.view
        candidates = changed | scheduled
        if filtered:
            candidates |= {(d.kind, d.id) for d in snapshot.documents[Kind.PATH].values()}
        upserts, deletes, flipped = set(), set(), set()
        for kind, doc_id in candidates:
            new_doc = snapshot.get(kind, doc_id)
            old_doc = self._old(since, kind, doc_id, new_doc, (kind, doc_id) in changed)
            was = old_doc is not None and member(old_doc, since)
            now = new_doc is not None and member(new_doc, point)
            if now and (not was or (kind, doc_id) in changed):
                upserts.add((kind, doc_id))
            elif was and not now:
                deletes.add((kind, doc_id))
            # A reference shows while its target is in the view; the topic filter has no say in that.
            if (old_doc is not None and visible(old_doc, since)) != (new_doc is not None and visible(new_doc, point)):
                flipped.add((kind, doc_id))
        if flipped:  # documents that refer to one that came or went show or drop that reference
            for docs in snapshot.documents.values():
                for doc in docs.values():
                    if (
                        (doc.kind, doc.id) not in upserts
                        and member(doc, point)
                        and any((r.kind, r.id) in flipped for r in references(doc))
                    ):
                        upserts.add((doc.kind, doc.id))
        order = {kind: index for index, kind in enumerate(ORDER)}
        return (sorted(upserts, key=lambda k: (order[k[0]], k[1])), sorted(deletes, key=lambda k: (order[k[0]], k[1])))

    def _old(
        self, since: SyncPoint, kind: Kind, doc_id: str, new_doc: Document | None, changed: bool
    ) -> Document | None:
        """The document as it was at SINCE's commit (parsed from git when it changed since)."""
        return self._read(since.commit, kind, doc_id) if changed else new_doc

    def _read(self, commit: str, kind: Kind, doc_id: str) -> Document | None:
        """One document as it is in COMMIT, or None."""
        path = f"content/{kind.folder}/{doc_id}.json"
        data = self.library.repo.blob_at(commit, path)
        if data is None:
            return None
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError:
            return None
        return Document(kind, doc_id, path, parsed) if isinstance(parsed, dict) else None


def point_now(
    edition: Edition, now: datetime, lang: str, topic: str | None, view: str, html: bool = False
) -> SyncPoint:
    """The sync point of EDITION at NOW, its moment moved back to the start of NOW's interval.

    Visibility cannot change inside an interval, so every request in it gets the same point,
    the same bytes and the same ETag: answers are computed once and caches can share them.
    """
    return SyncPoint(edition.version, micros(edition.schedule.interval_start(now)), lang, topic, view, html)
