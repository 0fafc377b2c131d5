"""Presenters: the public JSON shape of each document, localized into one language."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from pathapi.content.audience import PUBLIC, project
from pathapi.content.document import Document
from pathapi.content.kinds import Kind
from pathapi.delivery.localize import DEFAULT_LANGUAGE, localize

API_PREFIX = "/v1"
SUMMARY_FIELDS = ("level", "title", "summary", "topics", "segments", "target_groups")


def served_language(document: Document, language: str) -> str:
    """LANGUAGE when the document is written in it, else Finnish."""
    return language if language in document.languages else DEFAULT_LANGUAGE


def href(kind: Kind, doc_id: str, language: str | None = None, pinned: tuple[tuple[str, str], ...] = ()) -> str:
    """The API URL of a document; with LANGUAGE and PINNED (version or ref) it keeps the reader's context."""
    query = urlencode([*([("lang", language)] if language else []), *pinned])
    return f"{API_PREFIX}/{kind.folder}/{doc_id}" + (f"?{query}" if query else "")


# Stored fields renamed in delivery: "type" always names the document kind in responses.
DELIVERED_NAMES: dict[Kind, dict[str, str]] = {Kind.CHANNEL: {"type": "channel_type"}}


def public_data(document: Document, audience: str = PUBLIC) -> dict[str, Any]:
    """The document's data as AUDIENCE may see it, without ``$schema``, fields named as delivered."""
    names = DELIVERED_NAMES.get(document.kind, {})
    data = {names.get(k, k): v for k, v in document.data.items() if k != "$schema"}
    return project(data, audience)


def stamp(moment: datetime) -> str:
    """MOMENT as delivered: RFC 3339 in UTC, to the second (``2026-11-20T09:30:00Z``)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _updated(updated_at: datetime | None) -> dict[str, str]:
    return {"updated_at": stamp(updated_at)} if updated_at is not None else {}


def present(
    document: Document, language: str, audience: str = PUBLIC, updated_at: datetime | None = None
) -> dict[str, Any]:
    """A whole document in LANGUAGE (falling back to Finnish), as AUDIENCE sees it."""
    served = served_language(document, language)
    body = localize(public_data(document, audience), served)
    return {"id": document.id, "type": document.kind.value, "language": served, **_updated(updated_at), **body}


def summarize(
    document: Document, language: str, updated_at: datetime | None = None, pinned: tuple[tuple[str, str], ...] = ()
) -> dict[str, Any]:
    """A path's list entry: what a topic page needs to show and link to it."""
    served = served_language(document, language)
    fields = {k: document.data[k] for k in SUMMARY_FIELDS if k in document.data}
    return {
        "id": document.id,
        "type": document.kind.value,
        "language": served,
        **_updated(updated_at),
        **localize(fields, served),
        "href": href(document.kind, document.id, language, pinned),
    }
