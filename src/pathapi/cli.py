"""The ``pathapi`` command: validate content, serve the API."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pathapi.api.settings import default_repository
from pathapi.content.problems import Report
from pathapi.content.reporters import FORMATS, text
from pathapi.content.sources import find_root, read_directory
from pathapi.content.validator import validate_files


def _display(report: Report, root: Path) -> Report:
    """Report file names as the user can open them from the current directory."""
    prefix = os.path.relpath(root) if root != Path(".") else ""
    problems = tuple(replace(p, file=os.path.join(prefix, p.file) if prefix != "." else p.file)
                     for p in report.problems)
    return Report(problems, report.checked)


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every document under DIR; exit 1 when any problem is found."""
    root = find_root(Path(args.dir))
    report = _display(validate_files(read_directory(root)).report, root)
    sys.stdout.write(FORMATS[args.format](report))
    return 0 if report.ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    """Validate HEAD of the repository, then serve it; refuse to start on a broken commit."""
    from pathapi import server
    from pathapi.api.app import SnapshotRejected, load_library
    from pathapi.store.git import RepositoryError

    repo = Path(args.repo) if args.repo else default_repository()
    try:
        state = load_library(repo).state
    except SnapshotRejected as err:
        sys.stderr.write(f"pathapi: not serving {repo}: HEAD failed validation\n")
        sys.stderr.write(text(err.report))
        return 1
    except RepositoryError as err:
        sys.stderr.write(f"pathapi: {err}\n")
        return 1
    counts = ", ".join(f"{n} {k}" for k, n in state.edition.snapshot.counts().items())
    live = f"release {state.release}" if state.release else f"branch {state.branch or 'HEAD'}"
    sys.stderr.write(f"pathapi: serving {repo}, {live} at {state.edition.snapshot.commit.short} ({counts}) "
                     f"on http://{args.host}:{args.port}\n")
    if args.dev:
        server.serve_dev(repo, args.host, args.port)
    else:
        server.serve(repo, args.host, args.port, args.workers)
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    top = argparse.ArgumentParser(prog="pathapi", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check content documents against schemas and rules")
    validate.add_argument("dir", nargs="?", default=".", help="repository root or its content/ (default: .)")
    validate.add_argument("--format", choices=sorted(FORMATS), default="text")
    validate.set_defaults(run=cmd_validate)

    serve = sub.add_parser("serve", help="serve the read API for HEAD of a content repository")
    serve.add_argument("--repo", help="content repository (default: ., else the bundled content)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    serve.add_argument("--dev", action="store_true", help="Flask's reloading development server")
    serve.set_defaults(run=cmd_serve)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pathapi`` console script."""
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code
