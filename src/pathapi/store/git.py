"""Read a content repository's files at a commit from git objects, never the working tree."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import git

from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR
from pathapi.content.sources import SourceFile

HEX_ID = re.compile(r"^[0-9a-f]{7,40}$")


class RepositoryError(Exception):
    """The repository is missing, empty, or a revision does not name a commit."""


@dataclass(frozen=True)
class CommitInfo:
    """The identity of one commit: full id, author, date and subject."""

    sha: str
    committed_at: datetime
    author: str
    subject: str

    @property
    def short(self) -> str:
        """The 12-character abbreviation used in headers and logs."""
        return self.sha[:12]


class ContentRepository:
    """A git repository with ``content/`` and ``schemas/`` at its root."""

    def __init__(self, path: Path) -> None:
        try:
            self.repo = git.Repo(path)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError) as err:
            raise RepositoryError(f"{path} is not a git repository") from err
        self.path = Path(self.repo.working_tree_dir or path)
        self._lock = threading.Lock()  # GitPython's persistent cat-file is not thread-safe

    def head(self) -> CommitInfo:
        """The commit HEAD points at."""
        try:
            return self.commit(self.repo.head.commit.hexsha)
        except ValueError as err:
            raise RepositoryError(f"{self.path} has no commits yet") from err

    def commit(self, sha: str) -> CommitInfo:
        """Describe the commit with hex id SHA (full or abbreviated)."""
        if not HEX_ID.match(sha):
            raise RepositoryError(f"not a commit id: {sha!r}")
        with self._lock:
            try:
                commit = self.repo.commit(sha)
                subject = str(commit.message).split("\n", 1)[0]
                return CommitInfo(commit.hexsha, commit.committed_datetime, str(commit.author), subject)
            except (git.BadName, ValueError) as err:
                raise RepositoryError(f"no commit {sha}") from err

    def read_files(self, sha: str) -> list[SourceFile]:
        """Every blob under ``content/`` and ``schemas/`` at commit SHA, with its blob id."""
        if not HEX_ID.match(sha):
            raise RepositoryError(f"not a commit id: {sha!r}")
        files: list[SourceFile] = []
        with self._lock:
            tree = self.repo.commit(sha).tree
            for folder in (CONTENT_DIR, SCHEMA_DIR):
                try:
                    subtree = tree / folder
                except KeyError:
                    continue
                for item in subtree.traverse():
                    if isinstance(item, git.Blob):
                        files.append(SourceFile(str(item.path), item.data_stream.read(), item.hexsha))
        files.sort(key=lambda f: f.path)
        return files
