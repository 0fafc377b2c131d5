"""Editors' publishing commands as plain functions: release, list releases, roll back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pathapi.content.problems import Report
from pathapi.store.git import ContentRepository, RepositoryError
from pathapi.store.releases import TAG_PREFIX, Release, create_release, list_releases
from pathapi.store.snapshot import Rejected, build_snapshot


@dataclass(frozen=True)
class NotReleased:
    """The commit failed validation: no tag was made."""

    commit: str
    report: Report


def release(repo: ContentRepository, revision: str, message: str, today: date, *,
            push: bool = False, rollback_of: str | None = None) -> Release | NotReleased:
    """Validate REVISION and tag it as the newest release (optionally pushing the tag)."""
    commit = repo.resolve(revision)
    result = build_snapshot(repo, commit)
    if isinstance(result, Rejected):
        return NotReleased(commit.sha, result.report)
    made = create_release(repo, commit.sha, message, today, rollback_of=rollback_of)
    if push:
        repo.push_tag(TAG_PREFIX + made.name)
    return made


def rollback(repo: ContentRepository, name: str, message: str, today: date, *, push: bool = False) -> Release:
    """Make release NAME live again as a new release whose notes say it is a rollback."""
    target = next((r for r in list_releases(repo) if r.name == name), None)
    if target is None:
        raise RepositoryError(f"no release named {name!r}; see `pathapi releases`")
    result = release(repo, target.sha, message, today, push=push, rollback_of=name)
    if isinstance(result, NotReleased):  # schemas live in the same commit, so this cannot drift
        raise RepositoryError(f"release {name} no longer validates")
    return result
