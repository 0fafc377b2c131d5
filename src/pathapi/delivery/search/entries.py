"""What search reads of each document: its searchable fields, where they sit, and its filters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from pathapi.content.audience import INTRANET
from pathapi.content.document import Document
from pathapi.content.kinds import Kind
from pathapi.delivery.cache import BoundedCache
from pathapi.delivery.present import present

SEARCHED = (Kind.PATH, Kind.CHANNEL, Kind.TOPIC)  # also the order of equal scores
INTRANET_LINK_KEYS = ("internal_name", "ims_id")  # a link's name among staff, its IMS process id (schema 3)
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKDOWN_MARKS = re.compile(r"[*_`#>]+|^\s*[-+]\s+|^\s*\d+\.\s+", re.MULTILINE)
# How much a word weighs by where it stands.
FIELD_WEIGHTS = {
    "title": 3.0,
    "summary": 1.5,
    "description": 1.2,
    "step_title": 2.0,
    "body": 1.0,
    "customer_action": 1.2,
    "link": 1.5,
    # Intranet only: what professionals read beside the customer's text.
    "professional_notes": 1.0,
    "professional_lane": 1.0,
    "critical_point": 0.8,
}


def plain(text: str) -> str:
    """Markdown reduced to the words a person reads."""
    return " ".join(MARKDOWN_MARKS.sub(" ", MARKDOWN_LINK.sub(r"\1", text)).split())


@dataclass(frozen=True, slots=True)
class Field:
    """One searchable text of a document: what it is, what it says, and (for steps) where."""

    name: str
    text: str
    phase: str | None = None
    step: str | None = None
    step_title: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A searchable document in one language: identity, served language, fields and filter values."""

    kind: Kind
    id: str
    title: str
    language: str
    fallback: bool
    fields: tuple[Field, ...]
    topics: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    parent: str | None = None


# Entries of unchanged documents are reused by the next version's index (keyed by git blob id).
_ENTRIES: BoundedCache[tuple[str, str, str, str, str], Entry] = BoundedCache("search.entries", 60_000)


def entries_for(documents: Iterable[Document], language: str, audience: str) -> list[Entry]:
    """The searchable form of each document, reusing those of documents whose blob is unchanged."""
    found = []
    for document in documents:
        if document.blob_id is None:  # a working-tree file: nothing to key it by
            found.append(entry_for(document, language, audience))
            continue
        key = (document.blob_id, document.kind.value, document.id, language, audience)
        found.append(_ENTRIES.get_or_compute(key, partial(entry_for, document, language, audience)))
    return found


def entry_for(document: Document, language: str, audience: str) -> Entry:
    """The searchable form of DOCUMENT as AUDIENCE sees it in LANGUAGE."""
    shown = present(document, language, audience)
    served = str(shown["language"])
    title = str(shown.get("title") or shown.get("name") or document.id)
    fallback = served != language
    if document.kind is Kind.PATH:
        return Entry(
            document.kind,
            document.id,
            title,
            served,
            fallback,
            _path_fields(shown, audience),
            topics=tuple(shown.get("topics", ())),
            segments=tuple(shown.get("segments", ())),
            channels=_step_channels(shown),
        )
    fields = [Field("title", title)]
    if shown.get("description"):
        fields.append(Field("description", plain(str(shown["description"]))))
    parent = shown.get("parent") if document.kind is Kind.TOPIC else None
    return Entry(
        document.kind, document.id, title, served, fallback, tuple(fields), parent=str(parent) if parent else None
    )


def _path_fields(doc: dict[str, Any], audience: str) -> tuple[Field, ...]:
    fields = [Field("title", doc["title"]), Field("summary", plain(doc["summary"]))]
    for phase in doc["phases"]:
        for step in phase["steps"]:
            where = {"phase": phase["id"], "step": step["id"], "step_title": step["title"]}
            fields.append(Field("step_title", step["title"], **where))
            fields.append(Field("body", plain(step["body"]), **where))
            fields.append(Field("customer_action", step["customer_action"], **where))
            fields += [Field("link", link["title"], **where) for link in step.get("links", [])]
            if audience == INTRANET:
                fields += [Field(name, plain(text), **where) for name, text in _professional_texts(step)]
                fields += [
                    Field("link", str(link[key]), **where)
                    for link in step.get("links", [])
                    for key in INTRANET_LINK_KEYS
                    if link.get(key)
                ]
    return tuple(fields)


def _professional_texts(step: dict[str, Any]) -> list[tuple[str, str]]:
    """What professionals read in a step as the intranet view presents it: notes, their lane, critical points."""
    found = [
        ("professional_notes", step.get("professional_notes")),
        ("professional_lane", (step.get("swimlanes") or {}).get("professional")),
    ]
    for point in step.get("critical_points", []):
        # Every text of a point: its description and whatever else it says (a professional action).
        found += [("critical_point", text) for key, text in point.items() if key != "kind" and isinstance(text, str)]
    return [(name, text) for name, text in found if isinstance(text, str) and text.strip()]


def _step_channels(doc: dict[str, Any]) -> tuple[str, ...]:
    found = {c for phase in doc["phases"] for step in phase["steps"] for c in step.get("channels", [])}
    return tuple(sorted(found))
