"""The helper process: it checks files from the back of a build's list and writes its answers as it goes.

The build (``content.helper``) checks the same list from the front and stops where the answers
begin, so the two processes meet wherever their speeds take them. What goes out on stdout is a
series of frames (an 8-byte length, then a pickle): first the fingerprint of the schemas and limits
the helper checks with (answers are used only when the build's own are the same), then lists of
answers, a few files each. A helper started by a build reads the schema files and the files on
stdin (``main``); one with a head start read its files from git itself (``store.head_start``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import queue
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import IO, TYPE_CHECKING, Any

from pathapi.content.bulk import collector_paused
from pathapi.content.findings import Problem
from pathapi.content.limits import Limits
from pathapi.content.parsing import long_digit_run, parse_json
from pathapi.content.sources import SourceFile

if TYPE_CHECKING:
    from pathapi.content.validator import Validator

CHUNK = 24  # files per frame of answers: a few milliseconds of checking, so the build sees them soon
PIPE_SIZE = 1 << 20  # bytes the answers' pipe may hold (Linux): a head start writes before the build reads


@dataclass(frozen=True)
class Answer:
    """The helper's outcome for one file: its problems, and the document's schema version if one came of it."""

    path: str
    blob_id: str | None
    problems: tuple[Problem, ...]
    version: int | None = None  # None: no document (the file is refused)
    data: Any = None  # the document's data when orjson would not read it as the standard parser does
    valid_blob: bool = False  # passed its schema (for the record of known-valid blobs)
    source: bytes | None = None  # the file's bytes, from a helper that read them itself (the build need not)


def frame(data: bytes) -> bytes:
    """DATA with its length before it (a message on a pipe that carries more than one)."""
    return len(data).to_bytes(8, "big") + data


def fingerprint(schema_files: dict[str, bytes], limits: Limits) -> bytes:
    """What answers depend on besides a file's own bytes: the schema files and the limits."""
    return hashlib.sha256(pickle.dumps((sorted(schema_files.items()), limits))).digest()


def answer(validator: Validator, file: SourceFile, echo: bool = False) -> Answer:
    """Check FILE here (in the helper) and say what the parent needs to make its FileCheck (with ECHO, the
    file's bytes too)."""
    check = validator.check_file(file)
    source = file.data if echo else None
    if check.document is None:
        return Answer(file.path, file.blob_id, check.problems, source=source)
    # The parent reads the bytes with orjson, as check_file did, unless a long number may make it differ
    # (never in a file check_file read the fast way: ``parsing.plain_value`` made sure).
    data = parse_json(file.data) if not check.positions.plain and long_digit_run(file.data) else None
    return Answer(file.path, file.blob_id, check.problems, check.document.schema_version, data, True, source)


def _widened(out: IO[bytes]) -> IO[bytes]:
    """OUT, its pipe made to hold PIPE_SIZE bytes where the system allows (else it keeps its size)."""
    with contextlib.suppress(ImportError, AttributeError, OSError, ValueError):  # no fcntl, or no such option
        import fcntl

        fcntl.fcntl(out.fileno(), fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    return out


class _Writer:
    """Frames written to OUT by a thread: checking goes on while the build is not reading (a pipe holds
    little, and a frame of files sent back is large)."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.frames: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.broken = False
        self.thread = threading.Thread(target=self._write, daemon=True)
        self.thread.start()

    def _write(self) -> None:
        while (data := self.frames.get()) is not None:
            try:
                self.out.write(data)
                self.out.flush()
            except OSError:  # the build is done (it met this helper) or gone: nothing more is wanted
                self.broken = True
                return

    def close(self) -> None:
        """Write what is left, then end."""
        self.frames.put(None)
        self.thread.join()


def check_from_the_back(
    schema_files: dict[str, bytes],
    limits: Limits,
    parts: Iterable[Sequence[tuple[str, bytes, str | None]]],
    echo: bool = False,
) -> int:
    """Check the files (path, bytes, blob id) of PARTS, the last first, writing the answers on stdout as
    they come (with ECHO, each file's bytes too); PARTS runs back to front too (the next part may still
    be read meanwhile)."""
    from pathapi.content.validator import Validator

    writer = _Writer(_widened(sys.stdout.buffer))
    writer.frames.put(frame(fingerprint(schema_files, limits)))
    validator = None
    with collector_paused():
        for files in parts:
            for end in range(len(files), 0, -CHUNK):
                if writer.broken:
                    return 0
                if validator is None:
                    validator = Validator.for_files([SourceFile(p, d) for p, d in schema_files.items()], limits)
                batch = reversed(files[max(0, end - CHUNK) : end])
                found = [answer(validator, SourceFile(*file), echo) for file in batch]
                shallow = [tuple(getattr(a, f.name) for f in fields(a)) for a in found]  # no class of __main__
                writer.frames.put(frame(pickle.dumps(shallow)))
    writer.close()
    return 0


def main() -> int:
    """The helper a build starts: the schema files, limits and files on stdin, answers on stdout."""
    given = sys.stdin.buffer.read()
    if not given:
        return 0  # not needed after all
    schema_files, limits, files = pickle.loads(given)
    return check_from_the_back(schema_files, limits, [files])


def leave(status: int) -> None:
    """End the helper with STATUS once its answers are out, without tearing down the thousands of
    documents it made (or writing to a pipe the build has closed)."""
    with contextlib.suppress(OSError):
        sys.stdout.flush()
    os._exit(status)


if __name__ == "__main__":
    leave(main())
