"""Presenters: the public JSON shape of each document, localized into one language."""

from __future__ import annotations

from typing import Any

from pathapi.content.document import Document
from pathapi.content.kinds import Kind
from pathapi.delivery.localize import DEFAULT_LANGUAGE, localize

API_PREFIX = "/v1"
# Fields for professionals only: they reach intranets, never the public API.
INTERNAL_STEP_FIELDS = ("professional_notes",)
INTERNAL_SWIMLANES = ("professional",)
SUMMARY_FIELDS = ("level", "title", "summary", "topics", "segments", "target_groups")


def served_language(document: Document, language: str) -> str:
    """LANGUAGE when the document is written in it, else Finnish."""
    return language if language in document.languages else DEFAULT_LANGUAGE


def href(kind: Kind, doc_id: str) -> str:
    """The API URL of a document."""
    return f"{API_PREFIX}/{kind.folder}/{doc_id}"


def _public_step(step: dict[str, Any]) -> dict[str, Any]:
    public = {k: v for k, v in step.items() if k not in INTERNAL_STEP_FIELDS}
    lanes = step.get("swimlanes")
    if isinstance(lanes, dict):
        kept = {k: v for k, v in lanes.items() if k not in INTERNAL_SWIMLANES}
        if kept:
            public["swimlanes"] = kept
        else:
            public.pop("swimlanes")
    return public


def public_data(document: Document) -> dict[str, Any]:
    """The document's data without ``$schema`` and without professional-only fields."""
    data = {k: v for k, v in document.data.items() if k != "$schema"}
    if document.kind is Kind.PATH:
        data["phases"] = [
            {**phase, "steps": [_public_step(step) for step in phase["steps"]]}
            for phase in data["phases"]
        ]
    return data


def present(document: Document, language: str) -> dict[str, Any]:
    """A whole document in LANGUAGE (falling back to Finnish), as the API serves it."""
    served = served_language(document, language)
    body = localize(public_data(document), served)
    return {"id": document.id, "type": document.kind.value, "language": served, **body}


def summarize(document: Document, language: str) -> dict[str, Any]:
    """A path's list entry: what a topic page needs to show and link to it."""
    served = served_language(document, language)
    fields = {k: document.data[k] for k in SUMMARY_FIELDS if k in document.data}
    return {
        "id": document.id,
        "type": document.kind.value,
        "language": served,
        **localize(fields, served),
        "href": href(document.kind, document.id),
    }
