"""Document kinds and where their files live in a content repository."""

from __future__ import annotations

import re
from enum import StrEnum

CONTENT_DIR = "content"
SCHEMA_DIR = "schemas"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Kind(StrEnum):
    """A document type; each has a folder under ``content/`` and a schema file."""

    PATH = "path"
    CHANNEL = "channel"
    SEGMENT = "segment"
    TOPIC = "topic"

    @property
    def folder(self) -> str:
        """Folder name under ``content/`` (plural), also the API collection name."""
        return f"{self.value}s"

    @property
    def schema_file(self) -> str:
        """Schema file name under ``schemas/``."""
        return f"{self.value}.schema.json"


KIND_BY_FOLDER = {kind.folder: kind for kind in Kind}
KINDS = tuple(Kind)  # every kind, in the order lists name them (a tuple: iterating an enum is slow)
KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}


def locate(path: str) -> tuple[Kind, str] | None:
    """Return (kind, id) for a repository-relative ``content/<folder>/<id>.json`` path."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != CONTENT_DIR or not parts[2].endswith(".json"):
        return None
    kind = KIND_BY_FOLDER.get(parts[1])
    if kind is None:
        return None
    return kind, parts[2].removesuffix(".json")
