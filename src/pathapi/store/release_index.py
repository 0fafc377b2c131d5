"""Which document changed in which release: read once per set of releases, so history costs the same
with 10 or 1,000 releases.

One ``git diff-tree --stdin`` compares every release with the one before it (and names each release
commit); the documents at the first release come from its tree. After that, a document's blob at any
release and the releases that reach a commit are dictionary lookups.
"""

from __future__ import annotations

import bisect
import itertools
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pathapi.content.kinds import CONTENT_DIR, Kind, locate
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import FIELD, CommitInfo, MissingObjectError, RepositoryError

Key = tuple[Kind, str]
RECORD = "\x1e"


@dataclass(frozen=True)
class ReleaseIndex:
    """The release commits, the documents at the first release, and where each document changed after it."""

    commits: tuple[CommitInfo, ...]
    first: dict[Key, str]
    changes: dict[Key, tuple[tuple[int, str | None], ...]]  # (release index, blob or None when removed)
    numbers: dict[Key, list[int]]  # the release indexes of changes, for bisect

    def points(self, key: Key) -> list[tuple[int, str | None]]:
        """Release indexes where KEY's blob is new (the first release always), oldest first, with the blob."""
        return [(0, self.first.get(key)), *self.changes.get(key, ())]

    def blob(self, index: int, key: Key) -> str | None:
        """KEY's blob at the release with INDEX."""
        where = bisect.bisect_right(self.numbers.get(key, ()), index)
        return self.changes[key][where - 1][1] if where else self.first.get(key)


def build_index(repo: ContentRepository, shas: Sequence[str], first: dict[Key, str]) -> ReleaseIndex:
    """The index of the releases at commits SHAS (oldest first), FIRST being the documents at SHAS[0]."""
    lines = [f"{shas[0]} {shas[0]}\n"] + [f"{new} {old}\n" for old, new in itertools.pairwise(shas)]
    out = _git(
        repo,
        [
            "diff-tree",
            "--stdin",
            "--always",
            "-r",
            "--raw",
            "--no-renames",
            "--no-abbrev",
            "-z",
            f"--format={RECORD}" + FIELD.join(["%H", "%cI", "%an", "%s"]),
            "--",
            CONTENT_DIR,
        ],
        "".join(lines),
    )
    commits: list[CommitInfo] = []
    changes: dict[Key, list[tuple[int, str | None]]] = {}
    for index, record in enumerate(out.split(RECORD)[1:]):
        head, _, raw = record.partition("\0")
        sha, date, author, subject = head.split(FIELD, 3)
        commits.append(CommitInfo(sha, datetime.fromisoformat(date), author, subject))
        if index == 0:
            continue  # the first release's documents come from its tree, not from its parent's diff
        parts = raw.lstrip("\n").split("\0")
        for meta, path in zip(parts[::2], parts[1::2], strict=False):
            located = locate(path)
            blob = meta.split()[3] if meta.startswith(":") else ""
            if located is not None:
                changes.setdefault(located, []).append((index, blob if blob.strip("0") else None))
    if len(commits) != len(shas):
        raise MissingObjectError(f"git diff-tree described {len(commits)} of {len(shas)} releases")
    return ReleaseIndex(
        tuple(commits),
        first,
        {k: tuple(v) for k, v in changes.items()},
        {k: [n for n, _ in v] for k, v in changes.items()},
    )


def merged(repo: ContentRepository, sha: str, prefix: str) -> frozenset[str]:
    """Commits of annotated tags under ``refs/tags/PREFIX`` that commit SHA reaches (itself included)."""
    out = _git(repo, ["for-each-ref", f"--merged={sha}", "--format=%(*objectname)", f"refs/tags/{prefix}"], "")
    return frozenset(out.split())


def _git(repo: ContentRepository, args: list[str], stdin: str) -> str:
    with repo._lock:
        done = subprocess.run(
            ["git", f"--git-dir={repo.repo.git_dir}", *args], input=stdin.encode(), capture_output=True, check=False
        )
    if done.returncode != 0:
        raise RepositoryError(f"git {args[0]} failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout.decode()
