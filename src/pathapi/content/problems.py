"""Validation results as values: a problem is where, what and which rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a line, column and JSON pointer (lines 1-based)."""

    file: str
    line: int
    column: int
    message: str
    pointer: str = ""
    rule: str = "schema"

    def __str__(self) -> str:
        """Format as ``FILE:LINE:COL: message [pointer]``, the line editors' tools parse."""
        return f"{self.file}:{self.line}:{self.column}: {self.message} [{self.pointer}]"


@dataclass(frozen=True)
class Report:
    """Every problem found in one validation run, sorted by file and position."""

    problems: tuple[Problem, ...]
    checked: int

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    @property
    def files_with_problems(self) -> tuple[str, ...]:
        """Distinct file names that have at least one problem."""
        return tuple(sorted({p.file for p in self.problems}))
