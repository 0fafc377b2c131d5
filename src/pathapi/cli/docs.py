"""``pathapi docs fields``: write or check the field reference generated from the schemas."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pathapi.cli.options import add_language, fail, language
from pathapi.content import field_reference
from pathapi.content.catalogue import say

OUTPUT = Path("docs") / "fields.md"


def cmd_docs_fields(args: argparse.Namespace) -> int:
    """Generate docs/fields.md from schemas/; with --check, exit 1 when it differs or a field is unannotated."""
    lang = language(args)
    root = Path(args.repo)
    schemas = field_reference.load(root / "schemas")
    if not schemas:
        return fail(say("path-missing", lang, path=root / "schemas"))
    missing = field_reference.unannotated(schemas)
    for where in missing:
        sys.stderr.write(f"pathapi: {say('fields-unannotated', lang, where=where)}\n")
    output = Path(args.output) if args.output else root / OUTPUT
    generated = field_reference.render(schemas)
    if args.check:
        current = output.read_text(encoding="utf-8") if output.is_file() else ""
        if current != generated:
            return fail(say("fields-drift", lang, file=output))
        return 1 if missing else 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(generated, encoding="utf-8")
    count = sum(1 for line in generated.splitlines() if line.startswith("| `"))
    sys.stdout.write(say("fields-written", lang, file=output, count=count) + "\n")
    return 1 if missing else 0


def add_docs(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``pathapi docs fields``."""
    docs = sub.add_parser("docs", help="generated reference documents (docs/fields.md)")
    which = docs.add_subparsers(dest="document", required=True)
    fields = which.add_parser("fields", help="where each field appears (website, app, intranet), from the schemas")
    fields.add_argument("--repo", default=".", help="repository with schemas/ (default: .)")
    fields.add_argument("--output", help="file to write or check (default: REPO/docs/fields.md)")
    fields.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is out of date")
    add_language(fields)
    fields.set_defaults(run=cmd_docs_fields)
