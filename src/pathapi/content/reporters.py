"""Render a validation report as text lines, JSON, or GitHub Actions annotations, in one language."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import orjson

from pathapi.content.catalogue import summary
from pathapi.content.findings import Problem, Report


def _summary(report: Report, lang: str) -> str:
    return summary(lang, report.checked, len(report.errors), len(report.warnings))


def text(report: Report, lang: str = "en") -> str:
    """One ``FILE:LINE:COL: message fix [pointer]`` line per problem, then a summary line."""
    return "\n".join([*(p.line_text(lang) for p in report.problems), _summary(report, lang)]) + "\n"


def _fields(problem: Problem, lang: str) -> dict[str, object]:
    message, hint = problem.words(lang)
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "pointer": problem.pointer,
        "rule": problem.rule,
        "code": problem.code or problem.rule,
        "severity": problem.severity,
        "message": message,
        "hint": hint,
        "args": dict(problem.args),
    }


def json(report: Report, lang: str = "en") -> str:
    """A JSON object with ``ok``, ``checked``, counts and the list of problems (machine fields + words)."""
    payload = {
        "ok": report.ok,
        "checked": report.checked,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "language": lang,
        "problems": [_fields(p, lang) for p in report.problems],
    }
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n"


def _escape(value: str, *, prop: bool = False) -> str:
    """Escape per GitHub's workflow-command rules."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def _annotation(p: Problem, lang: str) -> str:
    level = "error" if p.is_error else "warning"
    title = _escape(f"{p.rule} ({p.code})" if p.code and p.code != p.rule else p.rule, prop=True)
    props = f"file={_escape(p.file, prop=True)},line={p.line},col={p.column},title={title}"
    message, hint = p.words(lang)
    return f"::{level} {props}::{_escape(f'{message} {hint}'.strip())} [{_escape(p.pointer)}]"


def github(report: Report, lang: str = "en") -> str:
    """GitHub Actions ``::error``/``::warning`` workflow commands, one per problem."""
    return "".join(_annotation(p, lang) + "\n" for p in report.problems) + _summary(report, lang) + "\n"


def gitlab(report: Report, lang: str = "en") -> str:
    """A GitLab Code Quality report: each problem shown on its line in the merge request."""
    issues = []
    for p in report.problems:
        message, hint = p.words(lang)
        issues.append(
            {
                "description": f"{message} {hint} [{p.pointer}]".replace("  ", " "),
                "check_name": p.code or p.rule,
                "severity": "major" if p.is_error else "minor",
                "fingerprint": hashlib.sha256(f"{p.file}\0{p.pointer}\0{p.rule}\0{p.message}".encode()).hexdigest(),
                "location": {"path": p.file, "lines": {"begin": p.line}},
            }
        )
    return orjson.dumps(issues, option=orjson.OPT_INDENT_2).decode() + "\n"


FORMATS: dict[str, Callable[[Report, str], str]] = {"text": text, "json": json, "github": github, "gitlab": gitlab}
