"""An immutable, validated view of one commit's content; built once, then only read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from pathapi.content.document import Document
from pathapi.content.kinds import Kind
from pathapi.content.problems import Report
from pathapi.content.sources import SourceFile
from pathapi.content.validator import FileCheck, Validation, Validator
from pathapi.store.git import CommitInfo, ContentRepository


@dataclass(frozen=True)
class Snapshot:
    """Every valid document of one commit, by kind and id, with the validation behind it."""

    commit: CommitInfo
    documents: Mapping[Kind, Mapping[str, Document]]
    validation: Validation
    schemas: Mapping[str, Mapping[str, Any]]

    def get(self, kind: Kind, doc_id: str) -> Document | None:
        """The document of KIND with DOC_ID, whatever its status."""
        return self.documents[kind].get(doc_id)

    def counts(self) -> dict[str, int]:
        """Number of documents per collection name."""
        return {kind.folder: len(docs) for kind, docs in self.documents.items()}


@dataclass(frozen=True)
class Rejected:
    """A commit that failed validation, with the report saying why; never served."""

    commit: CommitInfo
    report: Report


def _reusable(previous: Snapshot | None) -> dict[str, FileCheck]:
    if previous is None:
        return {}
    return {c.file.blob_id: c for c in previous.validation.checks.values() if c.file.blob_id}


def build_snapshot(
    repo: ContentRepository, commit: CommitInfo, previous: Snapshot | None = None
) -> Snapshot | Rejected:
    """Read COMMIT's files from git, validate them and index the documents.

    Checks of files whose blob is unchanged since PREVIOUS are reused, so the cost of a
    rebuild grows with what changed.
    """
    files: list[SourceFile] = repo.read_files(commit.sha)
    validator = Validator.for_files(files)
    validation = validator.validate(files, reuse=_reusable(previous))
    if not validation.report.ok:
        return Rejected(commit, validation.report)
    by_kind: dict[Kind, dict[str, Document]] = {kind: {} for kind in Kind}
    for document in validation.documents:
        by_kind[document.kind][document.id] = document
    frozen = MappingProxyType({k: MappingProxyType(v) for k, v in by_kind.items()})
    return Snapshot(commit, frozen, validation, validator.schemas.schemas)
