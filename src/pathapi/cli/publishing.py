"""Release managers' commands: release (with its guard rails), releases, rollback, in the editor's language."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from pathapi import publishing
from pathapi.api.config import default_repository, from_environment
from pathapi.cli.options import add_language, fail, language
from pathapi.content.catalogue import render, say
from pathapi.content.release_texts import LIST_WORDS, NOTE_WORDS
from pathapi.content.reporters import text
from pathapi.content.texts import TERMS
from pathapi.review.states import followed_branch
from pathapi.store.git import ContentRepository
from pathapi.store.release_tags import list_releases, release_name, scheduled_at


def repository(args: argparse.Namespace) -> ContentRepository:
    """The content repository --repo names, else the default one."""
    return ContentRepository(Path(args.repo) if args.repo else default_repository())


def _branch(args: argparse.Namespace) -> str | None:
    """The followed branch: --branch, else PATHAPI_BRANCH, else None (main, then master)."""
    return getattr(args, "branch", None) or from_environment().get("BRANCH")


def _publish(args: argparse.Namespace, revision: str, rollback_of: str | None = None) -> int:
    """Plan, check, print and (unless refused or a dry run) make a release; the exit status."""
    lang, repo = language(args), repository(args)
    plan = publishing.prepare(
        repo,
        revision,
        args.message or "",
        date.today(),
        now=datetime.now(UTC),
        branch=_branch(args),
        rollback_of=rollback_of,
        lang=lang,
    )
    if isinstance(plan, publishing.NotReleased):
        fail(say("release-invalid", lang, commit=plan.commit[:12]))
        sys.stderr.write(text(plan.report, lang))
        return 1
    for reason in plan.refusals:
        if args.force:
            forced = render("release-forced", {}, lang)
            reason_words = render(reason.code, dict(reason.args), lang)
            assert forced is not None and reason_words is not None
            fail(f"{forced[0]} {reason_words[0]}")
        else:
            fail(reason.text(lang))
    refused = bool(plan.refusals) and not args.force
    if args.dry_run:
        code = "release-dry-run-refused" if refused else "release-dry-run"
        sys.stdout.write(say(code, lang, name=plan.draft.name, commit=plan.commit.short) + f"\n\n{plan.draft.text}")
        return 1 if refused else 0
    if refused:
        return fail(say("release-refused", lang))
    made = publishing.carry_out(repo, plan, push=args.push)
    code = "release-pushed" if args.push else "release-made" if repo.repo.remotes else "release-made-local"
    sys.stdout.write(say(code, lang, name=made.name, commit=made.sha[:12]) + f"\n\n{made.tag.message}\n")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    """Validate a commit and tag it as the newest release, unless that looks like a mistake."""
    return _publish(args, args.commit)


def cmd_rollback(args: argparse.Namespace) -> int:
    """Make an earlier release live again as a new release."""
    try:
        target = publishing.target(repository(args), args.release)
    except publishing.UnknownRelease as err:
        return fail(say("release-unknown", language(args), name=err.name))
    return _publish(args, target.sha, rollback_of=release_name(args.release))


def cmd_releases(args: argparse.Namespace) -> int:
    """List releases, newest first (the first one is live), then the scheduled changes still to come."""
    lang, repo = language(args), repository(args)
    words = LIST_WORDS[lang]
    releases = list_releases(repo)
    if not releases:
        branch = followed_branch(repo, _branch(args))
        sys.stdout.write(words["none"].format(branch=branch) + "\n")
        if branch == "HEAD" and not repo.repo.head.is_valid():
            return 0  # nothing committed yet
        live_sha, what = repo.resolve(branch).sha, words["branch"].format(branch=branch)
    else:
        live_sha, what = releases[-1].sha, words["release"].format(name=releases[-1].name)
    for index, item in enumerate(reversed(releases)):
        live = f"  ({words['live']})" if index == 0 else ""
        when = item.tag.tagged_at.strftime("%Y-%m-%d %H:%M")
        sys.stdout.write(f"{item.name:<16} {item.sha[:12]}  {when}  {item.message}{live}\n")
    pending = scheduled_at(repo, live_sha, set(), datetime.now(UTC))
    if not pending:
        sys.stdout.write("\n" + words["no_pending"].format(what=what) + "\n")
        return 0
    sys.stdout.write("\n" + words["pending"].format(what=what) + "\n")
    for moment in pending:
        sys.stdout.write(
            f"- {moment.at.isoformat()}  {TERMS[lang][moment.kind.value]} {moment.id}: "
            f"{NOTE_WORDS[lang][moment.action]} ({moment.title})\n"
        )
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-m", "--message", help="first line of the release notes")
    parser.add_argument("--repo", help="content repository (default: ., else the bundled content)")
    parser.add_argument("--push", action="store_true", help="push the tag to origin")
    parser.add_argument("--dry-run", action="store_true", help="print the notes and checks; create nothing")
    parser.add_argument(
        "--force",
        action="store_true",
        help="release even with uncommitted edits, off the followed branch or with no change",
    )
    add_language(parser)


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``pathapi release``, ``releases`` and ``rollback``."""
    rel = sub.add_parser("release", help="validate a commit and tag it as the newest release")
    rel.add_argument("commit", nargs="?", default="HEAD", help="what to release (default: HEAD)")
    rel.add_argument(
        "--branch",
        help="the branch the server follows (default: PATHAPI_BRANCH, else main or master); a release must be on it",
    )
    _common(rel)
    rel.set_defaults(run=cmd_release)

    rels = sub.add_parser("releases", help="list releases, newest (live) first, and scheduled changes to come")
    rels.add_argument("--repo")
    rels.add_argument("--branch", help="the followed branch, live until the first release")
    add_language(rels)
    rels.set_defaults(run=cmd_releases)

    back = sub.add_parser("rollback", help="make an earlier release live again, as a new release")
    back.add_argument("release", help="the release to go back to: 2026-11-20.1 or release/2026-11-20.1")
    _common(back)
    back.set_defaults(run=cmd_rollback)
