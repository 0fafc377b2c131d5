"""Render a validation report as text lines, JSON, or GitHub Actions annotations."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict

import orjson

from pathapi.content.problems import Problem, Report


def text(report: Report) -> str:
    """One ``FILE:LINE:COL: message [pointer]`` line per problem, then a summary line."""
    lines = [str(p) for p in report.problems]
    count = len(report.problems)
    summary = f"{report.checked} documents checked, {count} problem{'s' if count != 1 else ''}"
    return "\n".join([*lines, summary]) + "\n"


def json(report: Report) -> str:
    """A JSON object with ``ok``, ``checked`` and the list of problems."""
    payload = {
        "ok": report.ok,
        "checked": report.checked,
        "problems": [asdict(p) for p in report.problems],
    }
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n"


def _escape(value: str, *, prop: bool = False) -> str:
    """Escape per GitHub's workflow-command rules."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def _annotation(p: Problem) -> str:
    props = f"file={_escape(p.file, prop=True)},line={p.line},col={p.column},title={_escape(p.rule, prop=True)}"
    return f"::error {props}::{_escape(p.message)} [{_escape(p.pointer)}]"


def github(report: Report) -> str:
    """GitHub Actions ``::error`` workflow commands, one per problem."""
    return "".join(_annotation(p) + "\n" for p in report.problems) + text(report).splitlines()[-1] + "\n"


def gitlab(report: Report) -> str:
    """A GitLab Code Quality report: each problem shown on its line in the merge request."""
    issues = [{
        "description": f"{p.message} [{p.pointer}]", "check_name": p.rule, "severity": "major",
        "fingerprint": hashlib.sha256(f"{p.file}\0{p.pointer}\0{p.rule}\0{p.message}".encode()).hexdigest(),
        "location": {"path": p.file, "lines": {"begin": p.line}},
    } for p in report.problems]
    return orjson.dumps(issues, option=orjson.OPT_INDENT_2).decode() + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {"text": text, "json": json, "github": github, "gitlab": gitlab}
