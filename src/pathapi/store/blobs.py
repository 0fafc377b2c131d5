"""Read many blobs with one ``git cat-file --batch``: the floor of reading a commit's files."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pathapi.store.git_values import HEX_ID, MissingObjectError

if TYPE_CHECKING:
    from pathapi.store.git import ContentRepository


def read_blobs(repo: ContentRepository, blob_ids: Sequence[str]) -> list[bytes]:
    """The bytes of every blob in BLOB_IDS, in order (one git process; MissingObjectError names a gap)."""
    return cat_file([f"--git-dir={repo.repo.git_dir}"], blob_ids)


def cat_file(where: Sequence[str], blob_ids: Sequence[str]) -> list[bytes]:
    """``read_blobs`` of the repository git finds with the options WHERE (``--git-dir=…`` or ``-C …``)."""
    if not blob_ids:
        return []
    if not all(HEX_ID.match(b) for b in blob_ids):
        raise MissingObjectError("not a blob id")
    done = subprocess.run(
        ["git", *where, "cat-file", "--batch"],
        input="\n".join(blob_ids).encode() + b"\n",
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise MissingObjectError(f"git cat-file failed: {done.stderr.decode(errors='replace').strip()}")
    out, offset, found = done.stdout, 0, []
    for blob_id in blob_ids:
        end = out.index(b"\n", offset)
        header = out[offset:end].split()
        if len(header) != 3 or header[1] != b"blob":
            raise MissingObjectError(f"git object {blob_id} is missing or damaged")
        size = int(header[2])
        found.append(out[end + 1 : end + 1 + size])
        offset = end + 2 + size
    return found


class ReadLater:
    """BLOB_IDS read by one ``git cat-file --batch`` in a thread (a pipe's wait leaves this process free)."""

    def __init__(self, repo: ContentRepository, blob_ids: Sequence[str]) -> None:
        self._found: dict[str, bytes] = {}
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._read, args=(repo, list(blob_ids)), daemon=True)
        self._thread.start()

    def _read(self, repo: ContentRepository, blob_ids: list[str]) -> None:
        try:
            self._found = dict(zip(blob_ids, read_blobs(repo, blob_ids), strict=True))
        except Exception as err:  # raised again where the bytes are asked for
            self._error = err

    def result(self) -> dict[str, bytes]:
        """Every blob's bytes, once read (MissingObjectError when git could not read them)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._found
