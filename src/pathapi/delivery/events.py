"""Release events: what a new live version changed, as the public sees it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from pathapi.content.audience import PUBLIC
from pathapi.content.kinds import Kind
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.edition import Edition
from pathapi.delivery.live_state import LiveState
from pathapi.delivery.present import public_data, stamp

log = logging.getLogger(__name__)
ORDER = (Kind.TOPIC, Kind.SEGMENT, Kind.CHANNEL, Kind.PATH)  # referenced kinds first, as in sync


class Publisher(Protocol):
    """Where events go (an EventSender); publishing never blocks."""

    def publish(self, event: dict[str, Any]) -> bool:
        """Queue EVENT for delivery; False when it had to be dropped."""


def public_changes(before: Catalog, after: Catalog) -> list[dict[str, str]]:
    """Documents added, changed or removed between two public catalogs; nothing the public cannot see."""
    changed = []
    for kind in ORDER:
        old, new = before.documents[kind], after.documents[kind]
        for doc_id in sorted(old.keys() | new.keys()):
            if doc_id not in old:
                action = "added"
            elif doc_id not in new:
                action = "removed"
            elif old[doc_id].blob_id != new[doc_id].blob_id and (
                public_data(old[doc_id], PUBLIC) != public_data(new[doc_id], PUBLIC)
            ):
                action = "changed"
            else:
                continue
            changed.append({"type": kind.value, "id": doc_id, "action": action})
    return changed


def release_event(before: Edition, state: LiveState, now: datetime) -> dict[str, Any]:
    """The event for STATE going live after BEFORE; its id is the version, so receivers can deduplicate."""
    version = state.edition.version
    return {
        "event": "release",
        "id": version,
        "version": version,
        "release": state.release,
        "changed": public_changes(before.public(now), state.edition.public(now)),
        "at": stamp(now),
    }


class ReleaseEvents:
    """Turns swaps of the live edition into release events for a publisher."""

    def __init__(self, publisher: Publisher, clock: Callable[[], datetime]) -> None:
        self.publisher = publisher
        self.clock = clock

    def released(self, before: Edition, state: LiveState) -> None:
        """STATE went live, replacing BEFORE: publish the event (errors are logged, never raised)."""
        try:
            self.publisher.publish(release_event(before, state, self.clock()))
        except Exception:  # an event must never stop the follower
            log.exception("could not build the release event for %s", state.edition.version)
