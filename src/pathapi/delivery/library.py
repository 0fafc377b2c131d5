"""Every version the API can serve: the live edition, releases, and a bounded cache of others."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pathapi.content.audience import APP
from pathapi.content.kinds import Kind, locate
from pathapi.delivery import search
from pathapi.delivery.cache import MB, BoundedCache
from pathapi.delivery.changelog import PREVIEWS, Changelog
from pathapi.delivery.edition import Edition
from pathapi.delivery.fallback import newest_valid
from pathapi.delivery.field_changes import FieldChanges
from pathapi.delivery.problems import ProblemError, bad_parameter
from pathapi.store.git import HEX_ID, CommitInfo, ContentRepository, RepositoryError
from pathapi.store.mirror import FetchStatus
from pathapi.store.mirror import fetch as fetch_remotes
from pathapi.store.release_index import ReleaseIndex, build_index, merged
from pathapi.store.release_tags import (
    RELEASE_NAME,
    TAG_PREFIX,
    Release,
    ReleaseNotes,
    checked_releases,
    find_release,
)
from pathapi.store.snapshot import Rejected, Snapshot, build_snapshot

MEMO_BOUNDS = (4096, 32 * MB)  # entries and bytes of answers computed from git, per library
log = logging.getLogger(__name__)
UNREADABLE_RETRY = 60  # seconds a client should wait before asking again for a version that cannot be read
FULL_ID = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class LiveState:
    """What is live and why: the edition, its source (release or branch), known releases."""

    edition: Edition
    source: str
    release: str | None
    branch: str | None
    releases: tuple[Release, ...]
    failure: Rejected | None = None

    def release_named(self, name: str) -> Release | None:
        """The release called NAME (or tagged ``release/NAME``), if any."""
        return find_release(self.releases, name)


@dataclass(frozen=True)
class Pin:
    """A fixed version to serve instead of the newest release."""

    sha: str
    release: str | None


class SnapshotRejectedError(Exception):
    """The commit to make live failed validation; the last good version keeps serving."""

    def __init__(self, rejected: Rejected) -> None:
        super().__init__(f"commit {rejected.commit.short} failed validation")
        self.rejected = rejected


class Library:
    """Resolves versions and refs to editions; follows the repository for the live one."""

    def __init__(
        self,
        repo: ContentRepository,
        *,
        branch: str | None = None,
        capacity: int = 8,
        pin: str | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.repo = repo
        self.pin = pin
        self.cache_dir = cache_dir
        self.branch = branch or self._active_branch()
        self.capacity = capacity
        self._editions: OrderedDict[str, Edition] = OrderedDict()
        # Answers computed from git (sync deltas and pages, notes, history, verdicts), bounded.
        self._memo: BoundedCache[tuple[Any, ...], Any] = BoundedCache("Library.memo", *MEMO_BOUNDS)
        self._lock = threading.RLock()
        self._refresh_lock = threading.Lock()
        self._state: LiveState | None = None
        self._release_index: tuple[tuple[Release, ...], ReleaseIndex] | None = None  # for the releases it indexes
        self.damaged: tuple[str, ...] = ()  # releases whose tag or commit object is missing: skipped, in /health
        self.fetch_status = FetchStatus(getattr(repo, "remote", None))
        self.changelog = Changelog(repo)
        self.field_changes = FieldChanges(repo)  # per-field changes of releases, per view
        self.on_build: Callable[[float, bool], None] | None = None  # seconds, passed: for metrics

    def before_fork(self) -> None:
        """Before a worker is forked from this process: no refresh may be half done in it."""
        if threading.current_thread() is threading.main_thread():  # granian forks there; git elsewhere
            self._refresh_lock.acquire()
            self._forking = True

    def after_fork_in_parent(self) -> None:
        """The fork is done: refreshes may go on."""
        if getattr(self, "_forking", False):
            self._forking = False
            self._refresh_lock.release()

    def after_fork(self) -> None:
        """In the forked worker: fresh locks (no other thread came along to hold them)."""
        self._forking = False
        self._lock = threading.RLock()
        self._refresh_lock = threading.Lock()

    @property
    def state(self) -> LiveState:
        """The live state (one atomic attribute read)."""
        if self._state is None:
            raise RuntimeError("library not loaded: call refresh() first")
        return self._state

    def _active_branch(self) -> str | None:
        try:
            return str(self.repo.repo.active_branch.name)
        except TypeError:  # detached HEAD
            return None

    def branch_head(self) -> str:
        """The commit of the followed branch (its remote-tracking copy when there is a remote)."""
        if self.branch is None:
            return self.repo.head().sha
        branches = self.repo.branches()
        remote = f"origin/{self.branch}"
        sha = branches.get(remote) if self.repo.repo.remotes and remote in branches else branches.get(self.branch)
        if sha is None:
            if not self.repo.present():
                raise RepositoryError(
                    f"{self.repo.path} is missing (moved or deleted): serving the last version read, from memory"
                )
            if not self.repo.repo.head.is_valid():
                raise RepositoryError(f"{self.repo.path} has no commits yet")
            raise RepositoryError(f"branch {self.branch!r} not found in {self.repo.path}")
        return sha

    def refresh(self, *, fetch: bool = True) -> bool:
        """Make the newest release (else the branch head) live if it changed; True if swapped.

        A target that fails validation is not swapped in: the last good edition keeps
        serving and the failure is recorded for /health. With nothing live yet, the newest
        earlier version that validates is served instead (pathapi.delivery.fallback), with the
        failure recorded; only when none validates does it raise.
        """
        with self._refresh_lock:
            if fetch:
                self.fetch_status = fetch_remotes(self.repo, self.fetch_status)
            releases = self._releases()
            pinned = self._pinned(releases)
            target = pinned.sha if pinned else releases[-1].sha if releases else self.branch_head()
            current = self._state
            if current and current.edition.version == target and current.releases == releases:
                if current.failure is not None:  # e.g. a force-push back: nothing failing is followed now
                    self._state = replace(current, failure=None)
                return False
            if current and current.failure is not None and current.failure.commit.sha == target:
                self._state = replace(current, releases=releases)
                return False  # remembered: a failing commit is not rebuilt until the target changes
            result = self.build(target)
            if isinstance(result, Rejected):
                if current is None:
                    return self._start_from_fallback(result, releases, pinned)
                self._state = LiveState(
                    current.edition, current.source, current.release, current.branch, releases, result
                )
                return False
            now = now_utc()
            public = result.public(now)  # build the catalogs readers need before the swap, not on their time
            result.view(now, APP)
            if current is not None:  # at start-up the app indexes in the background (warm_search)
                search.warm(public)
            if pinned is not None:
                self._state = LiveState(result, "pinned", pinned.release, self.branch, releases)
            else:
                self._state = LiveState(
                    result,
                    "release" if releases else "branch",
                    releases[-1].name if releases else None,
                    self.branch,
                    releases,
                )
            return current is None or current.edition is not result

    def _start_from_fallback(self, failed: Rejected, releases: tuple[Release, ...], pinned: Pin | None) -> bool:
        """At start-up the target failed: serve the newest earlier version that validates, or raise."""
        found = newest_valid(self, failed.commit.sha, releases, pinned is not None)
        if found is None:
            raise SnapshotRejectedError(failed)
        edition, release = found
        log.warning(
            "commit %s failed validation; serving %s, the newest earlier version that validates",
            failed.commit.short,
            edition.snapshot.commit.short,
        )
        now = now_utc()
        edition.public(now)
        edition.view(now, APP)
        source = "pinned" if pinned else "release" if releases else "branch"
        self._state = LiveState(edition, source, release, self.branch, releases, failed)
        return True

    def _releases(self) -> tuple[Release, ...]:
        """The readable releases; a damaged one is skipped, logged once and named in /health."""
        found, damaged = checked_releases(self.repo)
        for name in sorted(set(damaged) - set(self.damaged)):
            log.warning("release %s is damaged (its tag or commit object is missing): skipped", name)
        self.damaged = damaged
        return tuple(found)

    def warm_search(self) -> threading.Thread:
        """Build the live version's search indexes in a background thread (at start-up: serve at once)."""
        public = self.state.edition.public(now_utc())

        def warm() -> None:
            search.warm(public)
            self.warm_history()

        thread = threading.Thread(target=warm, name="search-index", daemon=True)
        thread.start()
        return thread

    def warm_history(self) -> None:
        """Index the releases now (one git call), so no reader of a document's history waits for it."""
        if not self.state.releases:
            return
        try:
            self.release_index()
            self._reached(self.state.edition.version)
        except RepositoryError as err:  # a damaged copy: history answers 503 when asked, naming it
            log.warning("the releases could not be indexed for history: %s", err)

    def _pinned(self, releases: tuple[Release, ...]) -> Pin | None:
        """The version PIN names (a release name, its tag name or a commit id), when one is set."""
        if not self.pin:
            return None
        release = find_release(releases, self.pin)
        if release is not None:
            return Pin(release.sha, release.name)
        sha = self.repo.commit(self.pin).sha  # RepositoryError names a bad pin
        return Pin(sha, next((r.name for r in releases if r.sha == sha), None))

    def build(self, sha: str) -> Edition | Rejected:
        """The edition of commit SHA, from the cache or built reusing the live snapshot."""
        with self._lock:
            edition = self._editions.get(sha)
            if edition is not None:
                self._editions.move_to_end(sha)
                return edition
            rejected = self._memo.get(("rejected", sha))
            if rejected is not None:
                return rejected  # type: ignore[no-any-return]
        previous: Snapshot | None = self._state.edition.snapshot if self._state else None
        started = time.perf_counter()
        result = build_snapshot(self.repo, self.repo.commit(sha), previous, self.cache_dir)
        if self.on_build is not None:
            self.on_build(time.perf_counter() - started, not isinstance(result, Rejected))
        with self._lock:
            if isinstance(result, Rejected):
                self._memo[("rejected", sha)] = result
                return result
            edition = self._editions.setdefault(sha, Edition(result))
            while len(self._editions) > self.capacity:
                oldest = next(iter(self._editions))
                if self._state is not None and oldest == self._state.edition.version:
                    self._editions.move_to_end(oldest)
                    oldest = next(iter(self._editions))
                del self._editions[oldest]
            return edition

    def _served(self, sha: str, parameter: str, value: str) -> Edition:
        try:
            result = self.build(sha)
        except RepositoryError as err:  # the commit was resolved before: its objects are damaged or gone
            raise ProblemError(
                503,
                "Service Unavailable",
                f"{parameter} '{value}' (commit {sha[:12]}) cannot be read now: {err}; the server's "
                "copy of the repository is incomplete and its operators have been told",
                parameter=parameter,
                headers=(("Retry-After", str(UNREADABLE_RETRY)),),
            ) from None
        if isinstance(result, Rejected):
            raise ProblemError(
                409, "Conflict", f"{parameter} '{value}' failed validation and is never served", parameter=parameter
            )
        return result

    def _commit(self, value: str, parameter: str) -> str:
        try:
            return self.repo.commit(value).sha
        except RepositoryError:
            raise ProblemError(
                404, "Not Found", f"{parameter} '{value}': no such commit", parameter=parameter
            ) from None

    def published(self, sha: str) -> bool:
        """Whether commit SHA was ever served publicly: the live commit, a release's commit, or a commit of
        the followed branch's history before the first release (live then). Commits between releases never were."""
        state = self.state
        if sha == state.edition.version or any(r.sha == sha for r in state.releases):
            return True
        until = state.releases[0].sha if state.releases else state.edition.version
        return bool(self._cached(("published", sha, until), lambda: self.repo.is_ancestor(sha, until)))

    def version(self, value: str, *, preview: bool, parameter: str = "version") -> Edition:
        """A release name or commit id. Publicly, only commits that were served (see published)."""
        state = self.state
        release = state.release_named(value)
        if release is not None:
            return self._served(release.sha, parameter, value)
        if not HEX_ID.match(value):
            if RELEASE_NAME.match(value):
                raise ProblemError(404, "Not Found", f"{parameter} '{value}': no such release", parameter=parameter)
            kinds = "a branch name, " if parameter == "ref" else ""
            raise bad_parameter(
                parameter, f"must be {kinds}a release name (YYYY-MM-DD.n, see /v1/releases) or a hex commit id"
            )
        sha = self._commit(value, parameter)
        if not preview and not self.published(sha):
            raise ProblemError(
                404, "Not Found", f"{parameter} '{value}': no such published version", parameter=parameter
            )
        return self._served(sha, parameter, value)

    def immutable(self, value: str) -> bool:
        """Whether answers pinned to VALUE may be cached for good: a release name or a full commit id.

        A short commit id resolves too, but may name another commit once the repository grows
        (git lengthens ambiguous abbreviations), so its answers get the live max-age instead.
        """
        return self.state.release_named(value) is not None or bool(FULL_ID.match(value))

    def ref(self, value: str) -> Edition:
        """Preview of a branch (by exact name), a release, or any commit id."""
        sha = self.repo.branches().get(value)
        if sha is not None:
            return self._served(sha, "ref", value)
        return self.version(value, preview=True, parameter="ref")

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        return self._memo.get_or_compute(key, compute)

    def before(self, release: Release) -> Release | None:
        """The release made just before RELEASE, if any."""
        releases = list(self.state.releases)
        index = releases.index(release)
        return releases[index - 1] if index else None

    def notes(self, release: Release, view: str, now: datetime) -> ReleaseNotes:
        """Changes in RELEASE since the release before it, as VIEW sees them at NOW."""
        before = self.before(release)
        return self.changelog.notes(
            before.sha if before else None, release.sha, before.name if before else None, view, now
        )

    def counts(self, sha: str, view: str, now: datetime) -> dict[str, int]:
        """Documents per collection at commit SHA that VIEW sees at NOW."""
        return self.changelog.counts(sha, view, now)

    def releases_until(self, version: str | None) -> tuple[Release, ...]:
        """Releases an answer pinned to VERSION may list: those made by then (all for the live one)."""
        releases = self.state.releases
        named = self.state.release_named(version) if version else None
        if named is not None:
            return releases[: releases.index(named) + 1]
        if version:
            made = self.repo.commit(version).committed_at
            return tuple(r for r in releases if r.tag.tagged_at < made)  # strictly: whole seconds tie
        return releases

    def _log(self, sha: str, path: str, view: str) -> list[tuple[CommitInfo, str | None]]:
        """Commits up to SHA that changed PATH (newest first), with its blob. Outside previews in release
        mode, after the first release only release commits count: one between releases was never served."""
        releases = self.state.releases
        if view in PREVIEWS or not releases or releases[0].sha not in self._reached(sha):
            return self.repo.file_log(sha, path)
        reached, index, key = self._reached(sha), self.release_index(), locate(path)
        early = self.repo.file_log(releases[0].sha, path)
        later, before = [], early[0][1] if early else None
        every = all(r.sha in reached for r in releases)  # a straight line of releases: only where KEY changed
        points = [n for n, _ in index.points(key)[1:]] if key and every else range(1, len(releases))
        for number in points:  # only where the blob changed: an unchanged blob shows nothing new
            blob = index.blob(number, key) if key else None
            if releases[number].sha in reached and blob != before:
                later.append((index.commits[number], blob))
                before = blob
        if sha != releases[0].sha and all(r.sha != sha for r in releases[1:]):
            later.append((self.repo.commit(sha), self.changelog.tree(sha).get(key) if key else None))
        return later[::-1] + early

    def _reached(self, sha: str) -> frozenset[str]:
        """The release commits commit SHA reaches (itself included)."""

        def compute() -> frozenset[str]:
            try:
                return merged(self.repo, sha, TAG_PREFIX)
            except RepositoryError:  # a damaged release tag: ask about each readable release
                return frozenset(
                    r.sha for r in self.state.releases if r.sha == sha or self.repo.is_ancestor(r.sha, sha)
                )

        return self._cached(("reached", sha), compute)  # type: ignore[no-any-return]

    def release_index(self) -> ReleaseIndex:
        """Where each document changed from release to release: read once per set of releases."""
        releases = self.state.releases
        known = self._release_index
        if known is not None and known[0] is releases:
            return known[1]
        shas = tuple(r.sha for r in releases)
        index: ReleaseIndex = self._cached(
            ("release-index", shas), lambda: build_index(self.repo, shas, self.changelog.tree(shas[0]))
        )
        self._release_index = (releases, index)
        return index

    def _release_blobs(self, key: tuple[Kind, str], version: str | None) -> list[tuple[Release, str | None]]:
        """The releases made by VERSION where KEY's blob is new (the first always), with the blob."""
        releases = self.state.releases
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
                releases.append(
                    {
                        "name": release.name,
                        "commit": release.sha,
                        "change": change,
                        "released_at": release.tag.tagged_at.isoformat(),
                    }
                )
            before = seen
        return {"commits": commits, "releases": releases}, moments


def now_utc() -> datetime:
    """The real clock; tests inject their own."""
    from datetime import UTC

    return datetime.now(UTC)
