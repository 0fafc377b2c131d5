"""The studio index as plain values: every document with status, owner, schedule, problems."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pathapi.content.document import Document
from pathapi.content.findings import Problem
from pathapi.content.kinds import Kind
from pathapi.studio.pathpage import anchor_of
from pathapi.studio.texts import Localizer, Text
from pathapi.studio.workspace import Workspace


@dataclass(frozen=True)
class Placed:
    """A problem with the page address it concerns."""

    problem: Problem
    href: str


@dataclass(frozen=True)
class Row:
    """One document (or broken file) in the index."""

    kind: Kind
    id: str
    file: str
    href: str
    title: Text | None
    status: str | None
    languages: tuple[str, ...]
    owner: str | None
    review_due: str | None
    overdue: bool
    publish_at: str | None
    unpublish_at: str | None
    problems: tuple[Placed, ...]


def page_href(kind: Kind, doc_id: str) -> str:
    """The studio address of a document's page."""
    return f"/studio/{kind.folder}/{doc_id}"


def _row(workspace: Workspace, document: Document, local: Localizer, today: date) -> Row:
    data = document.data
    href = page_href(document.kind, document.id)
    owner = data.get("owner") or {}
    due = owner.get("review_due")
    overdue = due is not None and str(due) < today.isoformat()
    problems = tuple(Placed(p, f"{href}#{anchor_of(data, p.pointer)}") for p in workspace.problems_in(document.path))
    return Row(
        document.kind,
        document.id,
        document.path,
        href,
        local.text(data.get("title") or data.get("name")),
        document.status,
        document.languages,
        owner.get("unit"),
        due,
        overdue,
        data.get("publish_at"),
        data.get("unpublish_at"),
        problems,
    )


def _broken_row(workspace: Workspace, kind: Kind, doc_id: str, file: str) -> Row:
    href = page_href(kind, doc_id)
    problems = tuple(Placed(p, f"{href}#top") for p in workspace.problems_in(file))
    return Row(kind, doc_id, file, href, None, None, (), None, None, False, None, None, problems)


def overview(workspace: Workspace, language: str, today: date) -> dict[Kind, list[Row]]:
    """Rows per kind (paths first), broken files among them, sorted by id."""
    local = Localizer(language)
    rows: dict[Kind, list[Row]] = {}
    for kind in (Kind.PATH, Kind.CHANNEL, Kind.TOPIC, Kind.SEGMENT):
        found = [_row(workspace, d, local, today) for d in workspace.documents[kind].values()]
        found += [_broken_row(workspace, kind, i, f) for i, f in workspace.broken[kind].items()]
        rows[kind] = sorted(found, key=lambda r: r.id)
    return rows


def unplaced(workspace: Workspace) -> tuple[Problem, ...]:
    """Problems in no document file: schemas, files in the wrong place."""
    files = {d.path for docs in workspace.documents.values() for d in docs.values()}
    files |= {f for broken in workspace.broken.values() for f in broken.values()}
    return tuple(p for p in workspace.problems if p.file not in files)
