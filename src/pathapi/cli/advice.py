"""``pathapi advise``: plain-language advice on customer-facing text, with reading levels per path and step."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from pathapi.cli.options import add_language, fail, language
from pathapi.content.advice import Advised, Score
from pathapi.content.advice.repository import advise
from pathapi.content.catalogue import say
from pathapi.content.findings import Report
from pathapi.content.reporters import FORMATS
from pathapi.content.sources import find_repository, read_directory
from pathapi.content.validator import validate_files


def _scope(target: Path, root: Path) -> str:
    resolved = target.resolve()
    return "" if resolved in (root, root / "content") else resolved.relative_to(root).as_posix()


def _within(path: str, scopes: list[str]) -> bool:
    return any(not s or path == s or path.startswith(f"{s}/") for s in scopes)


def _score_lines(scores: tuple[Score, ...], lang: str) -> list[str]:
    """One line per document (its languages), then one per step, indented."""
    lines = [say("advice-scores", lang)]
    by_file: dict[str, list[Score]] = defaultdict(list)
    for score in scores:
        by_file[score.file].append(score)
    for file, found in by_file.items():
        whole = "  ".join(f"{s.language} {s.lix}" for s in found if not s.pointer)
        lines.append(f"{file}: {whole}")
        steps: dict[str, list[str]] = defaultdict(list)
        for s in found:
            if s.pointer:
                steps[s.label].append(f"{s.language} {s.lix}")
        lines += [f"  {label}: {'  '.join(values)}" for label, values in steps.items()]
    return lines


def _output(advised: Advised, checked: int, fmt: str, lang: str) -> str:
    report = Report(advised.problems, checked)
    text = FORMATS[fmt](report, lang)
    if fmt == "json":
        payload = json.loads(text)
        payload["scores"] = [
            {
                "file": s.file,
                "pointer": s.pointer,
                "label": s.label,
                "what": s.what,
                "language": s.language,
                "lix": s.lix,
                "words": s.words,
            }
            for s in advised.scores
        ]
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    return text + ("\n".join(_score_lines(advised.scores, lang)) + "\n" if fmt == "text" else "")


def cmd_advise(args: argparse.Namespace) -> int:
    """Advise on the documents under PATHS (default: the whole repository); advice never fails the run."""
    lang = language(args)
    targets = [Path(p) for p in args.paths or ["."]]
    for target in targets:
        if not target.exists():
            return fail(say("path-missing", lang, path=target))
    roots = [find_repository(t) for t in targets]
    root = roots[0]
    for target, found in zip(targets, roots, strict=True):
        if found is None or found != root:
            return fail(say("not-in-repository", lang, path=target))
    assert root is not None
    files = read_directory(root)
    validation = validate_files(files)
    scopes = [_scope(t, root) for t in targets]
    advised = advise(files, validation, lambda path: _within(path, scopes))
    shown = Advised(
        tuple(replace(p, file=os.path.relpath(root / p.file)) for p in advised.problems),
        tuple(replace(s, file=os.path.relpath(root / s.file)) for s in advised.scores),
    )
    checked = sum(1 for path, c in validation.checks.items() if c.document is not None and _within(path, scopes))
    sys.stdout.write(_output(shown, checked, args.format, lang))
    return 0


def add_advise(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``pathapi advise``."""
    parser = sub.add_parser("advise", help="plain-language advice on customer-facing text, reading level per step")
    parser.add_argument("paths", nargs="*", help="files or folders in a content repository (default: .)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text")
    add_language(parser)
    parser.set_defaults(run=cmd_advise)
