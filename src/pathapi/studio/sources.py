"""Where the studio's content comes from: the served versions, or a working tree being edited."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR
from pathapi.content.sources import SourceFile
from pathapi.content.validator import validate_files
from pathapi.delivery.cache import BoundedCache
from pathapi.delivery.library import Library
from pathapi.review.states import files_at, followed_branch, known_refs, resolve_ref, working_files
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import RepositoryError
from pathapi.store.snapshot import Rejected
from pathapi.studio.workspace import Workspace, from_validation

KEEP = 8  # workspaces of commits kept in memory


class CommitWorkspaces:
    """Workspaces of commits, validated once each; a bounded cache, newest kept."""

    def __init__(self, repo: ContentRepository, library: Library | None = None) -> None:
        self.repo = repo
        self.library = library
        self._kept: BoundedCache[str, Workspace] = BoundedCache("studio.workspaces", KEEP)

    def at(self, sha: str, label: str) -> Workspace:
        """The Workspace of commit SHA (a served edition's validation when there is one)."""
        return replace(self._kept.get_or_compute(sha, lambda: self._build(sha, label)), label=label)

    def _build(self, sha: str, label: str) -> Workspace:
        built = self.library.build(sha) if self.library else None
        if built is not None and not isinstance(built, Rejected):
            workspace = from_validation(built.snapshot.validation, label, sha)
        else:
            workspace = from_validation(validate_files(files_at(self.repo, sha)), label, sha)
        return workspace

    def named(self, ref: str) -> Workspace:
        """The Workspace of a branch, release or commit id (UnknownRef for anything else)."""
        sha = resolve_ref(self.repo, ref)
        return self.at(sha, f"{ref} ({sha[:12]})" if ref != sha else sha[:12])


class ServedSource:
    """The versions a running server holds: the live one, and any ref for signed-in editors."""

    live = False

    def __init__(self, library: Library) -> None:
        self.library = library
        self.commits = CommitWorkspaces(library.repo, library)

    def workspace(self, ref: str | None) -> Workspace:
        """The live version, or the version REF names."""
        if ref:
            return self.commits.named(ref)
        state = self.library.state
        name = f"release {state.release}" if state.release else state.branch or "HEAD"
        return self.commits.at(state.edition.version, f"{name} ({state.edition.version[:12]})")

    def default_base(self) -> str:
        """What a review compares with by default: the live version."""
        return self.library.state.edition.version

    def files(self, ref: str | None) -> tuple[list[SourceFile], str]:
        """The files of REF (default: the followed branch's head) and how to name them."""
        repo = self.library.repo
        if ref is None:
            sha = self.library.branch_head()
            return files_at(repo, sha), f"{self.library.branch or 'HEAD'} ({sha[:12]})"
        sha = resolve_ref(repo, ref)
        live = self.library.state
        label = f"{ref} ({sha[:12]})" if ref != live.edition.version else f"live ({sha[:12]})"
        return files_at(repo, sha), label

    def refs(self) -> list[str]:
        """Branch and release names to choose from."""
        return list(known_refs(self.library.repo))


class WorkingTree:
    """A content repository's working tree, re-validated whenever a file's mtime or size changes."""

    live = True

    def __init__(self, root: Path, branch: str | None = None) -> None:
        self.root = root
        self.branch = branch
        self.changes = 0
        self._seen: tuple[tuple[str, int, int], ...] | None = None
        self._current: Workspace | None = None
        self._lock = threading.Lock()
        try:
            self.commits: CommitWorkspaces | None = CommitWorkspaces(ContentRepository(root))
        except RepositoryError:
            self.commits = None

    def _signature(self) -> tuple[tuple[str, int, int], ...]:
        found = []
        for folder in (CONTENT_DIR, SCHEMA_DIR):
            for file in sorted((self.root / folder).rglob("*")) if (self.root / folder).is_dir() else ():
                stat = file.stat()
                found.append((file.as_posix(), stat.st_mtime_ns, stat.st_size))
        return tuple(found)

    def check(self) -> int:
        """Re-validate if anything changed since the last look; the number of changes seen so far."""
        with self._lock:
            signature = self._signature()
            if signature != self._seen:
                validation = validate_files(working_files(self.root))
                self._current = from_validation(validation, "working tree", None)
                if self._seen is not None:
                    self.changes += 1
                self._seen = signature
            return self.changes

    def workspace(self, ref: str | None) -> Workspace:
        """The working tree as saved now, or the commit REF names."""
        if ref and self.commits is not None:
            return self.commits.named(ref)
        self.check()
        assert self._current is not None
        return self._current

    def default_base(self) -> str | None:
        """What a review compares with by default: the followed branch (main or PATHAPI_BRANCH)."""
        if self.commits is None:
            return None
        return followed_branch(self.commits.repo, self.branch)

    def files(self, ref: str | None) -> tuple[list[SourceFile], str]:
        """The files of REF, or of the working tree when REF is None (or there is no git)."""
        if ref is None or self.commits is None:
            return working_files(self.root), "working tree"
        sha = resolve_ref(self.commits.repo, ref)
        return files_at(self.commits.repo, sha), f"{ref} ({sha[:12]})"

    def refs(self) -> list[str]:
        """Branch and release names to choose from."""
        return list(known_refs(self.commits.repo)) if self.commits else []
