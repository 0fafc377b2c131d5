"""Release notes, counts and document history as one reader's view sees them.

A document (or block) the view cannot see is never named or counted: a draft, a document
outside its publishing window at the moment of the request, one meant for other audiences.
"Changed" means changed *in the view*: an edit to an intranet-only block is no change to the
public. The stored tag message names every document, so public notes are derived here instead.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from pathapi.content.audience import AUDIENCES, INTRANET, PUBLIC, project, visible_to
from pathapi.content.document import Document
from pathapi.content.kinds import KIND_ORDER, Kind, locate
from pathapi.content.lifecycle import is_public, window
from pathapi.delivery.cache import MB, BoundedCache
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import CommitInfo
from pathapi.store.release_tags import CHANGE_WORDS, DocumentChange, ReleaseNotes

PREVIEW = "preview"  # every status, as editors preview it (public audience)
INTRANET_PREVIEW = "intranet-preview"  # every status, in the intranet audience (both rights)
VIEWS = (*AUDIENCES, PREVIEW, INTRANET_PREVIEW)
PREVIEWS = {PREVIEW: PUBLIC, INTRANET_PREVIEW: INTRANET}  # preview views and the audience each shows
EMAIL = re.compile(r"<?[^\s<>@]+@[^\s<>@]+>?")
Key = tuple[Kind, str]


@dataclass(frozen=True)
class Facts:
    """What the views need of one stored document: its lifecycle marks, title and digests."""

    marks: Document  # status, publishing window and audience only
    title: str
    digests: dict[str, bytes]  # per audience: digest of what that audience is shown

    def seen(self, view: str, now: datetime) -> bytes | None:
        """The digest of what VIEW sees at NOW, or None when the document is hidden from it."""
        if view in PREVIEWS:
            audience = PREVIEWS[view]
            return self.digests[audience] if visible_to(self.marks, audience) else None
        if is_public(self.marks, now) and visible_to(self.marks, view):
            return self.digests[view]
        return None

    def moments(self) -> tuple[datetime, ...]:
        """The moments at which what a view sees of this document may change."""
        return tuple(m for m in window(self.marks) if m is not None)


def public_name(author: str) -> str:
    """An author's name with any e-mail address removed (personal data is not published)."""
    return " ".join(EMAIL.sub(" ", author).split())


class Changelog:
    """Reads documents at commits once (bounded caches by blob and commit) and compares them per view."""

    def __init__(self, repo: ContentRepository, blobs: int = 8192, trees: int = 256) -> None:
        self.repo = repo
        self._facts: BoundedCache[str, Facts | None] = BoundedCache("changelog facts by blob", blobs)
        self._trees: BoundedCache[str, dict[Key, str]] = BoundedCache("changelog trees by commit", trees, 16 * MB)

    def facts(self, kind: Kind, doc_id: str, blob_id: str) -> Facts | None:
        """The Facts of one blob (None when it is not a JSON object)."""
        return self._facts.get_or_compute(blob_id, lambda: _read(self.repo, kind, doc_id, blob_id))

    def tree(self, sha: str) -> dict[Key, str]:
        """Blob ids of the documents at commit SHA, by (kind, id)."""
        return self._trees.get_or_compute(
            sha, lambda: {located: e.blob_id for e in self.repo.list_files(sha) if (located := locate(e.path))}
        )

    def seen(self, sha: str, view: str, now: datetime) -> dict[Key, tuple[bytes, Facts]]:
        """The documents VIEW sees at commit SHA and moment NOW, with their digests."""
        seen = {}
        for key, blob in self.tree(sha).items():
            facts = self.facts(*key, blob)
            digest = facts.seen(view, now) if facts else None
            if digest is not None and facts is not None:
                seen[key] = (digest, facts)
        return seen

    def counts(self, sha: str, view: str, now: datetime) -> dict[str, int]:
        """Documents per collection that VIEW sees at SHA."""
        seen = self.seen(sha, view, now)
        return {kind.folder: sum(1 for k, _ in seen if k is kind) for kind in Kind}

    def notes(self, old: str | None, new: str, previous: str | None, view: str, now: datetime) -> ReleaseNotes:
        """What VIEW sees added, changed and removed from commit OLD to NEW."""
        before = self.seen(old, view, now) if old else {}
        after = self.seen(new, view, now)
        found = []
        for key in sorted(before.keys() | after.keys(), key=lambda k: (KIND_ORDER[k[0]], k[1])):
            was, is_ = before.get(key), after.get(key)
            if (was is None and is_ is None) or (was and is_ and was[0] == is_[0]):
                continue
            status = "A" if was is None else "D" if is_ is None else "M"
            shown = is_ or was
            assert shown is not None
            found.append(DocumentChange(CHANGE_WORDS[status], key[0], key[1], shown[1].title))
        return ReleaseNotes(previous, tuple(found))

    def moments(self, shas: Iterable[str]) -> set[datetime]:
        """Every publishing moment of the documents at the commits SHAS."""
        return {
            m
            for sha in shas
            for key, blob in self.tree(sha).items()
            if (facts := self.facts(*key, blob))
            for m in facts.moments()
        }

    def commits(
        self, log: Sequence[tuple[CommitInfo, str | None]], key: Key, view: str, now: datetime
    ) -> tuple[list[dict[str, Any]], set[datetime]]:
        """The commits of LOG (newest first) that changed what VIEW sees of one document."""
        shown: list[dict[str, Any]] = []
        before: bytes | None = None
        moments: set[datetime] = set()
        for commit, blob in reversed(log):
            facts = self.facts(*key, blob) if blob else None
            moments.update(facts.moments() if facts else ())
            seen = facts.seen(view, now) if facts else None
            if seen != before:
                entry = {
                    "commit": commit.sha,
                    "author": public_name(commit.author),
                    "committed_at": commit.committed_at.isoformat(),
                }
                if view in PREVIEWS:  # free text that may name anything: for editors only
                    entry["message"] = commit.subject
                shown.append(entry)
            before = seen
        return shown[::-1], moments


def _read(repo: ContentRepository, kind: Kind, doc_id: str, blob_id: str) -> Facts | None:
    """The Facts of a blob read from git (None when it is not a JSON object)."""
    try:
        data = orjson.loads(repo.read_blob(blob_id))
    except orjson.JSONDecodeError:
        return None
    return _facts(kind, doc_id, data) if isinstance(data, dict) else None


def _marks(kind: Kind, doc_id: str, data: dict[str, Any]) -> Document:
    """The lifecycle marks of DATA; a document whose marks cannot be read counts as a draft."""
    marks = Document(
        kind, doc_id, "", {k: data[k] for k in ("status", "publish_at", "unpublish_at", "audience") if k in data}
    )
    try:
        is_public(marks, datetime.now(UTC))
        visible_to(marks, PUBLIC)
    except (TypeError, ValueError, AttributeError):  # an unvalidated old commit: never shown
        return Document(kind, doc_id, "", {"status": "draft"})
    return marks


def _facts(kind: Kind, doc_id: str, data: dict[str, Any]) -> Facts:
    """Facts of a parsed document."""
    marks = _marks(kind, doc_id, data)
    label = data.get("title") or data.get("name") or {}
    title = str(label.get("fi", "")) if isinstance(label, dict) else ""
    digests = {
        audience: hashlib.blake2b(
            orjson.dumps(project(data, audience), option=orjson.OPT_SORT_KEYS), digest_size=16
        ).digest()
        for audience in AUDIENCES
    }
    return Facts(marks, title, digests)
