"""Where documents refer to other documents, by kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pathapi.content.document import Document
from pathapi.content.kinds import KINDS, Kind


@dataclass(frozen=True)
class Reference:
    """One reference: where it sits in the source document, and what it names."""

    pointer: str
    kind: Kind
    id: str


def _ids(data: Any, field: str) -> list[Any]:
    value = data.get(field) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def references(document: Document) -> Iterator[Reference]:
    """Yield every reference a document makes, in document order."""
    data = document.data
    if document.kind is Kind.PATH:
        for field, kind in (("topics", Kind.TOPIC), ("segments", Kind.SEGMENT)):
            for i, ref in enumerate(_ids(data, field)):
                yield Reference(f"/{field}/{i}", kind, ref)
        for i, ref in enumerate(_ids(data, "related_paths")):
            yield Reference(f"/related_paths/{i}", Kind.PATH, ref)
        for p, phase in enumerate(_ids(data, "phases")):
            for s, step in enumerate(_ids(phase, "steps")):
                for c, ref in enumerate(_ids(step, "channels")):
                    yield Reference(f"/phases/{p}/steps/{s}/channels/{c}", Kind.CHANNEL, ref)
                for g, ref in enumerate(_ids(step, "segments")):
                    yield Reference(f"/phases/{p}/steps/{s}/segments/{g}", Kind.SEGMENT, ref)
    elif document.kind is Kind.CHANNEL:
        for i, ref in enumerate(_ids(data, "segments")):
            yield Reference(f"/segments/{i}", Kind.SEGMENT, ref)
    elif document.kind is Kind.TOPIC and isinstance(data.get("parent"), str):
        yield Reference("/parent", Kind.TOPIC, data["parent"])


def referenced_ids(document: Document) -> dict[Kind, set[Any]]:
    """The ids DOCUMENT refers to, by kind: what ``references`` yields, without the pointers."""
    data = document.data
    found: dict[Kind, set[Any]] = {kind: set() for kind in KINDS}
    if document.kind is Kind.PATH:
        found[Kind.TOPIC].update(_ids(data, "topics"))
        found[Kind.SEGMENT].update(_ids(data, "segments"))
        found[Kind.PATH].update(_ids(data, "related_paths"))
        channels, segments = found[Kind.CHANNEL], found[Kind.SEGMENT]
        for phase in _ids(data, "phases"):
            for step in _ids(phase, "steps"):
                if isinstance(step, dict):  # _ids inlined: a build calls this for every step
                    if isinstance(named := step.get("channels"), list):
                        channels.update(named)
                    if isinstance(named := step.get("segments"), list):
                        segments.update(named)
    elif document.kind is Kind.CHANNEL:
        found[Kind.SEGMENT].update(_ids(data, "segments"))
    elif document.kind is Kind.TOPIC and isinstance(data.get("parent"), str):
        found[Kind.TOPIC].add(data["parent"])
    return found
