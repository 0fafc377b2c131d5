"""Release tags: annotated git tags ``release/<YYYY-MM-DD>.<n>`` with notes generated from the diff."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

import orjson

from pathapi.content.document import Document, finnish_title
from pathapi.content.kinds import CONTENT_DIR, KIND_ORDER, Kind, locate
from pathapi.content.lifecycle import Moment, moments
from pathapi.content.release_texts import NOTE_WORDS
from pathapi.content.texts import TERMS
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import Change, TagInfo

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
    """What changed in a release, compared with the release before it; scheduled moments; a rollback."""

    previous: str | None
    changes: tuple[DocumentChange, ...] = ()
    scheduled: tuple[Moment, ...] = ()  # moments of changed documents, and every moment still to come
    now: datetime | None = None  # when the notes were written: moments after it are pending
    rollback_of: str | None = None

    def by_change(self, change: str) -> list[DocumentChange]:
        """The changes of one kind: added, changed or removed."""
        return [c for c in self.changes if c.change == change]

    def markdown(self, lang: str = "en") -> str:
        """Notes for the tag message and for people, in LANG."""
        words, kinds = NOTE_WORDS[lang], TERMS[lang]
        since = words["since"].format(previous=self.previous) if self.previous else words["first"]
        lines = [words["rollback"].format(release=self.rollback_of), ""] if self.rollback_of else []
        lines.append(f"{since}:")
        for change in ("added", "changed", "removed"):
            items = self.by_change(change)
            if items:
                lines += ["", f"{words[change]}:"]
                lines += [f"- {kinds[c.kind.value]} {c.id}: {c.title}" for c in items]
        if not self.changes:
            lines.append(f"- {words['unchanged']}")
        if self.scheduled:
            lines += ["", f"{words['scheduled']}:"]
            lines += [self._moment(m, lang) for m in self.scheduled]
        return "\n".join(lines)

    def _moment(self, moment: Moment, lang: str) -> str:
        words = NOTE_WORDS[lang]
        state = words["pending"] if self.now is None or moment.at > self.now else words["passed"]
        return (
            f"- {TERMS[lang][moment.kind.value]} {moment.id}: {words[moment.action]} {moment.at.isoformat()} ({state})"
        )


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


def release_name(value: str) -> str:
    """A release name from a name or a tag name: ``release/2026-11-30.2`` and ``2026-11-30.2`` alike."""
    name = value.removeprefix(TAG_PREFIX)
    return name if RELEASE_NAME.match(name) else value


def find_release(releases: list[Release] | tuple[Release, ...], value: str) -> Release | None:
    """The release VALUE names, by release name or tag name."""
    name = release_name(value)
    return next((r for r in releases if r.name == name), None)


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
        return finnish_title(orjson.loads(repo.read_blob(blob_id)))
    except (orjson.JSONDecodeError, AttributeError):
        return ""


def notes_between(
    repo: ContentRepository,
    old: str | None,
    new: str,
    previous: str | None,
    *,
    now: datetime | None = None,
    rollback_of: str | None = None,
) -> ReleaseNotes:
    """Release notes for NEW compared with OLD (every document is added when OLD is None); with NOW,
    the scheduled moments of changed documents and every moment still to come."""
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
    found.sort(key=lambda c: (KIND_ORDER[c.kind], c.id))
    changed = {(c.kind, c.id) for c in found if c.change != "removed"}
    scheduled = scheduled_at(repo, new, changed, now) if now is not None else ()
    return ReleaseNotes(previous, tuple(found), scheduled, now, rollback_of)


def scheduled_at(
    repo: ContentRepository, sha: str, changed: set[tuple[Kind, str]], now: datetime
) -> tuple[Moment, ...]:
    """Scheduled moments of the documents at commit SHA: those of CHANGED documents, and all after NOW."""
    found: list[Moment] = []
    for entry in repo.list_files(sha):
        located = locate(entry.path)
        data = repo.read_blob(entry.blob_id) if located else b""
        if located is None or b"publish_at" not in data:  # "unpublish_at" contains it too
            continue
        try:
            parsed = orjson.loads(data)
            document = Document(located[0], located[1], entry.path, parsed)
            found += [m for m in moments(document) if m.at > now or located in changed]
        except (orjson.JSONDecodeError, AttributeError, ValueError):
            continue  # a released commit validated; an unreadable moment has nothing to say
    return tuple(sorted(found))


def counts(repo: ContentRepository, sha: str) -> dict[str, int]:
    """Number of document files per collection at commit SHA."""
    tally = Counter(located[0].folder for e in repo.list_files(sha) if (located := locate(e.path)))
    return {kind.folder: tally.get(kind.folder, 0) for kind in Kind}


@dataclass(frozen=True)
class Draft:
    """A release not made yet: its name, commit, notes and the full tag message."""

    name: str
    sha: str
    notes: ReleaseNotes
    text: str


def draft_release(
    repo: ContentRepository,
    sha: str,
    message: str,
    today: date,
    *,
    rollback_of: str | None = None,
    now: datetime | None = None,
    lang: str = "en",
) -> Draft:
    """The release commit SHA would become: name, and notes against the newest existing release, in LANG."""
    releases = list_releases(repo)
    latest = releases[-1] if releases else None
    name = next_name(releases, today)
    notes = notes_between(
        repo, latest.sha if latest else None, sha, latest.name if latest else None, now=now, rollback_of=rollback_of
    )
    words = NOTE_WORDS[lang]
    heading = message or (
        words["rollback_heading"].format(release=rollback_of) if rollback_of else words["heading"].format(name=name)
    )
    body = [heading, "", notes.markdown(lang)]
    if rollback_of:
        body += ["", f"Rollback-Of: {rollback_of}"]
    return Draft(name, sha, notes, "\n".join(body) + "\n")


def create_release(
    repo: ContentRepository,
    sha: str,
    message: str,
    today: date,
    rollback_of: str | None = None,
    *,
    now: datetime | None = None,
    lang: str = "en",
) -> Release:
    """Tag commit SHA as a new release with notes against the newest existing release."""
    draft = draft_release(repo, sha, message, today, rollback_of=rollback_of, now=now, lang=lang)
    repo.create_tag(TAG_PREFIX + draft.name, sha, draft.text)
    return next(r for r in list_releases(repo) if r.name == draft.name)
