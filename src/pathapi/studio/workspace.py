"""One state of the content as the studio shows it: documents, broken files and problems."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from pathapi.content.document import Document
from pathapi.content.kinds import Kind, locate
from pathapi.content.problems import Problem
from pathapi.content.validator import Validation


@dataclass(frozen=True)
class Workspace:
    """Documents by kind and id, files that could not be read, and every problem found."""

    label: str
    version: str | None
    documents: Mapping[Kind, Mapping[str, Document]]
    broken: Mapping[Kind, Mapping[str, str]]  # kind -> id -> file, for files with no document
    problems: tuple[Problem, ...]

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
            return Workspace(self.label, self.version, MappingProxyType(docs), self.broken, problems)
        kept = {d.path for v in docs.values() for d in v.values()}
        problems = tuple(p for p in self.problems if p.file in kept)
        return Workspace(self.label, self.version, MappingProxyType(docs), _empty(), problems)


def _empty() -> Mapping[Kind, Mapping[str, str]]:
    return MappingProxyType({kind: MappingProxyType({}) for kind in Kind})


def from_validation(validation: Validation, label: str, version: str | None) -> Workspace:
    """A Workspace of every document and broken file VALIDATION checked."""
    documents: dict[Kind, dict[str, Document]] = {kind: {} for kind in Kind}
    broken: dict[Kind, dict[str, str]] = {kind: {} for kind in Kind}
    for path, check in validation.checks.items():
        if check.document is not None:
            documents[check.document.kind][check.document.id] = check.document
        elif (located := locate(path)) is not None:
            broken[located[0]][located[1]] = path
    return Workspace(label, version, MappingProxyType({k: MappingProxyType(v) for k, v in documents.items()}),
                     MappingProxyType({k: MappingProxyType(v) for k, v in broken.items()}),
                     validation.report.problems)
