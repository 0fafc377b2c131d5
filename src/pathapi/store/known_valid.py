"""A persistent record of blobs known to pass their schema, so restarts and workers skip jsonschema.

Schema validation of a blob depends only on its bytes, the schema files, and the validating
code; the record is kept per combination of those (pathapi's and jsonschema's versions and
the schema blob ids), so it can never vouch for a blob under other schemas or other code.
The rules across documents, and each document's own rules, always run.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from importlib.metadata import version
from pathlib import Path

from pathapi import __version__

log = logging.getLogger(__name__)


def default_directory() -> Path:
    """``$XDG_CACHE_HOME/pathapi``, else ``~/.cache/pathapi``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pathapi"


class KnownValid:
    """Blob ids that passed schema validation under one set of schemas, loaded and saved as a file."""

    def __init__(self, directory: Path | None, schema_blobs: tuple[tuple[str, str], ...]) -> None:
        key = repr((__version__, version("jsonschema"), schema_blobs)).encode()
        self.file = directory / f"{hashlib.sha256(key).hexdigest()[:32]}.valid" if directory else None
        self.blobs: set[str] = set()
        self._loaded: set[str] = set()
        if self.file is not None:
            with contextlib.suppress(OSError):
                self.blobs = set(self.file.read_text().split())
            self._loaded = set(self.blobs)

    def __contains__(self, blob_id: object) -> bool:
        return blob_id in self.blobs

    def add(self, blob_id: str) -> None:
        """Record a blob that passed its schema."""
        self.blobs.add(blob_id)

    def save(self) -> None:
        """Write the record atomically when it grew; a read-only or missing directory is not an error."""
        if self.file is None or self.blobs <= self._loaded:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.file.parent, delete=False, suffix=".tmp") as out:
                out.write("\n".join(sorted(self.blobs)) + "\n")
            os.replace(out.name, self.file)
            self._loaded = set(self.blobs)
        except OSError as err:
            log.warning("cannot save the validation cache in %s: %s", self.file.parent, err)
