"""Which versions the workers of one ``pathapi serve`` answer with right now.

Workers are replaced one at a time when a new version goes live (pathapi.serving.prefork): for a
moment old and new workers answer side by side. Each worker notes its pid and version in the
server's runtime directory when it is forked; ``/health`` lists the versions of the workers
still alive, so it never claims a rollout is done while an old worker still serves.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from pathapi.serving.rundir import VARIABLE

FOLDER = "workers"


def _directory() -> Path | None:
    configured = os.environ.get(VARIABLE)
    return Path(configured) / FOLDER if configured else None


def register(version: str) -> None:
    """Note that this process (a freshly forked worker) answers with VERSION."""
    directory = _directory()
    if directory is None:
        return
    directory.mkdir(exist_ok=True)
    (directory / str(os.getpid())).write_text(version)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def serving() -> list[str]:
    """The versions of the live workers (sorted); notes of workers that ended are removed."""
    directory = _directory()
    if directory is None or not directory.is_dir():
        return []
    versions = set()
    for note in directory.iterdir():
        if not note.name.isdigit() or not _alive(int(note.name)):
            with contextlib.suppress(OSError):
                note.unlink()
            continue
        with contextlib.suppress(OSError):
            versions.add(note.read_text().strip())
    return sorted(versions)
