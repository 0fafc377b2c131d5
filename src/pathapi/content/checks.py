"""What checking a repository state gives: one FileCheck per file, and the Validation of them all."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from pathapi.content.document import Document
from pathapi.content.findings import Problem, Report
from pathapi.content.positions import Positions
from pathapi.content.settings import SETTINGS_FILE, Settings, load_settings
from pathapi.content.sources import SourceFile


class KnownBlobs(Protocol):
    """Blob ids known to pass their schema (store.known_valid keeps them across processes)."""

    def __contains__(self, blob_id: object) -> bool: ...

    def add(self, blob_id: str) -> None: ...


@dataclass(frozen=True)
class FileCheck:
    """The outcome of checking one file alone; reusable while its bytes are unchanged."""

    file: SourceFile
    document: Document | None
    problems: tuple[Problem, ...]
    positions: Positions = field(compare=False)


@dataclass(frozen=True)
class Validation:
    """Every file's check plus the corpus-wide problems, summed up in a report."""

    checks: Mapping[str, FileCheck]
    report: Report

    @property
    def documents(self) -> list[Document]:
        """The documents that parsed and passed their schema, in path order."""
        return [c.document for c in self.checks.values() if c.document is not None]

    @property
    def settings(self) -> Settings:
        """The repository's settings (``content/settings.json``); the defaults when missing or invalid."""
        return settings_of(self.checks)


def settings_of(checks: Mapping[str, FileCheck]) -> Settings:
    check = checks.get(SETTINGS_FILE)
    return Settings() if check is None else load_settings(check.file.data, valid=not check.problems)
