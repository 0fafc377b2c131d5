"""A document's history: the commits and releases that changed what a view sees of it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pathapi.content.kinds import Kind, locate
from pathapi.delivery.cache import MB, BoundedCache
from pathapi.delivery.changelog import PREVIEWS, Changelog
from pathapi.delivery.edition import Edition
from pathapi.delivery.live_state import LiveState
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import CommitInfo, RepositoryError
from pathapi.store.release_index import ReleaseIndex, build_index, merged
from pathapi.store.release_tags import TAG_PREFIX, Release

log = logging.getLogger(__name__)
REACHED_BOUNDS = (1024, 4 * MB)  # commit -> the release commits it reaches
INDEX_BOUNDS = (8, 32 * MB)  # set of releases -> where each document changed between them
Logged = list[tuple[CommitInfo, str | None]]  # commits that changed a file, newest first, with its blob


class History:
    """Answers history questions against the live state's releases, with the git work kept bounded."""

    def __init__(self, repo: ContentRepository, changelog: Changelog, state: Callable[[], LiveState]) -> None:
        self.repo = repo
        self.changelog = changelog
        self.state = state
        self.reached: BoundedCache[str, frozenset[str]] = BoundedCache("History.reached", *REACHED_BOUNDS)
        self.indexes: BoundedCache[tuple[str, ...], ReleaseIndex] = BoundedCache("History.indexes", *INDEX_BOUNDS)
        self._index: tuple[tuple[Release, ...], ReleaseIndex] | None = None  # for the releases it indexes

    def warm(self) -> None:
        """Index the releases now (one git call), so no reader of a document's history waits for it."""
        state = self.state()
        if not state.releases:
            return
        try:
            self.release_index()
            self.releases_reached(state.edition.version)
        except RepositoryError as err:  # a damaged copy: history answers 503 when asked, naming it
            log.warning("the releases could not be indexed for history: %s", err)

    def releases_until(self, version: str | None) -> tuple[Release, ...]:
        """Releases an answer pinned to VERSION may list: those made by then (all for the live one)."""
        state = self.state()
        releases = state.releases
        named = state.release_named(version) if version else None
        if named is not None:
            return releases[: releases.index(named) + 1]
        if version:
            made = self.repo.commit(version).committed_at
            return tuple(r for r in releases if r.tag.tagged_at < made)  # strictly: whole seconds tie
        return releases

    def releases_reached(self, sha: str) -> frozenset[str]:
        """The release commits commit SHA reaches (itself included)."""

        def compute() -> frozenset[str]:
            try:
                return merged(self.repo, sha, TAG_PREFIX)
            except RepositoryError:  # a damaged release tag: ask about each readable release
                releases = self.state().releases
                return frozenset(r.sha for r in releases if r.sha == sha or self.repo.is_ancestor(r.sha, sha))

        return self.reached.get_or_compute(sha, compute)

    def release_index(self) -> ReleaseIndex:
        """Where each document changed from release to release: read once per set of releases."""
        releases = self.state().releases
        known = self._index
        if known is not None and known[0] is releases:
            return known[1]
        shas = tuple(r.sha for r in releases)
        index = self.indexes.get_or_compute(shas, lambda: build_index(self.repo, shas, self.changelog.tree(shas[0])))
        self._index = (releases, index)
        return index

    def _log(self, sha: str, path: str, view: str) -> Logged:
        """Commits up to SHA that changed PATH (newest first), with its blob. Outside previews in release
        mode, after the first release only release commits count: one between releases was never served."""
        releases = self.state().releases
        if view in PREVIEWS or not releases or releases[0].sha not in self.releases_reached(sha):
            return self.repo.file_log(sha, path)
        key, index = locate(path), self.release_index()
        early = self.repo.file_log(releases[0].sha, path)
        later = self._later(sha, key, index, early[0][1] if early else None)
        if sha != releases[0].sha and all(r.sha != sha for r in releases[1:]):
            later.append((self.repo.commit(sha), self.changelog.tree(sha).get(key) if key else None))
        return later[::-1] + early

    def _later(self, sha: str, key: tuple[Kind, str] | None, index: ReleaseIndex, before: str | None) -> Logged:
        """The release commits after the first, reached by SHA, where KEY's blob changed (oldest first)."""
        releases, reached = self.state().releases, self.releases_reached(sha)
        every = all(r.sha in reached for r in releases)  # a straight line of releases: only where KEY changed
        points = [n for n, _ in index.points(key)[1:]] if key and every else range(1, len(releases))
        later: Logged = []
        for number in points:  # only where the blob changed: an unchanged blob shows nothing new
            blob = index.blob(number, key) if key else None
            if releases[number].sha in reached and blob != before:
                later.append((index.commits[number], blob))
                before = blob
        return later

    def _release_blobs(self, key: tuple[Kind, str], version: str | None) -> list[tuple[Release, str | None]]:
        """The releases made by VERSION where KEY's blob is new (the first always), with the blob."""
        releases = self.state().releases
        if not releases:
            return []
        index = self.release_index()
        if version is None:  # every release: only the points where the document changed
            return [(releases[number], blob) for number, blob in index.points(key)]
        listed, last = set(self.releases_until(version)), None
        found: list[tuple[Release, str | None]] = []
        for number, release in enumerate(releases):
            blob = index.blob(number, key)
            if release in listed and (not found or blob != last):
                found.append((release, blob))
                last = blob
        return found

    def history(
        self, edition: Edition, kind: Kind, doc_id: str, view: str, now: datetime, version: str | None = None
    ) -> tuple[dict[str, Any], set[datetime]]:
        """Commits (in EDITION's history) and releases (made by VERSION) that changed what VIEW sees
        of one document, and the publishing moments the answer depends on."""
        key = (kind, doc_id)
        path = f"content/{kind.folder}/{doc_id}.json"
        commits, moments = self.changelog.commits(self._log(edition.version, path, view), key, view, now)
        releases: list[dict[str, Any]] = []
        before: bytes | None = None
        for release, blob in self._release_blobs(key, version):
            facts = self.changelog.facts(kind, doc_id, blob) if blob else None
            moments.update(facts.moments() if facts else ())
            seen = facts.seen(view, now) if facts else None
            if seen != before:
                change = "removed" if seen is None else "added" if before is None else "changed"
                releases.append(_release_entry(release, change))
            before = seen
        return {"commits": commits, "releases": releases}, moments


def _release_entry(release: Release, change: str) -> dict[str, Any]:
    """One release in a document's history."""
    return {
        "name": release.name,
        "commit": release.sha,
        "change": change,
        "released_at": release.tag.tagged_at.isoformat(),
    }
