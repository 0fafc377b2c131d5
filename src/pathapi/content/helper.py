"""Check many files in two processes: a helper (a fresh interpreter) checks part of them meanwhile.

A cold build checks every file of a commit, one at a time, in pure Python; on a machine with
more than one CPU a helper process checks a share of them in parallel. It gets the schema files'
bytes and its files' bytes on stdin and answers, per file, the problems and whether a document
came of it; this process makes the documents again from the bytes (orjson, or the standard
parser where the helper says they differ). Nothing depends on the helper: when it cannot start,
fails or answers something else, this process checks its files itself. The record of blobs known
to be valid (``store.known_valid``) is not sent: the helper checks its files in full.
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
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from pathapi.content.helper_process import Answer
from pathapi.content.kinds import locate
from pathapi.content.limits import Limits
from pathapi.content.sources import SourceFile

if TYPE_CHECKING:
    from pathapi.content.checks import FileCheck
    from pathapi.content.validator import Validator

MIN_FILES = 1000  # fewer files than this are checked here: a helper's start would cost more than it saves
SHARE = 0.5  # of the unknown files, what the helper checks
EARLY_SHARE = 0.55  # what a helper started ahead of the build checks (``adopt``): it started sooner
HELD_WAIT = 120.0  # seconds a helper started early may take to say which files it read (once git has read them)
ANSWER_WAIT, ANSWER_WAIT_PER_FILE = 60.0, 0.05  # seconds its answers may take: a hundred times what they do
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
    """Keep PROCESS, a helper started ahead of the first build (``store.head_start``), for that build;
    it checks the larger share EARLY_SHARE, having started sooner."""
    discard_early()
    _early.append(process)
    atexit.register(discard_early)


def _close(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):
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


def _read(stream: IO[bytes], size: int | None, seconds: float) -> bytes | None:
    """SIZE bytes of STREAM (None: all, to its end) within SECONDS, else None: a helper that hangs (never
    seen, but a start that waits for ever would be worse) is given up, and its files are checked here."""
    fd, chunks, got = stream.fileno(), list[bytes](), 0
    deadline = time.monotonic() + seconds
    while size is None or got < size:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 1 << 20 if size is None else min(1 << 20, size - got))
        if not chunk:
            return b"".join(chunks) if size is None else None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _held(process: subprocess.Popen[bytes]) -> frozenset[tuple[str, str]] | None:
    """The (path, blob id) of the files a helper with a head start read itself (its first message);
    None when it says nothing in HELD_WAIT seconds."""
    assert process.stdout is not None
    try:
        head = _read(process.stdout, 8, HELD_WAIT)
        body = None if head is None else _read(process.stdout, int.from_bytes(head, "big"), HELD_WAIT)
        return None if body is None else frozenset(pickle.loads(body))
    except Exception:  # no such message (it failed): it is sent every file's bytes, and answers() will tell
        return frozenset()


class Helper:
    """A helper process checking FILES against SCHEMA_FILES; its answers are read once, after the rest is done.

    A helper with a head start (PROCESS, ``store.head_start``) first says which files it read itself:
    their bytes are not sent again."""

    def __init__(
        self,
        schema_files: dict[str, bytes],
        limits: Limits,
        files: Sequence[SourceFile],
        process: subprocess.Popen[bytes] | None = None,
    ) -> None:
        self.files = files
        held = _held(process) if process is not None else frozenset()
        if held is None:  # the helper started early hangs: a fresh one takes its place
            assert process is not None
            _close(process)
            process, held = None, frozenset()
        self.process = process or start()
        sent = [(f.path, None if (f.path, f.blob_id) in held else f.data, f.blob_id) for f in files]
        payload = pickle.dumps((schema_files, limits, sent))
        self.sender = threading.Thread(target=self._send, args=(payload,), daemon=True)
        self.sender.start()

    def _send(self, payload: bytes) -> None:
        assert self.process.stdin is not None
        with contextlib.suppress(OSError):  # the helper is gone: answers() will say so
            self.process.stdin.write(payload)
        with contextlib.suppress(OSError):  # a broken pipe's buffer cannot be flushed: closed all the same
            self.process.stdin.close()

    def ready(self) -> bool:
        """Whether the helper has begun to answer (or ended)."""
        assert self.process.stdout is not None
        return bool(select.select([self.process.stdout], [], [], 0)[0])

    def answers(self) -> list[Answer] | None:
        """The helper's answers, one per file in order; None when it failed."""
        assert self.process.stdout is not None
        try:
            out = _read(self.process.stdout, None, ANSWER_WAIT + ANSWER_WAIT_PER_FILE * len(self.files))
            if out is None:
                raise TimeoutError("the helper did not answer in time")
            status = self.process.wait()
            self.sender.join()
            found = [Answer(*fields) for fields in pickle.loads(out)] if status == 0 else None
        except Exception:  # whatever went wrong there, the files are checked here
            self.process.kill()
            self.process.wait()
            return None
        finally:
            self.process.stdout.close()
        if found is None or [a.path for a in found] != [f.path for f in self.files]:
            return None
        return found


def parse_while_waiting(helper: Helper, files: Sequence[SourceFile]) -> dict[str, Any]:
    """FILES read with orjson (those it reads) until HELPER begins to answer: what file_check would do later."""
    parsed: dict[str, Any] = {}
    for index, file in enumerate(files):
        if index % 100 == 0 and helper.ready():
            break
        with contextlib.suppress(orjson.JSONDecodeError):
            parsed[file.path] = orjson.loads(file.data)
    return parsed


def file_check(validator: Validator, file: SourceFile, answer: Answer, parsed: Any = None) -> FileCheck:
    """The FileCheck of FILE from the helper's ANSWER, with its document made here (from PARSED, its bytes
    already read with orjson, if given)."""
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
        data = orjson.loads(file.data) if parsed is None else parsed
    if answer.version != CURRENT:
        data = upgrade(kind, data, answer.version)
    return FileCheck(
        file, Document(kind, doc_id, file.path, data, file.blob_id, answer.version), answer.problems, positions
    )


def check_all(validator: Validator, files: Sequence[SourceFile]) -> dict[str, FileCheck]:
    """``validator.check_file`` of every file of FILES, a share of them checked by a helper when worth it."""
    known = validator.known_valid
    unknown = [f for f in files if known is None or f.blob_id is None or f.blob_id not in known]
    schema_files = getattr(validator, "schema_files", None)
    if schema_files is None or not wanted(len(unknown)):
        discard_early()
        return {f.path: validator.check_file(f) for f in files}
    early = _take_early()
    share = unknown[len(unknown) - int(len(unknown) * (SHARE if early is None else EARLY_SHARE)) :]
    helper = Helper(schema_files, validator.limits, share, early)
    theirs = {f.path for f in share}
    checks = {f.path: validator.check_file(f) for f in files if f.path not in theirs}
    parsed = parse_while_waiting(helper, share)
    answers = helper.answers()
    if answers is None:  # the helper failed: check its share here
        checks.update((f.path, validator.check_file(f)) for f in share)
    else:
        checks.update(
            (f.path, file_check(validator, f, a, parsed.get(f.path))) for f, a in zip(share, answers, strict=True)
        )
    return {f.path: checks[f.path] for f in files}
