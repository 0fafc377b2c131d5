"""Bounded caches: one small typed helper, so every cache has an owner and a bound.

Each cache keeps at most ``entries`` values and, when ``max_bytes`` is given, at most that
many bytes as ``nbytes`` estimates them; the least recently used go first. A value larger
than the whole byte budget is returned but not kept. Keys must be normalized, validated
values (never a raw query string or header of unbounded length).
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar, cast

from cachetools import LRUCache

from pathapi.delivery.representation import Representation

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
H = TypeVar("H")  # the object a cache is attached to
MB = 1024 * 1024
_MISSING: Any = object()
_LIVE: weakref.WeakSet[BoundedCache[Any, Any]] = weakref.WeakSet()


def nbytes(value: object, depth: int = 0) -> int:
    """A cheap estimate of the memory VALUE holds, counting containers a few levels deep."""
    if isinstance(value, Representation):
        return len(value.body) + len(value.etag) + 120
    if isinstance(value, bytes | str):
        return sys.getsizeof(value)
    size = sys.getsizeof(value)
    if depth >= 4:
        return size
    if isinstance(value, dict):
        return size + sum(nbytes(k, depth + 1) + nbytes(v, depth + 1) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return size + sum(nbytes(item, depth + 1) for item in value)
    return size


class BoundedCache(Generic[K, V]):
    """A thread-safe least-recently-used cache bounded in entries and, optionally, bytes."""

    def __init__(
        self, owner: str, entries: int, max_bytes: int | None = None, size: Callable[[V], int] = nbytes
    ) -> None:
        self.owner = owner
        self.entries = entries
        self.max_bytes = max_bytes
        self._data: LRUCache[K, V] = LRUCache(max_bytes, getsizeof=size) if max_bytes else LRUCache(entries)
        self._lock = threading.Lock()
        _LIVE.add(self)

    def get(self, key: K, default: V | None = None) -> V | None:
        """The value kept for KEY (now the most recently used), else DEFAULT."""
        with self._lock:
            found = self._data.get(key, _MISSING)
        return default if found is _MISSING else cast(V, found)

    def put(self, key: K, value: V) -> V:
        """Keep VALUE for KEY, dropping the least recently used beyond the bounds; return VALUE."""
        with self._lock:
            try:
                self._data[key] = value
            except ValueError:  # larger than the whole byte budget: served once, never kept
                return value
            while len(self._data) > self.entries:
                self._data.popitem()
        return value

    def get_or_compute(self, key: K, compute: Callable[[], V]) -> V:
        """The value for KEY, computed (outside the lock) and kept when missing."""
        with self._lock:
            found = self._data.get(key, _MISSING)
        if found is not _MISSING:
            return cast(V, found)
        return self.put(key, compute())

    def __getitem__(self, key: K) -> V:
        with self._lock:
            return self._data[key]

    def __setitem__(self, key: K, value: V) -> None:
        self.put(key, value)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    @property
    def size(self) -> int:
        """Estimated bytes kept (entries when the cache has no byte bound)."""
        return int(self._data.currsize)

    def clear(self) -> None:
        """Drop every entry."""
        with self._lock:
            self._data.clear()


class AttachedCache(Generic[H, K, V]):
    """One BoundedCache per object of one kind (a library, a catalog), made on first use, dropped with it.

    The module that declares it owns it: answers derived from the object, kept as long as it lives.
    """

    def __init__(self, owner: str, entries: int, max_bytes: int | None = None) -> None:
        self.owner = owner
        self.entries = entries
        self.max_bytes = max_bytes
        self._caches: weakref.WeakKeyDictionary[H, BoundedCache[K, V]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def of(self, holder: H) -> BoundedCache[K, V]:
        """HOLDER's cache."""
        found = self._caches.get(holder)
        if found is None:
            with self._lock:
                found = self._caches.get(holder)
                if found is None:
                    found = self._caches[holder] = BoundedCache(self.owner, self.entries, self.max_bytes)
        return found

    def get_or_compute(self, holder: H, key: K, compute: Callable[[], V]) -> V:
        """The value for KEY in HOLDER's cache, computed and kept when missing."""
        return self.of(holder).get_or_compute(key, compute)


def live_caches() -> list[BoundedCache[Any, Any]]:
    """Every cache alive in this process (for metrics and tests)."""
    while True:  # another thread may add a cache while the weak set is copied
        try:
            return list(_LIVE)
        except RuntimeError:
            continue
