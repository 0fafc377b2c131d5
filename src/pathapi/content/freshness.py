"""Fresh and owned: every document names an owner and a date by which it is reviewed again.

The day is always passed in (``today``), never read from the clock here, so that validation of
the same files gives the same answer in tests whatever the date.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from pathapi.content.document import Document, finnish_title
from pathapi.content.findings import WARNING
from pathapi.content.kinds import KIND_ORDER, Kind
from pathapi.content.lifecycle import ARCHIVED
from pathapi.content.rules import Finding, finding
from pathapi.content.scaffold import add_months

POINTER = "/owner/review_due"
RULE = "review-due"


@dataclass(frozen=True)
class Review:
    """When a document is next due for review, and who reviews it."""

    due: date
    kind: Kind
    id: str
    path: str
    title: str
    unit: str
    email: str

    def overdue(self, today: date) -> bool:
        """True once the due date has passed (the due day itself is not late)."""
        return self.due < today

    def days_late(self, today: date) -> int:
        """Days since the due date (negative while it is still ahead)."""
        return (today - self.due).days

    @property
    def owner(self) -> str:
        """The owning unit and its e-mail address, as one phrase."""
        return f"{self.unit}, {self.email}" if self.email else self.unit


def review_of(document: Document) -> Review | None:
    """The document's review, or None when it has no valid ``review_due`` or is archived."""
    owner = document.data.get("owner")
    if document.status == ARCHIVED or not isinstance(owner, dict):
        return None
    try:
        due = date.fromisoformat(str(owner.get("review_due")))
    except ValueError:
        return None  # the schema's format check names a malformed date
    return Review(
        due,
        document.kind,
        document.id,
        document.path,
        finnish_title(document.data),
        str(owner.get("unit", "")),
        str(owner.get("email", "")),
    )


def due_reviews(documents: Iterable[Document], today: date, within_days: int = 0) -> list[Review]:
    """Reviews due by TODAY plus WITHIN_DAYS (overdue ones included), oldest due date first."""
    until = today + timedelta(days=within_days)
    found = [r for d in documents if (r := d.review) is not None and r.due <= until]
    return sorted(found, key=lambda r: (r.due, KIND_ORDER[r.kind], r.id))


def overdue_findings(documents: Iterable[Document], today: date, interval_months: int = 12) -> Iterator[Finding]:
    """A warning at ``/owner/review_due`` for each document whose review is overdue on TODAY; the fix
    proposes the next due date INTERVAL_MONTHS on (the repository's ``review.interval_months``)."""
    proposed = add_months(today, interval_months).isoformat()
    for review in due_reviews(documents, today - timedelta(days=1)):
        yield finding(
            review.path,
            POINTER,
            RULE,
            "review-overdue",
            severity=WARNING,
            due=review.due.isoformat(),
            owner=review.owner,
            next=proposed,
            months=interval_months,
        )
