"""Read many blobs with one ``git cat-file --batch``: the floor of reading a commit's files."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Generic, TypeVar

from pathapi.store.git_values import HEX_ID, MissingObjectError

if TYPE_CHECKING:
    from pathapi.store.git import ContentRepository

T = TypeVar("T")


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


class Meanwhile(Generic[T]):
    """FUNCTION(*ARGS) run in a thread from now (a git command's wait leaves this process free):
    ``result`` waits for its value, or raises what it raised."""

    def __init__(self, function: Callable[..., T], *args: object) -> None:
        self._value: list[T] = []
        self._error: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, args=(function, args), daemon=True)
        self._thread.start()

    def _run(self, function: Callable[..., T], args: tuple[object, ...]) -> None:
        try:
            self._value.append(function(*args))
        except BaseException as err:  # raised again where the value is asked for
            self._error.append(err)

    def wait(self) -> None:
        """Wait until it is done (what it raised is kept for ``result``)."""
        self._thread.join()

    def result(self) -> T:
        self._thread.join()
        if self._error:
            raise self._error[0]
        return self._value[0]


READ_CHUNK = 500  # blobs per git process of a ReadAhead: a build checks them in ~0.15 s, git reads them in ~0.03 s


class ReadAhead:
    """BLOB_IDS read in chunks, each by a thread (``Meanwhile``), a chunk ahead of the one asked for
    (``get``): a build checking its files in order seldom waits, and what it never asks for (files a
    helper checked and sent back) is never read."""

    def __init__(self, repo: ContentRepository, blob_ids: Sequence[str], chunk: int = READ_CHUNK) -> None:
        self._repo = repo
        self._chunks = [list(blob_ids[start : start + chunk]) for start in range(0, len(blob_ids), chunk)]
        self._chunk_of = {blob_id: index for index, ids in enumerate(self._chunks) for blob_id in ids}
        self._reading: dict[int, Meanwhile[dict[str, bytes]]] = {}
        self._lock = threading.Lock()
        self._ask(0)

    def _ask(self, index: int) -> None:
        with self._lock:
            if index < len(self._chunks) and index not in self._reading:
                self._reading[index] = Meanwhile(self._read, self._chunks[index])

    def _read(self, ids: list[str]) -> dict[str, bytes]:
        return dict(zip(ids, read_blobs(self._repo, ids), strict=True))

    def finish(self) -> None:
        """Wait for the chunks being read (one read ahead may not be needed): no git process outlives the
        build (workers are forked once it is done)."""
        with self._lock:
            reading = list(self._reading.values())
        for chunk in reading:
            chunk.wait()

    def get(self, blob_id: str) -> bytes:
        """BLOB_ID's bytes, once read (MissingObjectError when git could not read them); the next chunk is
        read meanwhile."""
        index = self._chunk_of[blob_id]
        self._ask(index)
        self._ask(index + 1)
        return self._reading[index].result()[blob_id]


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
