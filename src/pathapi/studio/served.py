"""Where the studio's content comes from on a server: the served versions, and any commit by name.

The other source, a working tree being edited (``pathapi studio``), is pathapi.studio.working_tree;
both answer the same questions (workspace, default_base, files, refs) for the studio's views.
"""

from __future__ import annotations

from dataclasses import replace

from pathapi.content.sources import SourceFile
from pathapi.content.validator import validate_files
from pathapi.delivery.cache import BoundedCache
from pathapi.delivery.library import Library
from pathapi.review.states import files_at, known_refs, resolve_ref
from pathapi.store.git import ContentRepository
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
