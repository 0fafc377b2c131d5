"""Who may see a document when: editorial status plus an optional publishing window."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from pathapi.content.document import Document, finnish_title
from pathapi.content.kinds import Kind

PUBLISHED = "published"
ARCHIVED = "archived"


def window(document: Document) -> tuple[datetime | None, datetime | None]:
    """The document's (publish_at, unpublish_at), either may be None."""
    return document.window


def is_public(document: Document, now: datetime) -> bool:
    """Published, and NOW falls inside its publishing window."""
    if document.status != PUBLISHED:
        return False
    start, end = window(document)
    return (start is None or start <= now) and (end is None or now < end)


def gone_reason(document: Document, now: datetime) -> str | None:
    """Why a document that was public is no longer: archived, or past its unpublish_at."""
    if document.status == ARCHIVED:
        return "was archived"
    _start, end = window(document)
    if document.status == PUBLISHED and end is not None and end <= now:
        return f"was unpublished at {end.isoformat()}"
    return None


@dataclass(frozen=True, order=True)
class Moment:
    """A scheduled change: at AT the document appears (``publish``) or leaves (``unpublish``)."""

    at: datetime
    action: str
    kind: Kind
    id: str
    title: str = field(default="", compare=False)


def moments(document: Document) -> list[Moment]:
    """The scheduled moments of a published document (a draft's schedule changes nothing)."""
    if document.status != PUBLISHED:
        return []
    start, end = window(document)
    if start is None and end is None:
        return []
    title = finnish_title(document.data)
    return [
        Moment(at, action, document.kind, document.id, title)
        for at, action in ((start, "publish"), (end, "unpublish"))
        if at is not None
    ]


def pending(documents: Iterable[Document], now: datetime) -> list[Moment]:
    """Scheduled moments after NOW, soonest first."""
    return sorted(m for d in documents for m in moments(d) if m.at > now)


class Schedule:
    """The moments at which the public set of a snapshot's documents changes."""

    def __init__(self, documents: Iterable[Document]) -> None:
        moments = {m for d in documents if d.status == PUBLISHED for m in window(d) if m is not None}
        self.moments: tuple[datetime, ...] = tuple(sorted(moments))

    def epoch(self, now: datetime) -> int:
        """Index of the interval between moments that NOW falls in; constant visibility within."""
        return bisect_right(self.moments, now)

    def interval_start(self, now: datetime) -> datetime | None:
        """The last moment at or before NOW (None before the first): visibility is the same from then to NOW."""
        index = bisect_right(self.moments, now)
        return self.moments[index - 1] if index else None

    def next_change(self, now: datetime) -> datetime | None:
        """The first moment after NOW at which visibility changes, if any."""
        index = bisect_right(self.moments, now)
        return self.moments[index] if index < len(self.moments) else None
