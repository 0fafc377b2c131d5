"""The editions kept in memory: a few recent versions, least recently used first out, never the live one."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from pathapi.delivery.cache import MB, BoundedCache
from pathapi.delivery.edition import Edition
from pathapi.store.git import ContentRepository
from pathapi.store.snapshot import Rejected, Snapshot, build_snapshot

REJECTED_BOUNDS = (256, 8 * MB)  # commits that failed validation: never built twice while remembered
BuildObserver = Callable[[float, bool], None]  # seconds a build took, whether it passed (for metrics)


class Editions:
    """Builds editions from commits and keeps CAPACITY of them; remembers the commits that failed."""

    def __init__(
        self,
        repo: ContentRepository,
        capacity: int,
        cache_dir: Path | None = None,
        on_build: BuildObserver | None = None,
    ) -> None:
        self.repo = repo
        self.capacity = capacity
        self.cache_dir = cache_dir
        self.on_build = on_build
        self._kept: OrderedDict[str, Edition] = OrderedDict()
        self.rejected: BoundedCache[str, Rejected] = BoundedCache("Editions.rejected", *REJECTED_BOUNDS)
        self._lock = threading.Lock()

    def after_fork(self) -> None:
        """In a forked worker: a fresh lock (no other thread came along to hold it)."""
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._kept)

    def build(self, sha: str, live: Snapshot | None) -> Edition | Rejected:
        """The edition of commit SHA, kept or built reusing LIVE (which is never dropped)."""
        with self._lock:
            edition = self._kept.get(sha)
            if edition is not None:
                self._kept.move_to_end(sha)
                return edition
        rejected = self.rejected.get(sha)
        if rejected is not None:
            return rejected
        started = time.perf_counter()
        result = build_snapshot(self.repo, self.repo.commit(sha), live, self.cache_dir)
        if self.on_build is not None:
            self.on_build(time.perf_counter() - started, not isinstance(result, Rejected))
        if isinstance(result, Rejected):
            return self.rejected.put(sha, result)
        return self._keep(sha, Edition(result), live.commit.sha if live else None)

    def _keep(self, sha: str, built: Edition, live: str | None) -> Edition:
        """Keep BUILT (unless another thread kept SHA first), dropping the least recently used but LIVE."""
        with self._lock:
            edition = self._kept.setdefault(sha, built)
            while len(self._kept) > self.capacity:
                oldest = next(iter(self._kept))
                if oldest == live:
                    self._kept.move_to_end(oldest)
                    oldest = next(iter(self._kept))
                del self._kept[oldest]
            return edition
