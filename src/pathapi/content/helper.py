"""Check many files in two processes: a helper (a fresh interpreter) checks them from the back meanwhile.

A cold build checks every file of a commit, one at a time, in pure Python; on a machine with
more than one CPU a helper process checks the same list from its end (``helper_process``) while
this process checks it from the front, taking the helper's answers as they arrive and skipping
the files they cover: the two meet wherever their speeds take them, and neither waits for the
other. This process makes the documents again from the bytes (orjson, or the standard parser
where the helper says they differ). Nothing depends on the helper: when it cannot start, fails,
hangs or answers for other schemas, this process checks the files itself. The record of blobs
known to be valid (``store.known_valid``) is not sent: the helper checks its files in full.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import select
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from pathapi.content.helper_process import Answer, fingerprint
from pathapi.content.kinds import locate
from pathapi.content.limits import Limits
from pathapi.content.sources import SourceFile

if TYPE_CHECKING:
    from pathapi.content.checks import FileCheck
    from pathapi.content.validator import Validator

MIN_FILES = 1000  # fewer files than this are checked here: a helper's start would cost more than it saves
REACH = 0.75  # of the unknown files, the last ones a helper may check (it seldom gets past 65 % of them)
TAKE_READS = 16  # reads of the helper's pipe at one look (a megabyte each), at most
POLL = 32  # files this process checks between two looks at the helper's answers (a look lets other threads in)
ENVIRONMENT = "PATHAPI_VALIDATION_HELPER"  # "0": never start one (e.g. a machine with one CPU for this service)


def wanted(count: int, min_files: int = MIN_FILES) -> bool:
    """Whether checking COUNT files is worth a helper on this machine."""
    if os.environ.get(ENVIRONMENT, "") == "0" or count < min_files:
        return False
    return len(os.sched_getaffinity(0)) > 1 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) > 1


def start(module: str = "pathapi.content.helper_process", *args: str) -> subprocess.Popen[bytes]:
    """A helper process running MODULE (with ARGS); it imports the validator at once, then waits for its
    files on stdin (``main``)."""
    source = str(Path(__file__).resolve().parents[2])  # the directory holding the pathapi package
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )


_early: list[subprocess.Popen[bytes]] = []  # a helper started ahead of the first build (at most one)


def adopt(process: subprocess.Popen[bytes]) -> None:
    """Keep PROCESS, a helper started ahead of the first build (``store.head_start``), for that build."""
    discard_early()
    _early.append(process)
    atexit.register(discard_early)


def _close(process: subprocess.Popen[bytes], stdin: bool = True) -> None:
    """End PROCESS and close its pipes (not STDIN when a thread of ours may still be writing to it)."""
    with contextlib.suppress(OSError):
        process.kill()
    process.wait()
    for stream in (process.stdin if stdin else None, process.stdout):
        if stream is not None:
            stream.close()


def has_early() -> bool:
    """Whether a helper started ahead of the first build waits for it (``adopt``)."""
    return bool(_early)


def discard_early() -> None:
    """End a helper started early that no build took (a small commit, or every blob known valid)."""
    while _early:
        _close(_early.pop())


def _take_early() -> subprocess.Popen[bytes] | None:
    """The helper started early, if it is still waiting for its files."""
    process = _early.pop() if _early else None
    if process is not None and process.poll() is not None:
        _close(process)  # it failed to start: a new one will do
        return None
    return process


class Helper:
    """A helper process checking files from the back of a build's list: ``take`` gives its answers so far.

    A helper with a head start (PROCESS, ``store.head_start``) read its files itself; a new one is
    sent FILES (with SCHEMA_FILES and LIMITS). Its answers count only when its fingerprint (the first
    frame) is that of SCHEMA_FILES and LIMITS."""

    def __init__(
        self,
        schema_files: dict[str, bytes],
        limits: Limits,
        files: Sequence[SourceFile] = (),
        process: subprocess.Popen[bytes] | None = None,
    ) -> None:
        self.process = process or start()
        self.expected = fingerprint(schema_files, limits)
        self.trusted = False  # until its fingerprint is read
        self.gone = False
        self._buffer = bytearray()
        payload = pickle.dumps((schema_files, limits, [(f.path, f.data, f.blob_id) for f in files]))
        self.sender = threading.Thread(target=self._send, args=(payload if process is None else b"",), daemon=True)
        self.sender.start()

    def _send(self, payload: bytes) -> None:
        assert self.process.stdin is not None
        with contextlib.suppress(OSError):  # the helper is gone: take() will see it
            self.process.stdin.write(payload)
        with contextlib.suppress(OSError):  # a broken pipe's buffer cannot be flushed: closed all the same
            self.process.stdin.close()

    def take(self) -> list[Answer]:
        """The answers written since the last call; never waits (an empty list when none came)."""
        if self.gone:
            return []
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        try:
            for _ in range(TAKE_READS):
                if not select.select([fd], [], [], 0)[0]:
                    break
                chunk = os.read(fd, 1 << 20)
                if not chunk:  # it ended: what it wrote is still read below
                    self.gone = True
                    break
                self._buffer += chunk
            return self._frames()
        except Exception:  # whatever it wrote, this process checks the rest itself
            self.close()
            return []

    def _frames(self) -> list[Answer]:
        """The answers of the whole frames in the buffer (its first frame is the fingerprint)."""
        found: list[Answer] = []
        buffer, offset = memoryview(self._buffer), 0
        try:
            while len(buffer) - offset >= 8:
                size = int.from_bytes(buffer[offset : offset + 8], "big")
                if len(buffer) - offset - 8 < size:
                    break
                with buffer[offset + 8 : offset + 8 + size] as body:  # released before the buffer shrinks
                    offset += 8 + size
                    if self.trusted:
                        found += [Answer(*fields) for fields in pickle.loads(body)]
                    elif body == self.expected:
                        self.trusted = True
                    else:  # other schemas or limits than this build's: none of its answers count
                        self.gone = True
                        break
        finally:
            buffer.release()
        del self._buffer[:offset]
        if self.gone and not self.trusted:
            self.close()
        return found

    def close(self) -> None:
        """End the helper (its remaining answers are not needed); its stdin is closed by the thread writing to
        it, which a write to a pipe that nobody reads would block."""
        self.gone = True
        _close(self.process, stdin=False)


def file_check(validator: Validator, file: SourceFile, answer: Answer) -> FileCheck:
    """The FileCheck of FILE from the helper's ANSWER, with its document made here from FILE's bytes."""
    from pathapi.content.checks import FileCheck
    from pathapi.content.document import Document
    from pathapi.content.positions import Positions
    from pathapi.content.versions import CURRENT, upgrade

    located = locate(file.path)
    if answer.version is None or located is None:
        return FileCheck(file, None, answer.problems, Positions(file.data))  # decoded only if asked for
    positions = Positions(file.data, plain=True)  # a document came of it: JSON, no key repeated
    if answer.valid_blob and validator.known_valid is not None and file.blob_id is not None:
        validator.known_valid.add(file.blob_id)
    kind, doc_id = located
    data = answer.data
    if data is None:  # orjson reads it as the standard parser does
        data = orjson.loads(file.data)
    if answer.version != CURRENT:
        data = upgrade(kind, data, answer.version)
    return FileCheck(
        file, Document(kind, doc_id, file.path, data, file.blob_id, answer.version), answer.problems, positions
    )


def check_all(validator: Validator, files: Sequence[SourceFile]) -> dict[str, FileCheck]:
    """``validator.check_file`` of every file of FILES, those at the back checked by a helper when worth it."""
    known = validator.known_valid
    unknown = [f for f in files if known is None or f.blob_id is None or f.blob_id not in known]
    schema_files = getattr(validator, "schema_files", None)
    if schema_files is None or not wanted(len(unknown)):
        discard_early()
        return {f.path: validator.check_file(f) for f in files}
    early = _take_early()
    reach = [] if early is not None else unknown[len(unknown) - int(len(unknown) * REACH) :]
    try:
        helper = Helper(schema_files, validator.limits, reach, early)
    except OSError:  # no process could be started (a limit on processes, no interpreter to run): alone then
        return {f.path: validator.check_file(f) for f in files}
    try:
        return _meet(validator, files, helper)
    finally:
        helper.close()


def _meet(validator: Validator, files: Sequence[SourceFile], helper: Helper) -> dict[str, FileCheck]:
    """Check FILES from the front, skipping those HELPER answered for (from the back) by the time they come."""
    by_path = {f.path: f for f in files}
    checks: dict[str, FileCheck] = {}
    for index, file in enumerate(files):
        if index % POLL == 0:
            for found in helper.take():
                mine = by_path.get(found.path)
                if mine is None or mine.blob_id != found.blob_id or mine.path in checks:
                    continue  # not a file of this build (or not these bytes), or checked here already
                if found.source is not None:  # the helper read the bytes itself: they need not be read here
                    mine = SourceFile(mine.path, found.source, mine.blob_id)
                checks[mine.path] = _primed(file_check(validator, mine, found))
        if file.path not in checks:
            checks[file.path] = _primed(validator.check_file(file))
    return {f.path: checks[f.path] for f in files}


def _primed(check: FileCheck) -> FileCheck:
    """CHECK, its document primed (``Document.prime``): what the build does once all are checked is
    less when done here, while the helper works too."""
    if check.document is not None:
        check.document.prime()
    return check
