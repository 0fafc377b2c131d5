"""An immutable, validated view of one commit's content; built once, then only read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pathapi.content.bulk import without_collector
from pathapi.content.checks import FileCheck, Validation
from pathapi.content.document import Document
from pathapi.content.findings import Report
from pathapi.content.helper import MIN_FILES, REACH
from pathapi.content.kinds import SCHEMA_DIR, Kind
from pathapi.content.settings import Settings
from pathapi.content.sources import PendingFile, SourceFile
from pathapi.content.synonyms import SYNONYMS_FILE, Synonyms, load_synonyms
from pathapi.content.validator import Validator
from pathapi.store.blobs import Meanwhile, ReadAhead, read_blobs
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import CommitInfo, TreeEntry
from pathapi.store.known_valid import KnownValid
from pathapi.store.updates import Updates, find_updates


@dataclass(frozen=True)
class Snapshot:
    """Every valid document of one commit, by kind and id, with the validation behind it."""

    commit: CommitInfo
    documents: Mapping[Kind, Mapping[str, Document]]
    validation: Validation
    validator: Validator = field(repr=False)
    schema_blobs: tuple[tuple[str, str], ...] = ()
    updates: Updates | None = None

    @property
    def content_schemas(self) -> Mapping[str, Mapping[str, Any]]:
        """The repository's parsed content schemas (``schemas/*.schema.json``) by file name."""
        return self.validator.schemas.schemas

    @property
    def synonyms(self) -> Synonyms:
        """The search synonym groups per language (``content/synonyms.json``), if the repository has them."""
        check = self.validation.checks.get(SYNONYMS_FILE)
        return load_synonyms(check.file.data if check is not None else None)

    @property
    def settings(self) -> Settings:
        """The repository's settings (``content/settings.json``), defaults where it says nothing."""
        return self.validation.settings

    def get(self, kind: Kind, doc_id: str) -> Document | None:
        """The document of KIND with DOC_ID, whatever its status."""
        return self.documents[kind].get(doc_id)

    def updated_at(self, document: Document) -> datetime:
        """Commit time of the last change to DOCUMENT's file (the commit's time when unknown)."""
        return self.updates.file(document.path) if self.updates else self.commit.committed_at

    def counts(self) -> dict[str, int]:
        """Number of documents per collection name."""
        return {kind.folder: len(docs) for kind, docs in self.documents.items()}


@dataclass(frozen=True)
class Rejected:
    """A commit that failed validation, with the report saying why; never served."""

    commit: CommitInfo
    report: Report


def _validator(
    repo: ContentRepository, entries: list[TreeEntry], previous: Snapshot | None, cache_dir: Path | None
) -> Validator:
    """The previous snapshot's compiled validator when the schema files are unchanged, else a new one
    (with CACHE_DIR, recording there the blobs known to pass these schemas)."""
    key = tuple((e.path, e.blob_id) for e in entries)
    if previous is not None and previous.schema_blobs == key:
        return previous.validator
    files = [SourceFile(e.path, repo.read_blob(e.blob_id), e.blob_id) for e in entries]
    return Validator.for_files(files, known_valid=KnownValid(cache_dir, key) if cache_dir else None)


@without_collector
def build_snapshot(
    repo: ContentRepository,
    commit: CommitInfo,
    previous: Snapshot | None = None,
    cache_dir: Path | None = None,
) -> Snapshot | Rejected:
    """Read COMMIT's files from git, validate them and index the documents.

    With PREVIOUS, unchanged blobs are neither read nor checked again, and unchanged schemas
    are not recompiled: the cost of a rebuild grows with what changed. With CACHE_DIR, blobs
    that passed their schema before (in any process) skip jsonschema; every rule still runs.
    """
    entries = repo.list_files(commit.sha)
    schema_entries = [e for e in entries if e.path.startswith(f"{SCHEMA_DIR}/")]
    validator = _validator(repo, schema_entries, previous, cache_dir)
    reuse: dict[str, FileCheck] = {}
    if previous is not None and validator is previous.validator:
        reuse = {c.file.blob_id: c for c in previous.validation.checks.values() if c.file.blob_id}
    content = [e for e in entries if not e.path.startswith(f"{SCHEMA_DIR}/")]
    unread = [e.blob_id for e in content if e.blob_id not in reuse]  # same blob, same bytes: not read again
    # A large build checks its first files while git reads the next ones (a helper sends back those it checked).
    later = unread[len(unread) - int(len(unread) * REACH) :] if len(unread) >= MIN_FILES else []
    first = unread[: len(unread) - len(later)]
    read = (
        dict(zip(first, read_blobs(repo, first), strict=True))
        if len(first) > 1
        else {b: repo.read_blob(b) for b in first}
    )
    pending = ReadAhead(repo, later) if later else None
    files = [
        SourceFile(e.path, reuse[e.blob_id].file.data, e.blob_id)
        if e.blob_id in reuse
        else SourceFile(e.path, read[e.blob_id], e.blob_id)
        if e.blob_id in read or pending is None
        else PendingFile(e.path, e.blob_id, pending.get)
        for e in content
    ]
    # When each file last changed: git's log is read while the files are checked (a long history costs
    # nothing then); it covers every content file, the documents among them.
    updates = Meanwhile(
        find_updates,
        repo,
        commit.sha,
        {e.path for e in content},
        commit.committed_at,
        previous.updates if previous else None,
    )
    try:
        validation = validator.validate(files, reuse=reuse)
    finally:
        if pending is not None:
            pending.finish()
    if isinstance(validator.known_valid, KnownValid):
        validator.known_valid.save()
    if not validation.report.ok:
        return Rejected(commit, validation.report)
    by_kind: dict[Kind, dict[str, Document]] = {kind: {} for kind in Kind}
    for document in validation.documents:
        by_kind[document.kind][document.id] = document
    frozen = MappingProxyType({k: MappingProxyType(v) for k, v in by_kind.items()})
    schema_blobs = tuple((e.path, e.blob_id) for e in schema_entries)
    return Snapshot(commit, frozen, validation, validator, schema_blobs, updates.result())
