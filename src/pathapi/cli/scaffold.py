"""``pathapi new KIND ID``: write a draft skeleton into the content repository, checked at once."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from pathapi.cli.options import add_language, fail, language
from pathapi.content import scaffold
from pathapi.content.catalogue import say
from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR, Kind
from pathapi.content.settings import SETTINGS_FILE, Settings
from pathapi.content.sources import find_repository, read_directory
from pathapi.content.validator import validate_files


def _git_email(root: Path) -> str | None:
    """The editor's e-mail from git config, if git knows one."""
    try:
        done = subprocess.run(["git", "config", "user.email"], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _settings(root: Path) -> Settings:
    """The repository's settings, checked against their schema (defaults when missing or invalid)."""
    files = [f for f in read_directory(root) if f.path == SETTINGS_FILE or f.path.startswith(f"{SCHEMA_DIR}/")]
    return validate_files(files).settings


# The kinds in the editors' own words too: `pathapi new polku lonkkaleikkaus`
KIND_WORDS = {
    "polku": Kind.PATH,
    "kanava": Kind.CHANNEL,
    "aihe": Kind.TOPIC,
    "segmentti": Kind.SEGMENT,
    "stig": Kind.PATH,
    "kanal": Kind.CHANNEL,
    "ämne": Kind.TOPIC,
    **{kind.value: kind for kind in Kind},
}


def cmd_new(args: argparse.Namespace) -> int:
    """Write a draft KIND document ID with every required field; refuse bad ids and existing files."""
    lang, kind = language(args), KIND_WORDS.get(args.kind.lower())
    if kind is None:
        return fail(say("new-unknown-kind", lang, given=args.kind))
    start = Path(args.repo) if args.repo else Path.cwd()
    root = find_repository(start)
    if root is None:
        return fail(say("not-in-repository", lang, path=args.repo or "."))
    refused = scaffold.refusal(root, kind, args.id, args.topic)
    if refused is not None:
        return fail(say(refused.code, lang, kind_id=kind.value, **refused.args))
    topic = scaffold.chosen_topic(root, args.topic) if kind is Kind.PATH else ""
    doc = scaffold.skeleton(
        kind,
        args.id,
        _settings(root),
        date.today(),
        topic=topic,
        segment_code=scaffold.free_segment_code(root),
        email=_git_email(root),
    )
    relative = f"{CONTENT_DIR}/{kind.folder}/{args.id}.json"
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shown = os.path.relpath(target)
    sys.stdout.write(say("new-created", lang, file=shown) + "\n")
    if kind is Kind.PATH and args.topic is None:
        sys.stdout.write(say("new-topic-chosen", lang, topic=topic) + "\n")
    errors = [p for p in validate_files(read_directory(root)).report.errors if p.file == relative]
    for problem in errors:  # never expected: the skeleton is built to pass; say so if it does not
        sys.stderr.write(problem.line_text(lang).replace(relative, shown, 1) + "\n")
    return 1 if errors else 0


def add_new(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``pathapi new``."""
    new = sub.add_parser("new", help="start a document from a draft skeleton that validates at once")
    new.add_argument(
        "kind", help="what to create: path, channel, topic or segment (also polku, kanava, aihe, segmentti)"
    )
    new.add_argument("id", help="its identifier, also the file name: a-z, 0-9 and hyphens")
    new.add_argument("--topic", help="for a path: the topic it goes under (default: the first topic)")
    new.add_argument("--repo", help="content repository (default: the one holding the current folder)")
    add_language(new)
    new.set_defaults(run=cmd_new)
