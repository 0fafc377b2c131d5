"""When each content file last changed: commit times from one streamed ``git log`` pass per version.

The history is read along first parents, so a change merged from a branch dates from the
merge that brought it into the followed line, not from when it was written on the branch:
times then only grow as versions follow each other.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType

from pathapi.content.kinds import CONTENT_DIR
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import HEX_ID, RepositoryError

RECORD, FIELD = "\x1e", "\x1f"
LOG_FORMAT = f"--format={RECORD}%H{FIELD}%P{FIELD}%cI"


@dataclass(frozen=True)
class Updates:
    """Commit time of the last change to each content file and to each content folder."""

    commit: str
    files: Mapping[str, datetime]
    folders: Mapping[str, datetime]
    fallback: datetime

    def file(self, path: str) -> datetime:
        """When PATH last changed (the commit's own time if the history does not say)."""
        return self.files.get(path, self.fallback)

    def folder(self, folder: str) -> datetime:
        """When any file in ``content/FOLDER`` last changed, deletions included."""
        return self.folders.get(folder, self.fallback)


@dataclass(frozen=True)
class _Commit:
    sha: str
    first_parent: str | None
    at: datetime
    paths: tuple[str, ...]


def _parse(record: str) -> _Commit:
    head, _, names = record.partition("\0")
    sha, parents, when = head.split(FIELD)
    paths = tuple(p for p in names.lstrip("\n").split("\0") if p.startswith(f"{CONTENT_DIR}/"))
    first = parents.split()[0] if parents.split() else None
    return _Commit(sha, first, datetime.fromisoformat(when).astimezone(UTC), paths)


def _log(repo: ContentRepository, *args: str) -> Iterator[_Commit]:
    """Commits along first parents, newest first, streamed so a caller can stop early."""
    command = [
        "git",
        "--git-dir",
        str(repo.repo.git_dir),
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--name-only",
        "-z",
        LOG_FORMAT,
        *args,
    ]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
    ) as process:
        assert process.stdout is not None
        pending = ""
        try:
            while chunk := process.stdout.read(65536):
                *complete, pending = (pending + chunk).split(RECORD)
                for record in filter(None, complete):
                    yield _parse(record)
            if pending:
                yield _parse(pending)
        finally:
            process.kill()


def _folder(path: str) -> str:
    return path.split("/", 2)[1] if path.count("/") >= 2 else ""


def _collect(
    commits: Iterator[_Commit], wanted: set[str], files: dict[str, datetime], folders: dict[str, datetime]
) -> _Commit | None:
    """Record the newest time of each path and folder; stop once every WANTED path has one."""
    last = None
    missing = set(wanted) - set(files)
    for commit in commits:
        last = commit
        for path in commit.paths:
            files.setdefault(path, commit.at)
            folders.setdefault(_folder(path), commit.at)
            missing.discard(path)
        if not missing and wanted:
            break
    return last


def find_updates(
    repo: ContentRepository, sha: str, paths: set[str], at: datetime, previous: Updates | None = None
) -> Updates:
    """When each of PATHS (files of commit SHA made at AT) last changed.

    With PREVIOUS (an earlier version on SHA's first-parent line), only the commits between
    the two are read; otherwise the log is read back until every path is found.
    """
    if not HEX_ID.match(sha):
        raise RepositoryError(f"not a commit id: {sha!r}")
    files: dict[str, datetime] = {}
    folders: dict[str, datetime] = {}
    if previous is not None and previous.commit != sha:
        last = _collect(_log(repo, f"{previous.commit}..{sha}"), set(), files, folders)
        if last is not None and last.first_parent == previous.commit:
            for path in paths - set(files):
                if path in previous.files:
                    files[path] = previous.files[path]
            folders = {**previous.folders, **folders}
            if paths <= set(files):
                return _frozen(sha, files, paths, folders, at)
        files, folders = {}, {}
    elif previous is not None:
        return previous
    _collect(_log(repo, sha, "--", f"{CONTENT_DIR}/"), paths, files, folders)
    return _frozen(sha, files, paths, folders, at)


def _frozen(
    sha: str, files: dict[str, datetime], paths: set[str], folders: dict[str, datetime], at: datetime
) -> Updates:
    kept = {p: files[p] for p in paths if p in files}
    return Updates(sha, MappingProxyType(kept), MappingProxyType(dict(folders)), at.astimezone(UTC))
