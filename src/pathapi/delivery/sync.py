"""App sync: everything the app may hold, then only what changed since a token.

A token names the version (commit) and the moment the app's set was computed, plus the
language, filter and view it was computed for. The change since then is worked out from
the git diff between the two commits and the scheduled moments in between, so it costs
what changed, not the size of the repository. A document that leaves the app's set for any
reason (deleted, unpublished, archived, moved out of the filter or the app's audience) is
listed as deleted.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from pathapi.content.audience import APP, visible_to
from pathapi.content.document import Document
from pathapi.content.kinds import Kind, locate
from pathapi.content.lifecycle import is_public, window
from pathapi.content.references import references
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.edition import Edition
from pathapi.delivery.library import Library
from pathapi.delivery.problems import ProblemError
from pathapi.store.git import RepositoryError

ORDER = (Kind.TOPIC, Kind.SEGMENT, Kind.CHANNEL, Kind.PATH)  # referenced kinds first
Key = tuple[Kind, str]
RESYNC = "start over with GET /v1/sync without a token"


@dataclass(frozen=True)
class SyncPoint:
    """A synced state: commit, moment (µs since the epoch), language, path topic filter, view."""

    commit: str
    at: int
    lang: str
    topic: str | None = None
    view: str = APP

    @property
    def moment(self) -> datetime:
        """``at`` as an aware datetime."""
        return datetime.fromtimestamp(self.at / 1_000_000, UTC)


def _encode(prefix: str, payload: dict[str, Any]) -> str:
    return prefix + base64.urlsafe_b64encode(orjson.dumps(payload)).decode().rstrip("=")


def _decode(prefix: str, value: str, what: str) -> dict[str, Any]:
    try:
        if not value.startswith(prefix):
            raise ValueError(value)
        raw = value[len(prefix):]
        payload = orjson.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        if not isinstance(payload, dict):
            raise ValueError(value)
        return payload
    except (ValueError, binascii.Error, orjson.JSONDecodeError):
        raise ProblemError(400, "Bad Request", f"{what} is malformed; {RESYNC}", parameter=what) from None


def encode_token(point: SyncPoint) -> str:
    """The opaque sync token for POINT."""
    return _encode("t1.", asdict(point))


def decode_token(value: str) -> SyncPoint:
    """The SyncPoint of a token; 400 telling the client to resync when it is not one of ours."""
    payload = _decode("t1.", value, "token")
    try:
        point = SyncPoint(**payload)
        if not (isinstance(point.commit, str) and isinstance(point.at, int) and isinstance(point.lang, str)):
            raise TypeError(point)
    except TypeError:
        raise ProblemError(400, "Bad Request", f"token is malformed; {RESYNC}", parameter="token") from None
    return point


@dataclass(frozen=True)
class Cursor:
    """Where the next page of one sync answer starts: from where, to where, at which offset."""

    target: SyncPoint
    since: SyncPoint | None
    offset: int


def encode_cursor(cursor: Cursor) -> str:
    """The opaque ``cursor`` of a ``next`` link."""
    since = asdict(cursor.since) if cursor.since else None
    return _encode("c1.", {"target": asdict(cursor.target), "since": since, "offset": cursor.offset})


def decode_cursor(value: str) -> Cursor:
    """The Cursor of a ``next`` link; 400 when it is not one of ours."""
    payload = _decode("c1.", value, "cursor")
    try:
        since = SyncPoint(**payload["since"]) if payload.get("since") else None
        return Cursor(SyncPoint(**payload["target"]), since, int(payload["offset"]))
    except (TypeError, KeyError, ValueError):
        raise ProblemError(400, "Bad Request", f"cursor is malformed; {RESYNC}", parameter="cursor") from None


def catalog_for(edition: Edition, point: SyncPoint) -> Catalog:
    """The catalog of POINT's view: the app's published set, or every status for previews."""
    if point.view == APP:
        return edition.view(point.moment, APP)
    return edition.preview(APP)


def member(document: Document, point: SyncPoint) -> bool:
    """Whether DOCUMENT belongs to the set POINT describes."""
    if not visible_to(document, APP):
        return False
    if point.view == APP and not is_public(document, point.moment):
        return False
    return not (document.kind is Kind.PATH and point.topic and point.topic not in document.data.get("topics", []))


def members(catalog: Catalog, point: SyncPoint) -> list[Key]:
    """Every document of the set, referenced kinds first."""
    return [(kind, doc.id) for kind in ORDER for doc in catalog.documents[kind].values() if member(doc, point)]


def entry(catalog: Catalog, key: Key, lang: str) -> bytes:
    """One document as sync carries it: type, id, SHA-256 of its bytes, and the document."""
    memo = catalog.memo
    cached = memo.get(("entry", key, lang))
    if cached is None:
        rep = catalog.item(key[0], key[1], lang)
        digest = hashlib.sha256(rep.body).hexdigest()
        head = orjson.dumps({"type": key[0].value, "id": key[1], "hash": f"sha256:{digest}"})
        cached = head[:-1] + b',"document":' + rep.body + b"}"
        memo[("entry", key, lang)] = cached
    return cached


class Changes:
    """Works out what changed between two sync points of one repository."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def check(self, since: SyncPoint) -> None:
        """400 unless SINCE names a version of this repository that was published."""
        repo, state = self.library.repo, self.library.state
        try:
            sha = repo.commit(since.commit).sha
        except RepositoryError:
            sha = None
        published = sha is not None and (
            any(r.sha == sha for r in state.releases) or repo.is_ancestor(sha, state.edition.version))
        if not published and since.view == APP:
            raise ProblemError(400, "Bad Request", f"token names a version this server does not know; {RESYNC}",
                               parameter="token")

    def between(self, since: SyncPoint, target: Edition, point: SyncPoint) -> tuple[list[Key], list[Key]]:
        """(upserted, deleted) keys taking an app from SINCE to POINT (whose version is TARGET)."""
        key = ("delta", since, point)
        return self.library._cached(key, lambda: self._between(since, target, point))  # type: ignore[no-any-return]

    def _between(self, since: SyncPoint, target: Edition, point: SyncPoint) -> tuple[list[Key], list[Key]]:
        snapshot = target.snapshot
        changed: set[Key] = set()
        if since.commit != target.version:
            for change in self.library.repo.diff(since.commit, target.version):
                located = locate(change.path)
                if located is not None:
                    changed.add(located)
        low, high = sorted((since.moment, point.moment))
        scheduled: set[Key] = set()
        if target.schedule.epoch(low) != target.schedule.epoch(high):  # a scheduled moment lies between
            scheduled = {(d.kind, d.id) for docs in snapshot.documents.values() for d in docs.values()
                         if any(m is not None and low < m <= high for m in window(d))}
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
            if was != now:
                flipped.add((kind, doc_id))
        if flipped:  # documents that refer to one that came or went show or drop that reference
            for docs in snapshot.documents.values():
                for doc in docs.values():
                    if (doc.kind, doc.id) not in upserts and member(doc, point) and any(
                            (r.kind, r.id) in flipped for r in references(doc)):
                        upserts.add((doc.kind, doc.id))
        order = {kind: index for index, kind in enumerate(ORDER)}
        return (sorted(upserts, key=lambda k: (order[k[0]], k[1])),
                sorted(deletes, key=lambda k: (order[k[0]], k[1])))

    def _old(self, since: SyncPoint, kind: Kind, doc_id: str, new_doc: Document | None,
             changed: bool) -> Document | None:
        """The document as it was at SINCE's commit (parsed from git when it changed since)."""
        if not changed:
            return new_doc
        path = f"content/{kind.folder}/{doc_id}.json"
        data = self.library.repo.blob_at(since.commit, path)
        if data is None:
            return None
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError:
            return None
        return Document(kind, doc_id, path, parsed) if isinstance(parsed, dict) else None


def point_now(edition: Edition, now: datetime, lang: str, topic: str | None, view: str) -> SyncPoint:
    """The sync point of EDITION at NOW, its moment moved back to the start of NOW's interval.

    Visibility cannot change inside an interval, so every request in it gets the same point,
    the same bytes and the same ETag: answers are computed once and caches can share them.
    """
    start = edition.schedule.interval_start(now)
    return SyncPoint(edition.version, int(start.timestamp() * 1_000_000) if start else 0, lang, topic, view)
