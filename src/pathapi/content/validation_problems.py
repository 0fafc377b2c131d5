"""What the checks found, as editor-facing problems: jsonschema errors translated, rule and text findings placed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pathapi.content.catalogue import closest, quoted, render
from pathapi.content.findings import Problem
from pathapi.content.messages import schema_words
from pathapi.content.positions import Positions, to_pointer
from pathapi.content.rules import Finding
from pathapi.content.text_rules import TextFinding

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


def _unknown_properties(err: ValidationError, path: str, positions: Positions) -> list[Problem]:
    """One problem per stray key, naming the closest allowed property when one looks alike."""
    allowed = list(err.schema.get("properties", {})) if isinstance(err.schema, dict) else []
    problems = []
    for extra in (k for k in err.instance if k not in allowed):
        pointer = to_pointer([*err.absolute_path, extra])
        line, column = positions.of(pointer, key=True)
        near = closest(extra, allowed, n=1)
        code, args = ("unknown-property-near", {"closest": near[0]}) if near else ("unknown-property", {})
        problems.append(
            Problem.of(path, line, column, code, pointer, "schema", name=extra, allowed=quoted(allowed), **args)
        )
    return problems


def schema_problems(
    errors: Iterable[ValidationError], path: str, positions: Positions, skip_schema: bool = False
) -> list[Problem]:
    """Positioned problems for jsonschema errors: one per stray key and one per missing property."""
    problems: list[Problem] = []
    for err in errors:
        pointer = to_pointer(err.absolute_path)
        if skip_schema and pointer in ("", "/$schema") and "$schema" in str(err.message):
            continue  # the declared $schema is already reported as such
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            problems += _unknown_properties(err, path, positions)
        elif err.validator == "required" and isinstance(err.instance, dict):
            name = _missing_name(err)
            problems.append(Problem.of(path, *positions.of(pointer), "required", pointer, "schema", name=name))
        else:
            code, args = schema_words(err)
            problems.append(Problem.of(path, *positions.of(pointer), code, pointer, "schema", **args))
    return _one_per_mistake(problems)


def _one_per_mistake(problems: list[Problem]) -> list[Problem]:
    """Drop 'X is missing' where a misspelt key beside it was taken for X: that is one mistake, named once."""
    misspelt = {
        (p.pointer.rsplit("/", 1)[0], dict(p.args)["closest"]) for p in problems if p.code == "unknown-property-near"
    }
    return [p for p in problems if not (p.code == "required" and (p.pointer, dict(p.args)["name"]) in misspelt)]


def _missing_name(err: ValidationError) -> str:
    """The one property a ``required`` error is about (jsonschema yields one error per missing name)."""
    missing = [k for k in err.validator_value if k not in err.instance]
    return next((k for k in missing if repr(k) in err.message), missing[0] if missing else "?")


def _problem(finding: Finding, line: int, column: int) -> Problem:
    """FINDING as a problem at LINE:COLUMN, with its English words for machine readers."""
    words = render(finding.code, dict(finding.args), "en") if finding.code else None
    return Problem(
        finding.path,
        line,
        column,
        finding.message,
        finding.pointer,
        finding.rule,
        finding.code,
        finding.args,
        finding.severity,
        words[1] if words else "",
    )


def finding_problem(finding: Finding, positions: Positions) -> Problem:
    """A rule's finding, placed at its pointer (or its key)."""
    return _problem(finding, *positions.of(finding.pointer, key=finding.at_key))


def text_problem(found: TextFinding, positions: Positions) -> Problem:
    """A text rule's finding, placed inside the text it was found in."""
    return _problem(found.finding, *positions.inside(found.finding.pointer, found.text, found.offset))
