"""Releases: annotated git tags ``release/<YYYY-MM-DD>.<n>`` with notes generated from the diff."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import orjson

from pathapi.content.kinds import CONTENT_DIR, Kind, locate
from pathapi.store.git import Change, ContentRepository, TagInfo

TAG_PREFIX = "release/"
RELEASE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.([1-9][0-9]{0,4})$")
CHANGE_WORDS = {"A": "added", "M": "changed", "D": "removed"}


@dataclass(frozen=True)
class DocumentChange:
    """A document added, changed or removed between two versions, with its Finnish title."""

    change: str
    kind: Kind
    id: str
    title: str


@dataclass(frozen=True)
class ReleaseNotes:
    """What changed in a release, compared with the release before it."""

    previous: str | None
    changes: tuple[DocumentChange, ...] = ()

    def by_change(self, change: str) -> list[DocumentChange]:
        """The changes of one kind: added, changed or removed."""
        return [c for c in self.changes if c.change == change]

    def markdown(self) -> str:
        """Notes for the tag message and for people."""
        since = f"Changes since {self.previous}" if self.previous else "First release"
        lines = [f"{since}:"]
        for change in ("added", "changed", "removed"):
            items = self.by_change(change)
            if items:
                lines += ["", f"{change.capitalize()}:"]
                lines += [f"- {c.kind} {c.id}: {c.title}" for c in items]
        if len(lines) == 1:
            lines.append("- no content changes")
        return "\n".join(lines)


@dataclass(frozen=True)
class Release:
    """A published state: name, commit, when, the editor's message and the full tag text."""

    name: str
    sha: str
    tag: TagInfo = field(repr=False)

    @property
    def message(self) -> str:
        """The first line of the tag message."""
        return self.tag.message.split("\n", 1)[0]

    @property
    def order(self) -> tuple[str, int]:
        """Sort key: date, then sequence number within the day."""
        match = RELEASE_NAME.match(self.name)
        assert match is not None
        return match.group(1), int(match.group(2))


def list_releases(repo: ContentRepository) -> list[Release]:
    """Every release, oldest first; tags under ``release/`` with other names are ignored."""
    return checked_releases(repo)[0]


def checked_releases(repo: ContentRepository) -> tuple[list[Release], tuple[str, ...]]:
    """Every readable release, oldest first, and the names of release tags whose objects are missing."""
    tags, damaged = repo.checked_tags(TAG_PREFIX)
    releases = []
    for tag in tags:
        name = tag.name.removeprefix(TAG_PREFIX)
        if RELEASE_NAME.match(name):
            releases.append(Release(name, tag.sha, tag))
    return sorted(releases, key=lambda r: r.order), tuple(n.removeprefix(TAG_PREFIX) for n in damaged)


def next_name(releases: list[Release], today: date) -> str:
    """The name for a new release made TODAY: ``YYYY-MM-DD.n`` with n one past today's last."""
    prefix = today.isoformat()
    taken = [r.order[1] for r in releases if r.order[0] == prefix]
    return f"{prefix}.{max(taken, default=0) + 1}"


def _title(repo: ContentRepository, blob_id: str | None) -> str:
    """The Finnish title (or name) of the document in blob BLOB_ID."""
    if blob_id is None:
        return ""
    try:
        data = orjson.loads(repo.read_blob(blob_id))
        label = data.get("title") or data.get("name") or {}
        return str(label.get("fi", ""))
    except (orjson.JSONDecodeError, AttributeError):
        return ""


def notes_between(repo: ContentRepository, old: str | None, new: str, previous: str | None) -> ReleaseNotes:
    """Release notes for NEW compared with OLD (every document is added when OLD is None)."""
    if old is None:
        changes = [Change("A", e.path) for e in repo.list_files(new) if e.path.startswith(f"{CONTENT_DIR}/")]
    else:
        changes = repo.diff(old, new)
    new_blobs = {e.path: e.blob_id for e in repo.list_files(new)}
    old_blobs = {e.path: e.blob_id for e in repo.list_files(old)} if old else {}
    found = []
    for change in changes:
        located = locate(change.path)
        if located is None:
            continue
        title = _title(repo, old_blobs.get(change.path) if change.status == "D" else new_blobs.get(change.path))
        found.append(DocumentChange(CHANGE_WORDS.get(change.status, "changed"), located[0], located[1], title))
    found.sort(key=lambda c: (list(Kind).index(c.kind), c.id))
    return ReleaseNotes(previous, tuple(found))


def counts(repo: ContentRepository, sha: str) -> dict[str, int]:
    """Number of document files per collection at commit SHA."""
    tally = Counter(located[0].folder for e in repo.list_files(sha) if (located := locate(e.path)))
    return {kind.folder: tally.get(kind.folder, 0) for kind in Kind}


def create_release(repo: ContentRepository, sha: str, message: str, today: date,
                   rollback_of: str | None = None) -> Release:
    """Tag commit SHA as a new release with notes against the newest existing release."""
    releases = list_releases(repo)
    latest = releases[-1] if releases else None
    name = next_name(releases, today)
    notes = notes_between(repo, latest.sha if latest else None, sha, latest.name if latest else None)
    heading = message or (f"Rollback to {rollback_of}" if rollback_of else f"Release {name}")
    body = [heading, "", notes.markdown()]
    if rollback_of:
        body += ["", f"Rollback-Of: {rollback_of}"]
    repo.create_tag(TAG_PREFIX + name, sha, "\n".join(body) + "\n")
    return next(r for r in list_releases(repo) if r.name == name)
