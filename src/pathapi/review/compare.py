"""Compare two states of a content repository document by document, renames included."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pathapi.content.sources import SourceFile
from pathapi.review.changes import SCHEDULE, DocumentReview, ParseError, Review, compare_documents, read_state

Key = tuple[str, str]


def _title(data: Any) -> Any:
    return (data.get("title") or data.get("name")) if isinstance(data, dict) else None


def _same_document(old: Any, new: Any, old_id: str, new_id: str) -> bool:
    """Whether NEW is OLD under a new id: it names OLD as an alias, or only its id changed."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    if old_id in (new.get("aliases") or []):
        return True
    strip = ("id", "$schema", "aliases")
    if {k: v for k, v in old.items() if k not in strip} == {k: v for k, v in new.items() if k not in strip}:
        return True
    title_old, title_new = _title(old), _title(new)
    return isinstance(title_old, dict) and isinstance(title_new, dict) and title_old.get("fi") == title_new.get("fi")


def _renames(gone: list[Key], arrived: list[Key], base: dict[Key, Any], head: dict[Key, Any]) -> dict[Key, Key]:
    """New key -> old key for documents that moved to a new id."""
    pairs: dict[Key, Key] = {}
    for new in arrived:
        for old in gone:
            if old[0] == new[0] and old not in pairs.values() and _same_document(base[old], head[new], old[1], new[1]):
                pairs[new] = old
                break
    return pairs


def _changed(kind: str, doc_id: str, old: Any, new: Any, old_id: str | None = None) -> DocumentReview | None:
    """The review of one document present on both sides, or None when nothing changed."""
    if isinstance(old, ParseError) or isinstance(new, ParseError):
        problem = (new if isinstance(new, ParseError) else old).message
        return DocumentReview(kind, doc_id, "unreadable", _title(old) or _title(new), old_id, problem=problem)
    if old == new and old_id is None:
        return None
    status = (old.get("status"), new.get("status")) if old.get("status") != new.get("status") else None
    schedule = tuple((name, old.get(name), new.get(name)) for name in SCHEDULE if old.get(name) != new.get(name))
    blocks, fields, stale = compare_documents(old, new)
    change = "renamed" if old_id else "changed"
    return DocumentReview(kind, doc_id, change, _title(new), old_id, status, schedule, blocks, fields, stale)


def review(base_files: Iterable[SourceFile], head_files: Iterable[SourceFile], base: str, head: str) -> Review:
    """What changed from BASE_FILES to HEAD_FILES, in words, document by document."""
    before, after = read_state(base_files), read_state(head_files)
    gone = sorted(before.keys() - after.keys())
    arrived = sorted(after.keys() - before.keys())
    renamed = _renames(gone, arrived, before, after)
    documents: list[DocumentReview] = []
    for key in sorted(before.keys() | after.keys()):
        kind, doc_id = key
        if key in renamed:
            old = renamed[key]
            found = _changed(kind, doc_id, before[old], after[key], old_id=old[1])
        elif key in renamed.values():
            continue
        elif key not in before:
            data = after[key]
            broken = data.message if isinstance(data, ParseError) else None
            found = DocumentReview(
                kind,
                doc_id,
                "added",
                _title(data),
                problem=broken,
                status=(None, data.get("status")) if isinstance(data, dict) else None,
            )
        elif key not in after:
            found = DocumentReview(kind, doc_id, "removed", _title(before[key]))
        else:
            found = _changed(kind, doc_id, before[key], after[key])
        if found is not None:
            documents.append(found)
    return Review(base, head, tuple(documents))
