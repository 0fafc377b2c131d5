"""What is live and why: the values the library swaps atomically when the repository moves."""

from __future__ import annotations

from dataclasses import dataclass

from pathapi.delivery.edition import Edition
from pathapi.store.release_tags import Release, find_release
from pathapi.store.snapshot import Rejected


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
