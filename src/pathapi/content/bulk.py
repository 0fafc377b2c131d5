"""Work on many documents at once without the cyclic garbage collector walking them again and again.

Parsing 10,000 documents makes millions of objects that all stay alive. Every few hundred
allocations CPython's collector runs, and its older generations walk every object made so far:
on a cold build that walk cost more than the parsing itself (orjson over 10,000 generated
paths: 2.3 s with the collector, 0.3 s without). Parsed JSON holds no reference cycles, so
nothing is lost by pausing the collector while a build runs; it runs again when the last
pause ends, with a collection of what the build left behind.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

_lock = threading.Lock()
_pauses = 0  # builds running now (in any thread)
_resume = False  # whether the collector was on when the first of them started

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration (nested and concurrent pauses share one)."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


def without_collector(function: Callable[P, R]) -> Callable[P, R]:
    """FUNCTION run with the collector paused (``collector_paused``)."""

    @wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return function(*args, **kwargs)

    return paused
