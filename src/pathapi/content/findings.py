"""Validation findings as values: a ``Problem`` is where, what (a catalogue code) and which rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pathapi.content.catalogue import english, render, warning_prefix

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a line, column and JSON pointer (lines 1-based).

    ``message`` and ``hint`` are English; ``code`` and ``args`` give the words in any language.
    """

    file: str
    line: int
    column: int
    message: str
    pointer: str = ""
    rule: str = "schema"
    code: str = ""
    args: tuple[tuple[str, str], ...] = ()
    severity: str = ERROR
    hint: str = ""

    @classmethod
    def of(
        cls,
        file: str,
        line: int,
        column: int,
        code: str,
        pointer: str = "",
        rule: str = "schema",
        /,
        *,
        severity: str = ERROR,
        **args: Any,
    ) -> Problem:
        """A problem described by catalogue CODE filled with ARGS."""
        values = {k: str(v) for k, v in args.items()}
        message, hint = english(code, values)
        return cls(file, line, column, message, pointer, rule, code, tuple(values.items()), severity, hint)

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == ERROR

    def words(self, lang: str) -> tuple[str, str]:
        """(message, fix) in LANG; findings outside the catalogue keep their English words."""
        return render(self.code or self.rule, dict(self.args), lang) or (self.message, self.hint)

    def text(self, lang: str = "en") -> str:
        """Message and fix in LANG, warnings marked as such."""
        message, hint = self.words(lang)
        prefix = "" if self.is_error else warning_prefix(lang)
        return f"{prefix}{message} {hint}".strip()

    def line_text(self, lang: str = "en") -> str:
        """``FILE:LINE:COL: message fix [pointer]``, the line editors' tools parse."""
        return f"{self.file}:{self.line}:{self.column}: {self.text(lang)} [{self.pointer}]"

    def __str__(self) -> str:
        """The English line (logs, the API); the CLI prints ``line_text`` in the editor's language."""
        return self.line_text("en")


@dataclass(frozen=True)
class Report:
    """Every problem found in one validation run, sorted by file and position."""

    problems: tuple[Problem, ...]
    checked: int

    @property
    def ok(self) -> bool:
        """True when no error was found (warnings do not count)."""
        return not self.errors

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that fail a build."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that only advise (they fail a build with ``--strict``)."""
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def files_with_problems(self) -> tuple[str, ...]:
        """Distinct file names that have at least one problem."""
        return tuple(sorted({p.file for p in self.problems}))


def args_of(values: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """Arguments as the hashable pairs a Problem keeps."""
    return tuple((k, str(v)) for k, v in values.items())
