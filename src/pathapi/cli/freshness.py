"""``pathapi stale``: documents whose review is overdue or coming up, with their owners, in the editor's language."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

import orjson

from pathapi.cli.options import add_language, add_today, fail, language
from pathapi.cli.options import today as pinned_today
from pathapi.content.catalogue import language_from_environment, say
from pathapi.content.checks import Validation
from pathapi.content.freshness import POINTER, Review, due_reviews
from pathapi.content.freshness_texts import stale_word
from pathapi.content.sources import find_repository, read_directory
from pathapi.content.texts import TERMS
from pathapi.content.validator import validate_files


def days(value: str) -> int:
    """A ``--within`` value: a whole number of days, 0 or more."""
    if not value.isdigit():
        raise argparse.ArgumentTypeError(say("within-format", language_from_environment(), value=value))
    return int(value)


def _line(review: Review, today: date, lang: str, validation: Validation, root: Path) -> str:
    """``FILE:LINE: due (how late) kind id "title"; owner: unit, e-mail`` (FILE as seen from here)."""
    check = validation.checks.get(review.path)
    line = check.positions.of(POINTER)[0] if check else 1
    late = review.days_late(today)
    when = (
        stale_word(lang, "late", late)
        if late > 0
        else stale_word(lang, "today", 0)
        if late == 0
        else stale_word(lang, "ahead", -late)
    )
    owner = stale_word(lang, "owner", 1)
    return (
        f"{os.path.relpath(root / review.path)}:{line}: {review.due.isoformat()} ({when}) "
        f'{TERMS[lang][review.kind.value]} {review.id} "{review.title}"; {owner}: {review.owner}'
    )


def _json(reviews: list[Review], today: date, validation: Validation) -> str:
    items = [
        {
            "type": r.kind.value,
            "id": r.id,
            "file": r.path,
            "title": r.title,
            "review_due": r.due.isoformat(),
            "overdue": r.overdue(today),
            "days_overdue": r.days_late(today),
            "line": c.positions.of(POINTER)[0] if (c := validation.checks.get(r.path)) else 1,
            "owner": {"unit": r.unit, "email": r.email or None},
        }
        for r in reviews
    ]
    return orjson.dumps({"today": today.isoformat(), "items": items}, option=orjson.OPT_INDENT_2).decode() + "\n"


def cmd_stale(args: argparse.Namespace) -> int:
    """List documents whose review is overdue (or due within N days), oldest first; exit 1 only if strict."""
    lang, today = language(args), pinned_today(args)
    root = find_repository(Path(args.dir)) if Path(args.dir).exists() else None
    if root is None:
        return fail(say("not-in-repository", lang, path=args.dir))
    validation = validate_files(read_directory(root))
    reviews = due_reviews(validation.documents, today, args.within)
    overdue = sum(1 for r in reviews if r.overdue(today))
    if args.format == "json":
        sys.stdout.write(_json(reviews, today, validation))
        return 1 if args.strict and overdue else 0
    for review in reviews:
        sys.stdout.write(_line(review, today, lang, validation, root) + "\n")
    if not reviews:
        within = stale_word(lang, "within", args.within) if args.within else ""
        sys.stdout.write(say("stale-none", lang, within=within, today=today.isoformat()) + "\n")
    else:
        code = "stale-summary-within" if args.within else "stale-summary"
        sys.stdout.write(
            say(code, lang, overdue=overdue, upcoming=len(reviews) - overdue, days=args.within, today=today.isoformat())
            + "\n"
        )
    return 1 if args.strict and overdue else 0


def add_stale(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``pathapi stale``."""
    stale = sub.add_parser("stale", help="documents whose review is overdue or coming up, with owners")
    stale.add_argument("dir", nargs="?", default=".", help="the repository, or a folder inside it (default: .)")
    stale.add_argument(
        "--within", type=days, default=0, metavar="DAYS", help="also list reviews due within DAYS days from today"
    )
    stale.add_argument("--format", choices=["text", "json"], default="text")
    stale.add_argument("--strict", action="store_true", help="exit 1 when a review is overdue")
    add_language(stale)
    add_today(stale)
    stale.set_defaults(run=cmd_stale)
