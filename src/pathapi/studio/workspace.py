"""One state of the content as the studio shows it: documents, broken files and problems."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import orjson

from pathapi.content.checks import Validation
from pathapi.content.document import Document
from pathapi.content.findings import Problem
from pathapi.content.kinds import Kind, locate


@dataclass(frozen=True)
class Workspace:
    """Documents by kind and id, files that could not be read, and every problem found."""

    label: str
    version: str | None
    documents: Mapping[Kind, Mapping[str, Document]]
    broken: Mapping[Kind, Mapping[str, str]]  # kind -> id -> file, for files with no document
    problems: tuple[Problem, ...]
    # kind -> id -> the file's JSON as written, for broken files that parse: shown with their problems in place
    unchecked: Mapping[Kind, Mapping[str, Document]] = field(default_factory=lambda: _empty())

    def get(self, kind: Kind, doc_id: str) -> Document | None:
        """The document of KIND with DOC_ID, if it is shown."""
        return self.documents[kind].get(doc_id)

    def problems_in(self, file: str) -> tuple[Problem, ...]:
        """Problems found in FILE, in position order."""
        return tuple(p for p in self.problems if p.file == file)

    def only(self, keep: Callable[[Document], bool], *, broken: bool = False) -> Workspace:
        """The same state showing only documents KEEP accepts; broken files and other problems if BROKEN."""
        docs = {k: MappingProxyType({i: d for i, d in v.items() if keep(d)}) for k, v in self.documents.items()}
        if broken:
            hidden = {d.path for v in self.documents.values() for d in v.values() if not keep(d)}
            problems = tuple(p for p in self.problems if p.file not in hidden)
            return Workspace(self.label, self.version, MappingProxyType(docs), self.broken, problems, self.unchecked)
        kept = {d.path for v in docs.values() for d in v.values()}
        problems = tuple(p for p in self.problems if p.file in kept)
        return Workspace(self.label, self.version, MappingProxyType(docs), _empty(), problems)


def _empty() -> Mapping[Kind, Mapping[str, Any]]:
    return MappingProxyType({kind: MappingProxyType({}) for kind in Kind})


def from_validation(validation: Validation, label: str, version: str | None) -> Workspace:
    """A Workspace of every document and broken file VALIDATION checked."""
    documents: dict[Kind, dict[str, Document]] = {kind: {} for kind in Kind}
    broken: dict[Kind, dict[str, str]] = {kind: {} for kind in Kind}
    unchecked: dict[Kind, dict[str, Document]] = {kind: {} for kind in Kind}
    for path, check in validation.checks.items():
        if check.document is not None:
            documents[check.document.kind][check.document.id] = check.document
        elif (located := locate(path)) is not None:
            broken[located[0]][located[1]] = path
            data = _as_written(check.file.data)
            if data is not None:
                unchecked[located[0]][located[1]] = Document(located[0], located[1], path, data)
    problems = validation.report.problems
    return Workspace(label, version, _frozen(documents), _frozen(broken), problems, _frozen(unchecked))


def _frozen(by_kind: Mapping[Kind, Mapping[str, Any]]) -> Mapping[Kind, Mapping[str, Any]]:
    return MappingProxyType({k: MappingProxyType(dict(v)) for k, v in by_kind.items()})


def _as_written(data: bytes) -> dict[str, Any] | None:
    """A broken file's JSON object, if it parses at all (its problems are then about content, not syntax)."""
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    return _safe_links(parsed) if isinstance(parsed, dict) else None


def _safe_links(value: Any) -> Any:
    """VALUE without link addresses other than https:// (unchecked text must not become a script link)."""
    if isinstance(value, dict):
        return {
            k: _safe_links(v)
            for k, v in value.items()
            if not (k in ("url", "app_link") and not (isinstance(v, str) and v.startswith("https://")))
        }
    if isinstance(value, list):
        return [_safe_links(v) for v in value]
    return value
