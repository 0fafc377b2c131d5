"""Tools the tests fetch once (axe-core, the TypeScript compilers) into a cache outside the repository.

Several test processes may ask for the same tool at once on a fresh machine: the first takes the
directory's lock and installs, the others wait for it and then find the tool there.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def installing(directory: Path) -> Iterator[None]:
    """Hold DIRECTORY's install lock (created with the directory) for the time of the block."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
