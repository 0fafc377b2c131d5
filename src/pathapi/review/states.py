"""States of a content repository to compare or show: a commit named safely, or the working tree."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pathapi.content.sources import SourceFile, read_directory
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import HEX_ID, RepositoryError
from pathapi.store.release_tags import list_releases

WORKING_TREE = "WORKTREE"


class UnknownRef(Exception):
    """A ref that is neither a known branch or release name nor a hex commit id."""

    def __init__(self, ref: str, reason: str) -> None:
        super().__init__(f"{ref!r}: {reason}")
        self.ref = ref
        self.reason = reason


def resolve_ref(repo: ContentRepository, ref: str) -> str:
    """The commit id REF names: HEAD, an exact branch or release name, or a hex id; nothing else reaches git."""
    if ref == "HEAD":
        try:
            return repo.head().sha
        except RepositoryError:  # a new repository (pathapi init): nothing committed to compare with yet
            raise UnknownRef(ref, "nothing is committed yet: commit the first files, then compare") from None
    branches = repo.branches()
    if ref in branches:
        return branches[ref]
    release = next((r for r in list_releases(repo) if ref in (r.name, f"release/{r.name}")), None)
    if release is not None:
        return release.sha
    if not HEX_ID.match(ref):
        raise UnknownRef(ref, "give a branch or release name, or a hex commit id")
    try:
        return repo.commit(ref).sha
    except RepositoryError:
        raise UnknownRef(ref, "no such commit") from None


def files_at(repo: ContentRepository, sha: str) -> list[SourceFile]:
    """Every content and schema file of commit SHA, read from git objects."""
    return [SourceFile(e.path, repo.read_blob(e.blob_id), e.blob_id) for e in repo.list_files(sha)]


def working_files(root: Path) -> list[SourceFile]:
    """Every content and schema file in the working tree under ROOT, saved or not committed."""
    return read_directory(root)


def known_refs(repo: ContentRepository) -> Iterable[str]:
    """Branch and release names, for choosing what to compare."""
    yield from sorted(repo.branches())
    yield from (r.name for r in reversed(list_releases(repo)))


def followed_branch(repo: ContentRepository, configured: str | None = None) -> str:
    """The branch the server follows: CONFIGURED, else main or master; its origin copy when there is one."""
    branches = repo.branches()
    for name in [configured] if configured else ["main", "master"]:
        for candidate in (f"origin/{name}", name):
            if candidate in branches:
                return candidate
    return "HEAD"
