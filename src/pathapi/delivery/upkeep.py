"""What /health says about a snapshot's upkeep: scheduled changes still to come and overdue reviews.

An embargoed document's existence is itself secret, and a draft's id is unreleased work, so the
public gets counts only; the preview token (editors) also gets the documents.

Both lists are sorted once per snapshot (``Upkeep``); what is still to come or overdue at a moment
is then one bisection, so a health probe costs the same with 10 or 10,000 documents.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime
from typing import Any

from pathapi.content.freshness import Review, due_reviews
from pathapi.content.lifecycle import Moment, moments
from pathapi.store.snapshot import Snapshot


class Upkeep:
    """Every scheduled moment and every review of one snapshot, in the order /health lists them."""

    def __init__(self, snapshot: Snapshot) -> None:
        documents = [d for docs in snapshot.documents.values() for d in docs.values()]
        self._moments: list[Moment] = sorted(m for d in documents for m in moments(d))  # soonest first
        self._moment_times = [m.at for m in self._moments]
        self._reviews: list[Review] = due_reviews(documents, date.max)  # oldest due date first
        self._due_dates = [r.due for r in self._reviews]

    def scheduled(self, now: datetime, detailed: bool) -> dict[str, Any]:
        """The number of scheduled moments after NOW; with DETAILED, the moments too."""
        coming = self._moments[bisect_right(self._moment_times, now) :]
        body: dict[str, Any] = {"pending": len(coming)}
        if detailed:
            body["moments"] = [
                {"type": m.kind.value, "id": m.id, "action": m.action, "at": m.at.isoformat()} for m in coming
            ]
        return body

    def reviews(self, now: datetime, detailed: bool) -> dict[str, Any]:
        """The number of documents whose review was due before NOW's day; with DETAILED, each one and its owner."""
        overdue = self._reviews[: bisect_left(self._due_dates, now.date())]  # Review.overdue: due before today
        body: dict[str, Any] = {"overdue": len(overdue)}
        if detailed:
            body["documents"] = [
                {
                    "type": r.kind.value,
                    "id": r.id,
                    "review_due": r.due.isoformat(),
                    "unit": r.unit,
                    "email": r.email or None,
                }
                for r in overdue
            ]
        return body
