"""The edition being served: one snapshot and its catalog, swapped as a single reference."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from pathapi.delivery.catalog import Catalog
from pathapi.store.snapshot import Snapshot


@dataclass(frozen=True)
class Edition:
    """A snapshot with the catalog that answers public reads from it."""

    snapshot: Snapshot
    catalog: Catalog

    @classmethod
    def of(cls, snapshot: Snapshot) -> Edition:
        """Wrap SNAPSHOT with a fresh public catalog."""
        return cls(snapshot, Catalog(snapshot))

    @property
    def version(self) -> str:
        """The commit id this edition was built from."""
        return self.snapshot.commit.sha


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
