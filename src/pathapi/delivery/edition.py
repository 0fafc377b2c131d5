"""An edition: one snapshot with the catalogs that answer reads from it, public and preview."""

from __future__ import annotations

import threading
from datetime import datetime

from pathapi.content.document import Document
from pathapi.content.lifecycle import Schedule, is_public
from pathapi.delivery.catalog import Catalog
from pathapi.store.snapshot import Snapshot

KEEP_EPOCHS = 2  # catalogs kept per edition: the current interval and the one before


def _everything(_document: Document) -> bool:
    return True


class Edition:
    """A snapshot and its catalogs; the public one changes only at scheduled moments."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.schedule = Schedule(d for docs in snapshot.documents.values() for d in docs.values())
        self._public: dict[int, Catalog] = {}
        self._preview: Catalog | None = None
        self._lock = threading.Lock()

    @classmethod
    def of(cls, snapshot: Snapshot) -> Edition:
        """Wrap SNAPSHOT."""
        return cls(snapshot)

    @property
    def version(self) -> str:
        """The commit id this edition was built from."""
        return self.snapshot.commit.sha

    def public(self, now: datetime) -> Catalog:
        """The catalog of documents public at NOW (shared by every moment of the same interval)."""
        epoch = self.schedule.epoch(now)
        catalog = self._public.get(epoch)
        if catalog is None:
            with self._lock:
                catalog = self._public.get(epoch)
                if catalog is None:
                    catalog = Catalog(self.snapshot, lambda d: is_public(d, now), now)
                    for old in sorted(self._public)[: max(0, len(self._public) - KEEP_EPOCHS + 1)]:
                        del self._public[old]
                    self._public[epoch] = catalog
        return catalog

    def preview(self) -> Catalog:
        """The catalog of every document, drafts included, for editors' previews."""
        if self._preview is None:
            with self._lock:
                if self._preview is None:
                    self._preview = Catalog(self.snapshot, _everything)
        return self._preview


class Live:
    """Holds the current edition; readers take one reference and use it for a whole request."""

    def __init__(self, edition: Edition) -> None:
        self._edition = edition
        self._lock = threading.Lock()

    @property
    def current(self) -> Edition:
        """The edition to answer with (one atomic attribute read)."""
        return self._edition

    def swap(self, edition: Edition) -> Edition:
        """Make EDITION current and return the one it replaced."""
        with self._lock:
            previous, self._edition = self._edition, edition
        return previous
