"""Read a content repository's files at a commit from git objects, never the working tree.

Every revision that reaches git here is either a full or abbreviated hex commit id, or a
ref name taken from git's own list of refs; nothing a client sends is passed as an option.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import git

from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR
from pathapi.store.git_values import (
    FIELD,
    HEX_ID,
    Change,
    CommitInfo,
    MissingObjectError,
    RepositoryError,
    TagInfo,
    TreeEntry,
)


def _hex(revision: str) -> str:
    if not HEX_ID.match(revision):
        raise RepositoryError(f"not a commit id: {revision!r}")
    return revision


class ContentRepository:
    """A git repository with ``content/`` and ``schemas/`` at its root."""

    def __init__(self, path: Path) -> None:
        try:
            self.repo = git.Repo(path)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError) as err:
            raise RepositoryError(f"{path} is not a git repository", "repo-not-git", path=path) from err
        self.path = Path(self.repo.working_tree_dir or path)
        self._lock = threading.RLock()  # GitPython's persistent cat-file is not thread-safe

    def after_fork(self) -> None:
        """In a forked worker: leave the parent's persistent git processes to it; ours start on demand."""
        command = self.repo.git
        for name in ("cat_file_all", "cat_file_header"):
            persistent = getattr(command, name, None)
            if persistent is not None:
                persistent.proc = None  # not ours to end: the parent still talks to it
            setattr(command, name, None)
        self._lock = threading.RLock()

    def head(self) -> CommitInfo:
        """The commit HEAD points at."""
        try:
            return self.commit(self.repo.head.commit.hexsha)
        except ValueError as err:
            raise RepositoryError(f"{self.path} has no commits yet", "repo-empty", path=self.path) from err

    def commit(self, sha: str) -> CommitInfo:
        """Describe the commit with hex id SHA (full or abbreviated)."""
        _hex(sha)
        with self._lock:
            try:
                commit = self.repo.commit(sha)
                subject = str(commit.message).split("\n", 1)[0]
                return CommitInfo(commit.hexsha, commit.committed_datetime, str(commit.author), subject)
            except (git.BadName, ValueError) as err:
                raise RepositoryError(f"no commit {sha}") from err

    def resolve(self, revision: str) -> CommitInfo:
        """The commit an editor's revision names (HEAD, a branch, a tag or an id); never an option."""
        try:
            sha = self._git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").strip()
        except RepositoryError:
            message = f"{revision!r} does not name a commit"
            raise RepositoryError(message, "revision-unknown", revision=revision) from None
        return self.commit(sha)

    def uncommitted(self) -> list[str]:
        """Files under ``content/`` and ``schemas/`` that differ from HEAD in the working tree, new ones too."""
        if self.repo.bare:
            return []
        out = self._git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", CONTENT_DIR, SCHEMA_DIR)
        records, found = out.split("\0"), []
        while records:
            record = records.pop(0)
            if len(record) > 3:
                found.append(record[3:])
                if "R" in record[:2] or "C" in record[:2]:
                    records.pop(0)  # the path it was renamed or copied from
        return sorted(found)

    def push_tag(self, name: str) -> None:
        """Push one tag to the ``origin`` remote."""
        self._git("push", "origin", "--end-of-options", f"refs/tags/{name}")

    def list_files(self, sha: str) -> list[TreeEntry]:
        """Every file under ``content/`` and ``schemas/`` at commit SHA, with blob ids, unread."""
        try:
            out = self._git("ls-tree", "-r", "-z", "--full-tree", _hex(sha), "--", CONTENT_DIR, SCHEMA_DIR)
        except RepositoryError as err:
            raise MissingObjectError(f"the files of commit {sha[:12]} cannot be listed ({err})") from None
        entries = []
        for record in filter(None, out.split("\0")):
            meta, path = record.split("\t", 1)
            _mode, kind, blob = meta.split(" ")
            if kind == "blob":
                entries.append(TreeEntry(path, blob))
        return sorted(entries, key=lambda e: e.path)

    def read_blob(self, blob_id: str) -> bytes:
        """The bytes of one blob."""
        with self._lock:
            try:
                data: bytes = self.repo.odb.stream(bytes.fromhex(_hex(blob_id))).read()
            except (ValueError, git.GitCommandError) as err:
                raise MissingObjectError(f"git object {blob_id} is missing or damaged") from err
            return data

    def blob_at(self, sha: str, path: str) -> bytes | None:
        """The bytes of PATH in commit SHA, or None when it has no such file."""
        with self._lock:
            try:
                blob = self.repo.commit(_hex(sha)).tree / path
            except KeyError:
                return None
            data: bytes = blob.data_stream.read()
            return data

    def diff(self, old: str, new: str) -> list[Change]:
        """Files under ``content/`` that differ between two commits."""
        out = self._git("diff", "--name-status", "-z", "--no-renames", _hex(old), _hex(new), "--", CONTENT_DIR)
        parts = out.split("\0")
        return [Change(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2) if parts[i]]

    def log(self, sha: str, path: str, limit: int = 100) -> list[CommitInfo]:
        """Commits reachable from SHA that changed PATH, newest first."""
        fmt = FIELD.join(["%H", "%cI", "%an", "%s"])
        out = self._git("log", f"--max-count={limit}", f"--format={fmt}", _hex(sha), "--", path)
        commits = []
        for line in filter(None, out.split("\n")):
            sha_, date, author, subject = line.split(FIELD, 3)
            commits.append(CommitInfo(sha_, datetime.fromisoformat(date), author, subject))
        return commits

    def file_log(self, sha: str, path: str, limit: int = 100) -> list[tuple[CommitInfo, str | None]]:
        """Commits reachable from SHA that changed PATH, newest first, each with PATH's blob id after it."""
        fmt = "\x1e" + FIELD.join(["%H", "%cI", "%an", "%s"])
        try:
            out = self._git(
                "log",
                f"--max-count={limit}",
                f"--format={fmt}",
                "--raw",
                "--no-abbrev",
                "--no-renames",
                _hex(sha),
                "--",
                path,
            )
        except RepositoryError as err:  # the commit was resolved before: its history is damaged
            raise MissingObjectError(f"the history of {path} cannot be read ({err})") from None
        found = []
        for record in filter(str.strip, out.split("\x1e")):
            head, _, raw = record.partition("\n")
            commit, date, author, subject = head.split(FIELD, 3)
            blobs = [
                line.split("\t", 1)[0].split()[3]
                for line in raw.splitlines()
                if line.startswith(":") and line.endswith(f"\t{path}")
            ]
            blob = blobs[0] if blobs else self._blob_id(commit, path)  # merges list no raw diff
            found.append(
                (
                    CommitInfo(commit, datetime.fromisoformat(date), author, subject),
                    None if not blob or not blob.strip("0") else blob,
                )
            )
        return found

    def _blob_id(self, sha: str, path: str) -> str | None:
        try:
            return self._git("rev-parse", "--verify", "--quiet", f"{_hex(sha)}:{path}").strip() or None
        except RepositoryError:
            return None

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        """Whether commit ANCESTOR is reachable from DESCENDANT."""
        with self._lock:
            try:
                self.repo.git.merge_base("--is-ancestor", _hex(ancestor), _hex(descendant))
            except git.GitCommandError:
                return False
            return True

    def present(self) -> bool:
        """Whether the repository is still on disk (an operator may move or delete it under a server)."""
        return Path(self.repo.git_dir).is_dir()

    def first_parents(self, sha: str) -> list[str]:
        """SHA and its first-parent ancestors, newest first: the branch as it was live."""
        return self._git("rev-list", "--first-parent", _hex(sha), "--").split()

    def roots(self, sha: str) -> list[str]:
        """The root commits (those without parents) in SHA's history."""
        return self._git("rev-list", "--max-parents=0", _hex(sha), "--").split()

    def branches(self) -> dict[str, str]:
        """Local and remote-tracking branch names and their commit ids."""
        refs = self._refs("refs/heads", "refs/remotes")
        return {name.removeprefix("refs/heads/").removeprefix("refs/remotes/"): sha for name, sha in refs}

    def tags(self, prefix: str) -> list[TagInfo]:
        """Annotated tags under ``refs/tags/PREFIX``, oldest first (damaged ones left out: see checked_tags)."""
        return self.checked_tags(prefix)[0]

    def checked_tags(self, prefix: str) -> tuple[list[TagInfo], tuple[str, ...]]:
        """Annotated tags under ``refs/tags/PREFIX``, oldest first, and the names of those whose tag or
        commit object is missing (a damaged copy): one such tag must not hide the others."""
        try:
            return self._tags(f"refs/tags/{prefix}"), ()
        except RepositoryError:
            names = self._git("for-each-ref", "--format=%(refname)", f"refs/tags/{prefix}").split()
        tags, damaged = [], []
        for name in names:
            try:
                tags += self._tags(name)
            except RepositoryError:
                damaged.append(name.removeprefix("refs/tags/"))
        return sorted(tags, key=lambda t: t.tagged_at), tuple(damaged)

    def _tags(self, pattern: str) -> list[TagInfo]:
        fmt = (
            FIELD.join(["%(refname)", "%(*objectname)", "%(objectname)", "%(taggerdate:iso-strict)", "%(contents)"])
            + "\x1e"
        )
        out = self._git("for-each-ref", f"--format={fmt}", "--sort=taggerdate", pattern)
        tags = []
        for record in filter(str.strip, out.split("\x1e")):
            name, peeled, obj, date, message = record.strip("\n").split(FIELD, 4)
            if date:  # lightweight tags have no tagger date: not releases
                tags.append(
                    TagInfo(
                        name.removeprefix("refs/tags/"), peeled or obj, datetime.fromisoformat(date), message.strip()
                    )
                )
        return tags

    def create_tag(self, name: str, sha: str, message: str) -> None:
        """Create an annotated tag NAME at commit SHA."""
        with self._lock:
            self.repo.create_tag(name, ref=_hex(sha), message=message)

    def fetch(self) -> bool:
        """Fetch branches and tags from every remote; False when there is none."""
        with self._lock:
            if not self.repo.remotes:
                return False
            for remote in self.repo.remotes:
                remote.fetch(tags=True, prune=True)
            return True

    def _refs(self, *patterns: str) -> Iterable[tuple[str, str]]:
        out = self._git("for-each-ref", f"--format=%(refname){FIELD}%(objectname)", *patterns)
        for line in filter(None, out.split("\n")):
            name, sha = line.split(FIELD)
            if not name.endswith("/HEAD"):
                yield name, sha

    def _git(self, *args: str) -> str:
        with self._lock:
            try:
                out: str = self.repo.git.execute(["git", *args], strip_newline_in_stdout=False)
            except git.GitCommandError as err:
                raise RepositoryError(f"git {args[0]} failed: {str(err.stderr).strip()}") from err
            return out
