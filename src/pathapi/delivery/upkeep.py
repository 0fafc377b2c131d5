"""What /health says about a snapshot's upkeep: scheduled changes still to come and overdue reviews.

An embargoed document's existence is itself secret, and a draft's id is unreleased work, so the
public gets counts only; the preview token (editors) also gets the documents.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pathapi.content.freshness import due_reviews
from pathapi.content.lifecycle import pending
from pathapi.store.snapshot import Snapshot


def scheduled(snapshot: Snapshot, now: datetime, detailed: bool) -> dict[str, Any]:
    """The number of scheduled moments after NOW; with DETAILED, the moments too."""
    moments = pending((d for docs in snapshot.documents.values() for d in docs.values()), now)
    body: dict[str, Any] = {"pending": len(moments)}
    if detailed:
        body["moments"] = [
            {"type": m.kind.value, "id": m.id, "action": m.action, "at": m.at.isoformat()} for m in moments
        ]
    return body


def reviews(snapshot: Snapshot, now: datetime, detailed: bool) -> dict[str, Any]:
    """The number of documents whose review was due before NOW's day; with DETAILED, each one and its owner."""
    today = now.date()
    overdue = [
        r
        for r in due_reviews((d for docs in snapshot.documents.values() for d in docs.values()), today)
        if r.overdue(today)
    ]
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
