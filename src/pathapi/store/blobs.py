"""Read many blobs with one ``git cat-file --batch``: the floor of reading a commit's files."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING

from pathapi.store.git_values import HEX_ID, MissingObjectError

if TYPE_CHECKING:
    from pathapi.store.git import ContentRepository


def read_blobs(repo: ContentRepository, blob_ids: Sequence[str]) -> list[bytes]:
    """The bytes of every blob in BLOB_IDS, in order (one git process; MissingObjectError names a gap)."""
    return cat_file([f"--git-dir={repo.repo.git_dir}"], blob_ids)


_waiting: list[Callable[[], None]] = []  # run once, when this process next waits for git


def when_waiting(task: Callable[[], None]) -> None:
    """Run TASK (one that starts a thread) when this process next waits for git to read blobs: what the
    thread does is done while git works (``pathapi serve`` imports its web framework then)."""
    _waiting.append(task)


def forget_waiting(task: Callable[[], None]) -> None:
    """Drop TASK if it has not run (``when_waiting``)."""
    while task in _waiting:
        _waiting.remove(task)


def cat_file(where: Sequence[str], blob_ids: Sequence[str]) -> list[bytes]:
    """``read_blobs`` of the repository git finds with the options WHERE (``--git-dir=…`` or ``-C …``)."""
    if not blob_ids:
        return []
    if not all(HEX_ID.match(b) for b in blob_ids):
        raise MissingObjectError("not a blob id")
    while _waiting:
        _waiting.pop()()
    out = _batch(["git", *where, "cat-file", "--batch"], "\n".join(blob_ids).encode() + b"\n")
    offset, found = 0, []
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

    def done(self) -> bool:
        """Whether the reading has ended (``result`` then does not wait)."""
        return not self._thread.is_alive()

    def result(self) -> dict[str, bytes]:
        """Every blob's bytes, once read (MissingObjectError when git could not read them)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._found


def _batch(command: list[str], given: bytes) -> bytes:
    """What COMMAND writes, given GIVEN on stdin, when it succeeds (MissingObjectError otherwise).

    Its output goes to a temporary file, read back in one call: a pipe would hand it over in thousands
    of small reads, each waiting for this process's lock while another thread works (the import of
    the web framework during a cold start), which made reading twice as slow."""
    with contextlib.ExitStack() as stack:
        try:
            spool: IO[bytes] | None = stack.enter_context(tempfile.TemporaryFile())
        except OSError:  # no writable temporary directory: a pipe then
            spool = None
        done = subprocess.run(
            command, input=given, stdout=spool or subprocess.PIPE, stderr=subprocess.PIPE, check=False
        )
        if done.returncode != 0:
            raise MissingObjectError(f"git cat-file failed: {done.stderr.decode(errors='replace').strip()}")
        if spool is None:
            return bytes(done.stdout)
        spool.seek(0)
        return spool.read()
