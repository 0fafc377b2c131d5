"""What the ``pathapi`` commands share: ``--lang`` and ``--today``, what they resolve to, failing with a sentence."""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date

from pathapi.content.catalogue import LANGUAGES, language_from_environment, say


def add_language(parser: argparse.ArgumentParser) -> None:
    """The ``--lang`` option: fi, sv or en; default from LC_ALL/LC_MESSAGES/LANG, else Finnish."""
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help="language of messages (default: from the locale, else fi)"
    )


def day(value: str) -> date:
    """A ``--today`` value: a calendar date written YYYY-MM-DD."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(say("today-format", language_from_environment(), value=value))


def add_today(parser: argparse.ArgumentParser) -> None:
    """The ``--today`` option: the day overdue reviews are counted from (default: PATHAPI_TODAY, else today)."""
    parser.add_argument(
        "--today",
        type=day,
        default=None,
        metavar="YYYY-MM-DD",
        help="count overdue reviews as of this day (default: PATHAPI_TODAY, else today)",
    )


def today(args: argparse.Namespace) -> date:
    """The day of ``--today``, else of PATHAPI_TODAY (reproducible CI runs and tests), else the real date."""
    given: date | None = getattr(args, "today", None)
    if given is not None:
        return given
    pinned = os.environ.get("PATHAPI_TODAY")
    try:
        return day(pinned) if pinned else date.today()
    except argparse.ArgumentTypeError as err:
        raise SystemExit(f"pathapi: PATHAPI_TODAY: {err}") from None


def language(args: argparse.Namespace) -> str:
    """The language the user asked for, or the environment's."""
    return getattr(args, "lang", None) or language_from_environment()


def fail(sentence: str) -> int:
    """Print one sentence to stderr and return exit status 1."""
    sys.stderr.write(f"pathapi: {sentence}\n")
    return 1
