"""The order tests are handed to xdist workers: the longest modules first on every worker, so the run ends
on short tests.

xdist (``--dist worksteal``) gives each of N workers one contiguous block of the collected tests and then
lets idle workers take the end of a busy one's queue. This module orders the collection as N blocks of
exactly those sizes, the modules with long tests spread whole over the blocks, each block starting with
its longest. How long a test takes comes from the previous run (pytest's cache, ``pathapi/durations``);
without one, a test marked ``slow`` counts as long.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

CACHE_KEY = "pathapi/durations"
LONG = 1.0  # seconds: a test at least this long is placed first, as the slow marker places a test without history
UNKNOWN_SLOW, UNKNOWN = 2.0, 0.05


def estimates(config: pytest.Config) -> dict[str, float]:
    """Seconds each test took in the previous run, by node id (empty without pytest's cache)."""
    cache = getattr(config, "cache", None)
    stored = cache.get(CACHE_KEY, {}) if cache is not None else {}
    return stored if isinstance(stored, dict) else {}


def weight(item: pytest.Item, known: Mapping[str, float]) -> float:
    """How long ITEM is expected to take."""
    if item.nodeid in known:
        return float(known[item.nodeid])
    return UNKNOWN_SLOW if item.get_closest_marker("slow") else UNKNOWN


def block_sizes(total: int, workers: int) -> list[int]:
    """How many tests xdist's first distribution sends each worker (worksteal: an even split, in worker order)."""
    sizes = []
    for remaining in range(workers, 0, -1):
        sizes.append((total - sum(sizes)) // remaining)
    return sizes


def module_of(item: pytest.Item) -> str:
    """The test module of ITEM (its node id up to the first ``::``)."""
    return item.nodeid.split("::", 1)[0]


def blocks(items: Sequence[pytest.Item], workers: int, known: Mapping[str, float]) -> list[pytest.Item]:
    """ITEMS as WORKERS blocks: the modules holding a long test dealt whole, longest first, to the least
    loaded block with room, then the rest in order.

    A module is kept together because its module-scoped fixtures (a server stack, a browser, a built
    repository) are set up once for a run of its tests and torn down when another module's test comes
    between them: dealt test by test, each long test set its module's fixtures up again."""
    modules: dict[str, list[pytest.Item]] = {}
    for item in items:
        modules.setdefault(module_of(item), []).append(item)
    heavy = [tests for tests in modules.values() if any(weight(i, known) >= LONG for i in tests)]
    heavy.sort(key=lambda tests: -sum(weight(i, known) for i in tests))
    chosen = {id(item) for tests in heavy for item in tests}
    rest = iter([i for i in items if id(i) not in chosen])
    sizes = block_sizes(len(items), workers)
    heads: list[list[pytest.Item]] = [[] for _ in range(workers)]
    loads = [0.0] * workers
    for tests in heavy:
        left = list(tests)
        while left:  # a module larger than every block's room goes on in the next block
            room = {n: sizes[n] - len(heads[n]) for n in range(workers) if len(heads[n]) < sizes[n]}
            fits = [n for n, free in room.items() if free >= len(left)]
            target = min(fits, key=loads.__getitem__) if fits else max(room, key=room.__getitem__)
            taken, left = left[: room[target]], left[room[target] :]
            heads[target] += taken
            loads[target] += sum(weight(i, known) for i in taken)
    ordered: list[pytest.Item] = []
    for head, size in zip(heads, sizes, strict=True):
        ordered += head + [next(rest) for _ in range(size - len(head))]
    return ordered


def record(config: pytest.Config, durations: Mapping[str, float]) -> None:
    """Keep this run's durations for the next run's order (the controller only: it saw every test).

    A duration at most doubles from one run to the next: a run slowed down by a busy machine (or paused)
    cannot make a short test look long; a test that really grew is caught up with in a few runs.
    """
    cache = getattr(config, "cache", None)
    if cache is None or hasattr(config, "workerinput") or not durations:
        return
    before = estimates(config)
    now = {name: round(min(seconds, 2 * before.get(name, seconds)), 3) for name, seconds in durations.items()}
    cache.set(CACHE_KEY, {**before, **now})
