"""The studio's content from a working tree being edited (``pathapi studio``), re-validated as files are saved."""

from __future__ import annotations

import threading
from pathlib import Path

from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR
from pathapi.content.sources import SourceFile
from pathapi.content.validator import validate_files
from pathapi.review.states import files_at, followed_branch, known_refs, resolve_ref, working_files
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import RepositoryError
from pathapi.studio.served import CommitWorkspaces
from pathapi.studio.workspace import Workspace, from_validation


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
