"""An edition: one snapshot with the catalogs that answer reads from it, public and preview."""

from __future__ import annotations

import threading
from datetime import datetime
from functools import cached_property

from pathapi.content.audience import APP, PUBLIC, visible_to
from pathapi.content.lifecycle import Schedule, is_public
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.upkeep import Upkeep
from pathapi.store.snapshot import Snapshot

KEEP_EPOCHS = 2  # catalogs kept per edition: the current interval and the one before


class Edition:
    """A snapshot and its catalogs; the public one changes only at scheduled moments."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.schedule = Schedule(d for docs in snapshot.documents.values() for d in docs.values())
        self._views: dict[tuple[str, int], Catalog] = {}
        self._previews: dict[str, Catalog] = {}
        self._lock = threading.Lock()

    @property
    def version(self) -> str:
        """The commit id this edition was built from."""
        return self.snapshot.commit.sha

    @cached_property
    def upkeep(self) -> Upkeep:
        """Its scheduled moments and reviews, sorted once (what /health reports)."""
        return Upkeep(self.snapshot)

    def prepare(self, now: datetime) -> Catalog:
        """Build what the first readers at NOW would otherwise wait for (before the edition goes live):
        the public and app catalogs, and what /health reports; the public catalog."""
        public = self.public(now)
        self.view(now, APP)
        self.upkeep  # noqa: B018 (a cached property: computed here, once)
        return public

    def public(self, now: datetime) -> Catalog:
        """The website's catalog at NOW."""
        return self.view(now, PUBLIC)

    def view(self, now: datetime, audience: str) -> Catalog:
        """Documents published at NOW and meant for AUDIENCE, shared by every moment of the interval."""
        key = (audience, self.schedule.epoch(now))
        catalog = self._views.get(key)
        if catalog is None:
            with self._lock:
                catalog = self._views.get(key)
                if catalog is None:
                    catalog = Catalog(
                        self.snapshot, lambda d: is_public(d, now) and visible_to(d, audience), now, audience
                    )
                    same = sorted(k for k in self._views if k[0] == audience)
                    for old in same[: max(0, len(same) - KEEP_EPOCHS + 1)]:
                        del self._views[old]
                    self._views[key] = catalog
        return catalog

    def preview(self, audience: str = PUBLIC) -> Catalog:
        """Every document for AUDIENCE, drafts included, for editors' previews."""
        catalog = self._previews.get(audience)
        if catalog is None:
            with self._lock:
                catalog = self._previews.get(audience)
                if catalog is None:
                    catalog = Catalog(self.snapshot, lambda d: visible_to(d, audience), audience=audience)
                    self._previews[audience] = catalog
        return catalog
