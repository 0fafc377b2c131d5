"""What reading git gives back: commit, tree entry, change and tag values, the errors, and id checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

HEX_ID = re.compile(r"^[0-9a-f]{7,40}$")
FIELD = "\x1f"  # unit separator between fields of git's --format output


class RepositoryError(Exception):
    """The repository is missing, empty, or a revision does not name a commit.

    Its text (``str``) is English, for logs and API problems; CODE and ARGS, when given, name the
    catalogue message (``content/command_texts.py``) the command line says in the user's language."""

    def __init__(self, message: str, code: str | None = None, **args: object) -> None:
        super().__init__(message)
        self.code = code
        self.args_for_message = args


class MissingObjectError(RepositoryError):
    """A git object a commit needs is missing or damaged (a pruned, shallow or corrupt repository)."""


@dataclass(frozen=True)
class CommitInfo:
    """The identity of one commit: full id, author, date and subject."""

    sha: str
    committed_at: datetime
    author: str
    subject: str

    @property
    def short(self) -> str:
        """The 12-character abbreviation used in logs."""
        return self.sha[:12]


@dataclass(frozen=True)
class TreeEntry:
    """A file in a commit's tree: repository-relative path and blob id."""

    path: str
    blob_id: str


@dataclass(frozen=True)
class Change:
    """One file changed between two commits: A(dded), M(odified) or D(eleted)."""

    status: str
    path: str


@dataclass(frozen=True)
class TagInfo:
    """An annotated tag: name, the commit it points at, when, and its message."""

    name: str
    sha: str
    tagged_at: datetime
    message: str
