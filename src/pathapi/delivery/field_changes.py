"""What changed inside one document between two commits, field by field, as one view sees it.

"What changed for staff since last week": the intranet view compares the intranet projection
(professional notes included), the public view the public one, so a change a view cannot see is
never listed to it. Each entry names the block (``phases/alku/steps/soitto``), the field, the
language of a text and the change; a step carries the deep link to it.
"""

from __future__ import annotations

from typing import Any

import orjson

from pathapi.content.audience import AUDIENCES, INTRANET, PUBLIC, project
from pathapi.content.kinds import Kind
from pathapi.delivery.cache import MB, BoundedCache
from pathapi.delivery.present import href
from pathapi.review.changes import Block, compare_documents
from pathapi.store.git import ContentRepository

AUDIENCE_OF_VIEW = {**{a: a for a in AUDIENCES}, "preview": PUBLIC, "intranet-preview": INTRANET}


def _where(block: Block) -> str:
    return "/".join(f"{name}/{ident}" for name, ident in block)


def _title(value: Any) -> str | None:
    return str(value.get("fi", "")) if isinstance(value, dict) else value if isinstance(value, str) else None


def _step_link(kind: Kind, doc_id: str, block: Block) -> dict[str, str]:
    """The deep link of the step BLOCK lies in, when it lies in one."""
    steps = [ident for name, ident in block if name == "steps"]
    if kind is not Kind.PATH or not steps:
        return {}
    return {"step_href": f"{href(kind, doc_id)}/steps/{steps[0]}"}


def compare(kind: Kind, doc_id: str, old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Blocks added, removed or reordered and fields changed from OLD to NEW (both already projected)."""
    blocks, fields, _ = compare_documents(old, new)
    found: list[dict[str, Any]] = [
        {
            "where": _where(b.block),
            "field": None,
            "language": None,
            "change": b.change,
            **({"title": _title(b.title)} if b.title is not None else {}),
            **_step_link(kind, doc_id, b.block),
        }
        for b in blocks
    ]
    found += [
        {
            "where": _where(f.block),
            "field": f.field,
            "language": f.language,
            "change": f.change,
            **_step_link(kind, doc_id, f.block),
        }
        for f in fields
    ]
    return found


class FieldChanges:
    """Per-field changes of documents between blobs, per view; a bounded cache keyed by blob ids."""

    def __init__(self, repo: ContentRepository, entries: int = 2048) -> None:
        self.repo = repo
        self._cache: BoundedCache[tuple[Kind, str, str, str, str], list[dict[str, Any]]] = BoundedCache(
            "field changes by blobs", entries, 16 * MB
        )

    def between(self, kind: Kind, doc_id: str, old_blob: str, new_blob: str, view: str) -> list[dict[str, Any]]:
        """What VIEW sees changed in one document from OLD_BLOB to NEW_BLOB."""
        audience = AUDIENCE_OF_VIEW[view]
        return self._cache.get_or_compute(
            (kind, doc_id, old_blob, new_blob, audience),
            lambda: compare(kind, doc_id, self._read(old_blob, audience), self._read(new_blob, audience)),
        )

    def _read(self, blob: str, audience: str) -> dict[str, Any]:
        try:
            data = orjson.loads(self.repo.read_blob(blob))
        except orjson.JSONDecodeError:
            return {}
        return project(data, audience) if isinstance(data, dict) else {}
