"""Files of a content repository, read from a directory; git commits are read by the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR


@dataclass(frozen=True)
class SourceFile:
    """One file's repository-relative POSIX path, its bytes and, from git, its blob id."""

    path: str
    data: bytes
    blob_id: str | None = None


class PendingFile(SourceFile):
    """A SourceFile whose bytes may still be on their way: ``data`` asks ARRIVING for them (it waits while
    git reads them, or raises what stopped the reading). A large build checks its first files while git
    reads the next ones."""

    _arriving: Callable[[str], bytes]

    def __init__(self, path: str, blob_id: str, arriving: Callable[[str], bytes]) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "blob_id", blob_id)
        object.__setattr__(self, "_arriving", arriving)

    @property
    def data(self) -> bytes:
        assert self.blob_id is not None
        return self._arriving(self.blob_id)


def find_root(directory: Path) -> Path:
    """Return the repository root for DIR: DIR itself when it holds content/, else its parent."""
    if (directory / CONTENT_DIR).is_dir():
        return directory
    if directory.name == CONTENT_DIR:
        return directory.parent
    return directory


def find_repository(start: Path) -> Path | None:
    """The content repository holding START (a file or folder): the nearest folder with ``content/``."""
    here = start.resolve()
    if here.name == CONTENT_DIR and here.is_dir():
        return here.parent
    for folder in (here if here.is_dir() else here.parent, *(here if here.is_dir() else here.parent).parents):
        if (folder / CONTENT_DIR).is_dir():
            return folder
    return None


def read_directory(root: Path) -> list[SourceFile]:
    """Read every file under ``content/`` and every ``schemas/*.json`` below ROOT."""
    files: list[SourceFile] = []
    for folder in (CONTENT_DIR, SCHEMA_DIR):
        base = root / folder
        if not base.is_dir():
            continue
        for file in sorted(base.rglob("*")):
            if file.is_file() and not file.name.startswith("."):
                files.append(SourceFile(file.relative_to(root).as_posix(), file.read_bytes()))
    return files
