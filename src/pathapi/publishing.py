"""Editors' publishing commands as plain functions: plan a release, check it is safe, make it, roll back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from pathapi.content.catalogue import say
from pathapi.content.findings import Report
from pathapi.review.states import followed_branch
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import CommitInfo, RepositoryError
from pathapi.store.release_tags import (
    TAG_PREFIX,
    Draft,
    Release,
    draft_release,
    find_release,
    list_releases,
    release_name,
)
from pathapi.store.snapshot import Rejected, build_snapshot

SHOWN_FILES = 5  # uncommitted files named in a refusal; the rest are counted


@dataclass(frozen=True)
class NotReleased:
    """The commit failed validation: no tag was made."""

    commit: str
    report: Report


@dataclass(frozen=True)
class Refusal:
    """A reason not to release (overridden by ``--force``): a catalogue code and its arguments."""

    code: str
    args: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        """The sentence and its fix in LANG."""
        return say(self.code, lang, **dict(self.args))


def refusal(code: str, **args: object) -> Refusal:
    """A Refusal worded by catalogue CODE."""
    return Refusal(code, tuple((k, str(v)) for k, v in args.items()))


@dataclass(frozen=True)
class Plan:
    """A release that validated but is not made yet: the commit, its draft tag and the reasons not to."""

    commit: CommitInfo
    draft: Draft
    refusals: tuple[Refusal, ...]


class UnknownRelease(RepositoryError):
    """A release name or tag name that names no release."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no release named {name!r}; see `pathapi releases`")
        self.name = name


def _listed(files: list[str]) -> str:
    shown = ", ".join(files[:SHOWN_FILES])
    return shown + (f" (+{len(files) - SHOWN_FILES})" if len(files) > SHOWN_FILES else "")


def _current_branch(repo: ContentRepository) -> str:
    try:
        return str(repo.repo.active_branch.name)
    except TypeError:  # detached HEAD
        return "HEAD"


def off_branch(repo: ContentRepository, commit: CommitInfo, configured: str | None) -> list[Refusal]:
    """A refusal when COMMIT is not on the followed branch (its origin copy when there is one)."""
    branch = followed_branch(repo, configured)
    if branch == "HEAD":
        return [refusal("release-no-branch", branch=configured or "main")]
    if repo.is_ancestor(commit.sha, repo.branches()[branch]):
        return []
    return [
        refusal(
            "release-not-on-branch",
            commit=commit.short,
            branch=branch,
            head=_current_branch(repo),
            local=branch.removeprefix("origin/"),
        )
    ]


def no_change(repo: ContentRepository, commit: CommitInfo, rollback_of: str | None) -> list[Refusal]:
    """A refusal when COMMIT's content and schemas equal the live release's, or (not rolling back) are older."""
    releases = list_releases(repo)
    if not releases:
        return []
    live = releases[-1]
    if repo.list_files(commit.sha) == repo.list_files(live.sha):
        if rollback_of:
            return [refusal("rollback-unchanged", target=rollback_of, release=live.name)]
        return [refusal("release-unchanged", release=live.name)]
    if not rollback_of and repo.is_ancestor(commit.sha, live.sha):
        return [refusal("release-older", commit=commit.short, release=live.name)]
    return []


def guard(
    repo: ContentRepository, commit: CommitInfo, *, branch: str | None = None, rollback_of: str | None = None
) -> tuple[Refusal, ...]:
    """Why releasing COMMIT is probably a mistake: uncommitted edits, off the followed branch, no change.
    A rollback goes back to a release that passed these checks once: only 'no change' applies."""
    refusals: list[Refusal] = []
    if rollback_of is None:
        files = repo.uncommitted()
        if files:
            local = followed_branch(repo, branch).removeprefix("origin/")
            refusals.append(
                refusal(
                    "release-uncommitted", files=_listed(files), branch=branch or ("main" if local == "HEAD" else local)
                )
            )
        refusals += off_branch(repo, commit, branch)
    refusals += no_change(repo, commit, rollback_of)
    return tuple(refusals)


def prepare(
    repo: ContentRepository,
    revision: str,
    message: str,
    today: date,
    *,
    now: datetime | None = None,
    branch: str | None = None,
    rollback_of: str | None = None,
    lang: str = "en",
) -> Plan | NotReleased:
    """Validate REVISION and plan its release (name, notes in LANG, refusals); nothing is created."""
    commit = repo.resolve(revision)
    result = build_snapshot(repo, commit)
    if isinstance(result, Rejected):
        return NotReleased(commit.sha, result.report)
    refusals = guard(repo, commit, branch=branch, rollback_of=rollback_of)
    draft = draft_release(
        repo, commit.sha, message, today, rollback_of=rollback_of, now=now or datetime.now(UTC), lang=lang
    )
    return Plan(commit, draft, refusals)


def carry_out(repo: ContentRepository, plan: Plan, *, push: bool = False) -> Release:
    """Make the planned release: the annotated tag (pushed to origin if asked)."""
    repo.create_tag(TAG_PREFIX + plan.draft.name, plan.draft.sha, plan.draft.text)
    if push:
        repo.push_tag(TAG_PREFIX + plan.draft.name)
    made = find_release(list_releases(repo), plan.draft.name)
    assert made is not None
    return made


def release(
    repo: ContentRepository,
    revision: str,
    message: str,
    today: date,
    *,
    push: bool = False,
    rollback_of: str | None = None,
) -> Release | NotReleased:
    """Validate REVISION and tag it as the newest release, whatever the guards say (the CLI asks them)."""
    plan = prepare(repo, revision, message, today, rollback_of=rollback_of)
    return plan if isinstance(plan, NotReleased) else carry_out(repo, plan, push=push)


def target(repo: ContentRepository, name: str) -> Release:
    """The release NAME (a release name or its tag name) names; UnknownRelease otherwise."""
    found = find_release(list_releases(repo), name)
    if found is None:
        raise UnknownRelease(name)
    return found


def rollback(repo: ContentRepository, name: str, message: str, today: date, *, push: bool = False) -> Release:
    """Make release NAME live again as a new release whose notes say it is a rollback."""
    result = release(repo, target(repo, name).sha, message, today, push=push, rollback_of=release_name(name))
    if isinstance(result, NotReleased):  # schemas live in the same commit, so this cannot drift
        raise RepositoryError(f"release {name} no longer validates")
    return result
