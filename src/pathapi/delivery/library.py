"""Every version the API can serve: the live edition followed from the repository, releases, and others."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pathapi.content.kinds import Kind
from pathapi.delivery.changelog import Changelog
from pathapi.delivery.edition import Edition
from pathapi.delivery.edition_cache import BuildObserver, Editions
from pathapi.delivery.fallback import newest_valid
from pathapi.delivery.field_changes import FieldChanges
from pathapi.delivery.history import History
from pathapi.delivery.live_state import LiveState, Pin, SnapshotRejectedError
from pathapi.delivery.version_resolution import Versions
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import RepositoryError
from pathapi.store.mirror import FetchStatus
from pathapi.store.mirror import fetch as fetch_remotes
from pathapi.store.release_index import ReleaseIndex
from pathapi.store.release_tags import Release, ReleaseNotes, checked_releases, find_release
from pathapi.store.snapshot import Rejected

log = logging.getLogger(__name__)


class Library:
    """Follows the repository for the live edition; resolves versions, history and notes against it."""

    def __init__(
        self,
        repo: ContentRepository,
        *,
        branch: str | None = None,
        capacity: int = 8,
        pin: str | None = None,
        cache_dir: Path | None = None,
        on_build: BuildObserver | None = None,
    ) -> None:
        self.repo = repo
        self.pin = pin
        self.branch = branch or self._active_branch()
        self.editions = Editions(repo, capacity, cache_dir, on_build)
        self._refresh_lock = threading.Lock()
        self._state: LiveState | None = None
        self.damaged: tuple[str, ...] = ()  # releases whose tag or commit object is missing: skipped, in /health
        self.fetch_status = FetchStatus(getattr(repo, "remote", None))
        self.changelog = Changelog(repo)
        self.field_changes = FieldChanges(repo)  # per-field changes of releases, per view
        self.versions = Versions(repo, self.build, lambda: self.state)
        self.timeline = History(repo, self.changelog, lambda: self.state)

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
        self.editions.after_fork()
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
                raise RepositoryError(f"{self.repo.path} has no commits yet", "repo-empty", path=self.repo.path)
            raise RepositoryError(
                f"branch {self.branch!r} not found in {self.repo.path}",
                "branch-missing",
                branch=self.branch,
                path=self.repo.path,
            )
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
            if current is not None and self._unchanged(current, target, releases):
                return False
            result = self.build(target)
            if isinstance(result, Rejected):
                if current is None:
                    return self._start_from_fallback(result, releases, pinned)
                self._state = replace(current, releases=releases, failure=result)
                return False
            self._go_live(result, releases, pinned, warm=current is not None)
            return current is None or current.edition is not result

    def _unchanged(self, current: LiveState, target: str, releases: tuple[Release, ...]) -> bool:
        """Whether TARGET is what is live (or failed last time): then only the recorded failure is updated."""
        if current.edition.version == target and current.releases == releases:
            if current.failure is not None:  # e.g. a force-push back: nothing failing is followed now
                self._state = replace(current, failure=None)
            return True
        if current.failure is not None and current.failure.commit.sha == target:
            self._state = replace(current, releases=releases)
            return True  # remembered: a failing commit is not rebuilt until the target changes
        return False

    def _go_live(self, edition: Edition, releases: tuple[Release, ...], pinned: Pin | None, *, warm: bool) -> None:
        """Swap EDITION in, its catalogs (and, when WARM, search indexes) built before readers see it."""
        public = edition.prepare(now_utc())  # what readers need, built before the swap, not on their time
        if warm:  # at start-up the app indexes in the background (warm_search)
            from pathapi.delivery import search  # numpy and the analyzers: not before a first build

            search.warm(public)
        if pinned is not None:
            self._state = LiveState(edition, "pinned", pinned.release, self.branch, releases)
            return
        source, release = ("release", releases[-1].name) if releases else ("branch", None)
        self._state = LiveState(edition, source, release, self.branch, releases)

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
        edition.prepare(now_utc())
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
            from pathapi.delivery import search  # numpy and the analyzers: not before a first build

            search.warm(public)
            self.warm_history()

        thread = threading.Thread(target=warm, name="search-index", daemon=True)
        thread.start()
        return thread

    def warm_history(self) -> None:
        """Index the releases now (one git call), so no reader of a document's history waits for it."""
        self.timeline.warm()

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
        """The edition of commit SHA, kept or built reusing the live snapshot."""
        return self.editions.build(sha, self._state.edition.snapshot if self._state else None)

    def published(self, sha: str) -> bool:
        """Whether commit SHA was ever served publicly (see Versions.published)."""
        return self.versions.published(sha)

    def version(self, value: str, *, preview: bool, parameter: str = "version") -> Edition:
        """A release name or commit id. Publicly, only commits that were served."""
        return self.versions.version(value, preview=preview, parameter=parameter)

    def immutable(self, value: str) -> bool:
        """Whether answers pinned to VALUE may be cached for good: a release name or a full commit id."""
        return self.versions.immutable(value)

    def ref(self, value: str) -> Edition:
        """Preview of a branch (by exact name), a release, or any commit id."""
        return self.versions.ref(value)

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
        return self.timeline.releases_until(version)

    def release_index(self) -> ReleaseIndex:
        """Where each document changed from release to release."""
        return self.timeline.release_index()

    def history(
        self, edition: Edition, kind: Kind, doc_id: str, view: str, now: datetime, version: str | None = None
    ) -> tuple[dict[str, Any], set[datetime]]:
        """Commits and releases that changed what VIEW sees of one document (see History.history)."""
        return self.timeline.history(edition, kind, doc_id, view, now, version)


def now_utc() -> datetime:
    """The real clock; tests inject their own."""
    from datetime import UTC

    return datetime.now(UTC)
