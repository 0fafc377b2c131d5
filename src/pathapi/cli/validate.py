"""``pathapi validate``: check every document of a repository, in the editor's language."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from pathapi.cli.options import add_language, add_today, fail, language, today
from pathapi.content.catalogue import say
from pathapi.content.checks import Validation
from pathapi.content.findings import Report
from pathapi.content.limits import Limits
from pathapi.content.reporters import FORMATS
from pathapi.content.sources import find_repository, read_directory
from pathapi.content.validator import validate_files


def _within(file: str, scope: str) -> bool:
    return not scope or file == scope or file.startswith(f"{scope}/")


def _display(validation: Validation, root: Path, only: Path | None) -> Report:
    """Problems under ONLY (all when None), with file names as the user can open them from here."""
    scope = only.resolve().relative_to(root).as_posix() if only is not None else ""
    kept = [p for p in validation.report.problems if _within(p.file, scope)]
    shown = tuple(replace(p, file=os.path.relpath(root / p.file)) for p in kept)
    return Report(shown, sum(1 for path in validation.checks if _within(path, scope)))


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every document of the repository holding PATH; exit 1 on errors (on warnings too if strict)."""
    lang = language(args)
    target = Path(args.dir)
    if not target.exists():
        return fail(say("path-missing", lang, path=args.dir))
    root = find_repository(target)
    if root is None:
        return fail(say("not-in-repository", lang, path=args.dir))
    whole = target.resolve() in (root, root / "content")
    limits = Limits.from_environment(max_depth=args.max_nesting, max_bytes=args.max_bytes, max_text=args.max_text)
    files = read_directory(root)
    validation = validate_files(files, limits, today=today(args))
    if args.advice:  # plain-language advice as warnings (pathapi.content.advice)
        from pathapi.content.advice.repository import advise, with_advice

        validation = with_advice(validation, advise(files, validation))
    report = _display(validation, root, None if whole else target)
    sys.stdout.write(FORMATS[args.format](report, lang))
    return 1 if report.errors or (args.strict and report.warnings) else 0


def add_validate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``pathapi validate``."""
    validate = sub.add_parser("validate", help="check content documents against schemas and rules")
    validate.add_argument(
        "dir", nargs="?", default=".", help="the repository, or a folder or file inside it (default: .)"
    )
    validate.add_argument("--format", choices=sorted(FORMATS), default="text")
    validate.add_argument("--strict", action="store_true", help="warnings fail the run as well")
    validate.add_argument(
        "--advice",
        action="store_true",
        help="add plain-language advice on customer-facing text (warnings; see pathapi advise)",
    )
    validate.add_argument(
        "--max-nesting",
        type=int,
        metavar="N",
        help="deepest nesting of objects and arrays (default: PATHAPI_MAX_NESTING, else 32)",
    )
    validate.add_argument(
        "--max-bytes",
        type=int,
        metavar="N",
        help="largest document file (default: PATHAPI_MAX_DOCUMENT_BYTES, else 1048576)",
    )
    validate.add_argument(
        "--max-text",
        type=int,
        metavar="N",
        help="longest text value in characters (default: PATHAPI_MAX_TEXT_LENGTH, else 20000)",
    )
    add_language(validate)
    add_today(validate)
    validate.set_defaults(run=cmd_validate)
