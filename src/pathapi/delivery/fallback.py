"""A start that never fails on content: when the version to serve fails validation and nothing is
live yet, the newest earlier version that validates is served (what running replicas still serve)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pathapi.store.release_tags import Release
from pathapi.store.snapshot import Rejected

if TYPE_CHECKING:
    from pathapi.delivery.edition import Edition
    from pathapi.delivery.library import Library


def candidates(
    library: Library, failed: str, releases: tuple[Release, ...], pinned: bool
) -> list[tuple[str, str | None]]:
    """Versions to try instead of FAILED, newest first, with their release names.

    With releases only earlier releases (commits between releases were never public); before the
    first release, the branch's earlier commits (each was live in its time).
    """
    if releases:
        earlier = [r for r in reversed(releases) if r.sha != failed]
        if pinned:  # a pinned release or commit: only releases in its history
            earlier = [r for r in earlier if library.repo.is_ancestor(r.sha, failed)]
        return [(r.sha, r.name) for r in earlier]
    return [(sha, None) for sha in library.repo.first_parents(failed)[1:]]


def newest_valid(
    library: Library, failed: str, releases: tuple[Release, ...], pinned: bool
) -> tuple[Edition, str | None] | None:
    """The newest version before FAILED that validates, and its release name; None when none does."""
    for sha, release in candidates(library, failed, releases, pinned):
        built = library.build(sha)
        if not isinstance(built, Rejected):
            return built, release
    return None
