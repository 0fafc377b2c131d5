"""A helper process checking a share of the files changes nothing: the same report, documents and record
of known-valid blobs as checking every file here, on valid and broken files alike, and when it fails."""

from __future__ import annotations

import hashlib
import json
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bench.generate import documents

from pathapi.content import helper, helper_process
from pathapi.content.checks import Validation
from pathapi.content.sources import SourceFile, read_directory
from pathapi.content.validator import Validator
from tests.support import ROOT

CASES = ROOT / "tests" / "cases"


def corpus() -> list[SourceFile]:
    """The bundled content and schemas, every broken file of the case corpus, and generated documents."""
    files = {f.path: f for f in read_directory(ROOT)}
    for number, case in enumerate(sorted(CASES.glob("*/*/content"))):
        for file in sorted(p for p in case.rglob("*") if p.is_file()):
            relative = "content/" + file.relative_to(case).as_posix()
            stem, dot, suffix = relative.rpartition(".")
            path = relative if relative not in files else f"{stem}-{number}{dot}{suffix}"
            files[path] = SourceFile(path, file.read_bytes(), f"{number:04d}{abs(hash(path)):036x}"[:40])
    for folder, doc in documents(40):
        path = f"content/{folder}/{doc['id']}.json"
        data = json.dumps(doc, ensure_ascii=False, indent=2).encode()
        files.setdefault(path, SourceFile(path, data, hashlib.sha1(data).hexdigest()))
    return list(files.values())


def validate(files: list[SourceFile], known: set[str] | None = None) -> Validation:
    validator = Validator.for_files(files)
    validator.known_valid = known
    return validator.validate(files)


def assert_same(found: Validation, expected: Validation) -> None:
    assert found.report == expected.report
    assert list(found.checks) == list(expected.checks)
    for path, check in expected.checks.items():
        other = found.checks[path]
        assert other.problems == check.problems, path
        assert other.file.data == check.file.data, path
        if check.document is None:
            assert other.document is None, path
        else:
            assert other.document == check.document, path


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> list[SourceFile]:
    """The corpus, with a helper started for any number of files."""
    monkeypatch.setattr(helper, "wanted", lambda count, min_files=0: True)
    return corpus()


@pytest.fixture
def patient(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The build lets its helper finish before it checks anything: every file the helper reaches is answered
    there (the count of answers used is given). Without it the two meet wherever their speeds take them."""
    used = [0]
    meet, make = helper._meet, helper.file_check

    def after_the_helper(validator: Validator, files: list[SourceFile], found: helper.Helper) -> object:
        found.process.wait(timeout=120)
        return meet(validator, files, found)

    def counted(*args: object) -> object:
        used[0] += 1
        return make(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(helper, "_meet", after_the_helper)
    monkeypatch.setattr(helper, "file_check", counted)
    return used


def test_a_helper_gives_what_checking_here_gives(files: list[SourceFile], patient: list[int]) -> None:
    known_there: set[str] = set()
    with_helper = validate(files, known_there)
    used = patient[0]
    helper.wanted = lambda count, min_files=0: False  # type: ignore[assignment] # undone by monkeypatch
    known_here: set[str] = set()
    alone = validate(files, known_here)
    assert used >= int(len(files) * helper.REACH) - len([f for f in files if f.path.startswith("schemas/")])
    assert not alone.report.ok and len(alone.documents) > 50  # broken and valid documents both
    assert_same(with_helper, alone)
    assert known_there == known_here and len(known_here) > 40


def test_the_build_and_its_helper_meet_without_waiting(
    files: list[SourceFile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unhindered, the build checks from the front and takes what the helper answered from the back."""
    met = validate(files)
    monkeypatch.setattr(helper, "wanted", lambda count, min_files=0: False)
    assert_same(met, validate(files))


@pytest.mark.parametrize("executable", ["/bin/false", "/nonexistent/python"])  # exits at once; cannot start
def test_a_failing_helper_changes_nothing(
    files: list[SourceFile], monkeypatch: pytest.MonkeyPatch, executable: str
) -> None:
    monkeypatch.setattr(helper.sys, "executable", executable)
    failed = validate(files)
    monkeypatch.setattr(helper, "wanted", lambda count, min_files=0: False)
    assert_same(failed, validate(files))


def silent() -> subprocess.Popen[bytes]:
    """A helper that hangs: it reads nothing and says nothing."""
    return subprocess.Popen(["sleep", "60"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def babbling(files: list[SourceFile]) -> subprocess.Popen[bytes]:
    """A helper that says the right fingerprint (that of FILES's schemas), then writes nonsense."""
    import sys

    schemas = {f.path: f.data for f in files if f.path.startswith("schemas/") and f.path.endswith(".json")}
    said = helper_process.frame(helper_process.fingerprint(schemas, helper.Limits.from_environment()))
    script = (
        "import os, sys, time; out = sys.stdout.buffer; out.write(bytes.fromhex(sys.argv[1]));"
        "out.write((4096).to_bytes(8, 'big') + os.urandom(4096)); out.flush(); time.sleep(60)"
    )
    return subprocess.Popen([sys.executable, "-c", script, said.hex()], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


@pytest.mark.parametrize("process", [lambda files: silent(), babbling])
def test_a_helper_that_never_answers_costs_nothing(
    files: list[SourceFile],
    monkeypatch: pytest.MonkeyPatch,
    process: Callable[[list[SourceFile]], subprocess.Popen[bytes]],
) -> None:
    """A helper that hangs, or says nonsense, is never waited for; the build ends it."""
    started: list[subprocess.Popen[bytes]] = []
    monkeypatch.setattr(helper, "start", lambda *args: started.append(process(files)) or started[-1])
    begun = time.monotonic()
    alone_anyway = validate(files)
    assert time.monotonic() - begun < 30 and started and started[0].poll() is not None  # ended, not left behind
    monkeypatch.setattr(helper, "wanted", lambda count, min_files=0: False)
    assert_same(alone_anyway, validate(files))


def test_a_silent_head_start_costs_nothing_and_is_ended(
    files: list[SourceFile], monkeypatch: pytest.MonkeyPatch
) -> None:
    hanging = silent()
    helper.adopt(hanging)
    begun = time.monotonic()
    checked = validate(files)
    assert time.monotonic() - begun < 30 and hanging.poll() is not None and not helper.has_early()
    monkeypatch.setattr(helper, "wanted", lambda count, min_files=0: False)
    assert_same(checked, validate(files))


def test_a_helper_is_wanted_only_for_many_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(helper.ENVIRONMENT, raising=False)
    assert not helper.wanted(10)
    monkeypatch.setenv(helper.ENVIRONMENT, "0")
    assert not helper.wanted(100_000)


def frames(out: bytes) -> list[bytes]:
    """The frames of a helper's output: an 8-byte length, then that many bytes."""
    found = []
    while out:
        size = int.from_bytes(out[:8], "big")
        found.append(out[8 : 8 + size])
        out = out[8 + size :]
    return found


def test_the_helper_reads_its_files_from_stdin_and_answers_from_the_back() -> None:
    """The helper's own entry point, as a build starts it: bytes in, the fingerprint and then answers out."""
    import pickle
    import sys

    schemas = {f.path: f.data for f in read_directory(ROOT) if f.path.startswith("schemas/")}
    good = next(f for f in read_directory(ROOT) if f.path.startswith("content/paths/"))
    bad = SourceFile("content/topics/rikki.json", b"{", "b" * 40)
    payload = pickle.dumps(
        (schemas, helper.Limits(), [(good.path, good.data, None), (bad.path, bad.data, bad.blob_id)])
    )
    done = subprocess.run(
        [sys.executable, "-m", "pathapi.content.helper_process"], input=payload, capture_output=True, check=True
    )
    first, *rest = frames(done.stdout)
    assert first == helper_process.fingerprint(schemas, helper.Limits())
    assert first != helper_process.fingerprint(schemas, helper.Limits(max_depth=5))
    answers = [helper_process.Answer(*fields) for frame in rest for fields in pickle.loads(frame)]
    assert [(a.path, a.blob_id) for a in answers] == [(bad.path, bad.blob_id), (good.path, None)]  # the last first
    assert answers[1].version == 3 and answers[1].valid_blob and answers[0].version is None
    assert answers[0].problems[0].code == "json-end"


def committed(files: list[SourceFile], root: Path) -> list[SourceFile]:
    """FILES committed to a new git repository at ROOT, with their real blob ids."""
    import subprocess

    for file in files:
        (root / file.path).parent.mkdir(parents=True, exist_ok=True)
        (root / file.path).write_bytes(file.data)
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "corpus"], check=True)
    listing = subprocess.run([*git, "ls-tree", "-r", "HEAD"], capture_output=True, text=True, check=True).stdout
    blobs = {line.split("\t")[1]: line.split()[2] for line in listing.splitlines()}
    return [SourceFile(f.path, f.data, blobs[f.path]) for f in files]


@pytest.fixture
def head_started(files: list[SourceFile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[SourceFile]:
    """The corpus in a repository whose helper got a head start (as `pathapi serve` starts it)."""
    from pathapi.store import head_start

    monkeypatch.setattr(helper, "MIN_FILES", 10)
    tracked = committed(files, tmp_path)
    head_start.start(tmp_path)
    assert helper._early, "the head start began"
    return tracked


def test_a_head_start_gives_what_checking_here_gives(head_started: list[SourceFile], patient: list[int]) -> None:
    with_head_start = validate(head_started)
    used = patient[0]
    helper.wanted = lambda count, min_files=0: False  # type: ignore[assignment] # undone by monkeypatch
    alone = validate(head_started)
    content = [f for f in head_started if f.path.startswith("content/")]
    assert used >= int(len(content) * helper.REACH)  # the helper read and checked every part of its share
    assert not alone.report.ok and len(alone.documents) > 50
    assert_same(with_head_start, alone)


def test_a_build_does_not_read_what_its_head_start_sent_back(
    head_started: list[SourceFile], patient: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper read and checked the last files itself and sent their bytes with its answers: the build
    reads from git only its first files and the one chunk it reads ahead."""
    from pathapi.content import validator as validator_module
    from pathapi.store import blobs, snapshot
    from pathapi.store.git import ContentRepository

    monkeypatch.setattr(snapshot, "MIN_FILES", 10)
    monkeypatch.setattr(blobs.ReadAhead.__init__, "__defaults__", (10,))
    read: list[str] = []
    reading = blobs.read_blobs
    monkeypatch.setattr(blobs, "read_blobs", lambda repo, ids: read.extend(ids) or reading(repo, ids))
    monkeypatch.setattr(snapshot, "read_blobs", blobs.read_blobs)
    slow_read, checked, check_all = blobs.ReadAhead._read, threading.Event(), helper.check_all

    def slowly(self: blobs.ReadAhead, ids: list[str]) -> dict[str, bytes]:
        checked.wait(30)  # a chunk read ahead that no file needed is still being read when the checks end
        time.sleep(0.2)
        return slow_read(self, ids)

    def checking(*args: object) -> object:
        try:
            return check_all(*args)  # type: ignore[arg-type]
        finally:
            checked.set()

    monkeypatch.setattr(blobs.ReadAhead, "_read", slowly)
    monkeypatch.setattr(validator_module, "check_all", checking)
    aheads: list[blobs.ReadAhead] = []
    monkeypatch.setattr(snapshot, "ReadAhead", lambda *args: aheads.append(blobs.ReadAhead(*args)) or aheads[-1])
    store = ContentRepository(tmp_path)
    with_head_start = snapshot.build_snapshot(store, store.head())
    chunks = [chunk for ahead in aheads for chunk in ahead._reading.values()]
    assert chunks and not any(chunk._thread.is_alive() for chunk in chunks)  # none outlives the build
    content = [f for f in head_started if f.path.startswith("content/")]
    assert patient[0] >= int(len(content) * helper.REACH)  # the helper's answers, each with its bytes
    assert len([b for b in read if b in {f.blob_id for f in content}]) <= len(content) - patient[0] + 10
    monkeypatch.setattr(helper, "wanted", lambda count, min_files=0: False)
    alone = snapshot.build_snapshot(store, store.head())
    assert isinstance(alone, snapshot.Rejected) and isinstance(with_head_start, snapshot.Rejected)
    assert with_head_start.report == alone.report


def test_a_blob_git_cannot_read_for_the_head_start_fails_the_build_as_without_it(
    files: list[SourceFile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blob in the middle of the helper's share is gone from the repository: the helper checks what it
    read and stops; the build reads the rest itself and stops with git's error (nothing is served)."""
    from pathapi.store import head_start, snapshot
    from pathapi.store.git import ContentRepository
    from pathapi.store.git_values import MissingObjectError

    monkeypatch.setattr(helper, "MIN_FILES", 10)
    monkeypatch.setattr(snapshot, "MIN_FILES", 10)
    tracked = committed(files, tmp_path)
    content = [f for f in tracked if f.path.startswith("content/")]
    gone = content[len(content) // 2].blob_id
    assert gone is not None
    (tmp_path / ".git" / "objects" / gone[:2] / gone[2:]).unlink()
    head_start.start(tmp_path)
    early = helper._early[0]
    store = ContentRepository(tmp_path)
    with pytest.raises(MissingObjectError):
        snapshot.build_snapshot(store, store.head())
    assert early.poll() is not None and not helper.has_early()  # the helper was ended, not left behind


def changed(files: list[SourceFile], schemas_too: bool) -> list[SourceFile]:
    """FILES with every third channel refused under a new blob id and, if SCHEMAS_TOO, a field no path has
    required of every path."""
    found = []
    for number, file in enumerate(files):
        data = file.data
        if file.path == "schemas/path.schema.json" and schemas_too:
            data = data.replace(b'"required": [', b'"required": ["zzz", ', 1)
        elif file.path.startswith("content/channels/") and number % 3 == 0:
            data = data.replace(b'"type"', b'"type_"', 1)
        blob_id = file.blob_id if data == file.data else hashlib.sha1(data).hexdigest()
        found.append(SourceFile(file.path, data, blob_id))
    assert found != files
    return found


@pytest.mark.parametrize("schemas_too", [True, False])
def test_a_wrong_guess_changes_nothing(
    head_started: list[SourceFile], patient: list[int], monkeypatch: pytest.MonkeyPatch, schemas_too: bool
) -> None:
    """The build has other bytes (and schemas) than the helper guessed: it checks those itself."""
    asked = changed(head_started, schemas_too)
    with_head_start = validate(asked)
    used = patient[0]
    monkeypatch.setattr(helper, "wanted", lambda count, min_files=0: False)
    alone = validate(asked)
    if schemas_too:  # none of its answers count: they were for other schemas
        assert used == 0
        assert not any(c.document for path, c in alone.checks.items() if path.startswith("content/paths/"))
    else:  # those for the same bytes count
        assert used > 50
    assert_same(with_head_start, alone)


def test_a_head_start_without_a_repository_changes_nothing(
    files: list[SourceFile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathapi.store import head_start

    monkeypatch.setattr(helper, "MIN_FILES", 10)
    head_start.start(tmp_path)  # not a repository: no head start
    assert not helper._early
    process = helper.start(head_start.__name__, str(tmp_path))  # one that finds nothing to read
    helper.adopt(process)
    found = validate(files)
    monkeypatch.setattr(helper, "wanted", lambda count, min_files=0: False)
    assert_same(found, validate(files))


@pytest.mark.parametrize(
    ("argv", "started"),
    [
        (["serve", "--repo", "{repo}"], True),
        (["serve", "--port", "8001", "--repo={repo}"], True),
        (["serve", "--dev", "--repo", "{repo}"], False),  # Flask's reloader: no build of its own to help
        (["serve", "--repo", "{repo}", "--help"], False),
        (["validate", "{repo}"], False),
        ([], False),
        (["serve", "--repo"], False),  # no value: the real parser will say so; nothing is started, nothing exits
    ],
)
def test_the_command_line_starts_the_helper_of_serve_first(
    files: list[SourceFile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], started: bool
) -> None:
    from pathapi.store import head_start

    monkeypatch.setattr(helper, "MIN_FILES", 10)
    monkeypatch.setattr(head_start, "_started_for", [])
    committed(files, tmp_path)
    head_start.start_for_command([a.replace("{repo}", str(tmp_path)) for a in argv])
    assert helper.has_early() is started
    if started:
        process = helper._early[0]
        head_start.start(tmp_path)  # what `pathapi serve` does next: the same helper is kept
        assert helper._early == [process]
        head_start.start(tmp_path / "content" / "..")  # the same repository, written another way
        assert helper._early == [process]
    helper.discard_early()


def test_a_helper_started_for_another_repository_is_replaced(
    files: list[SourceFile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--repo`` abbreviated (argparse accepts ``--re``) is read as no --repo: serve then starts the right one."""
    from pathapi.store import head_start

    monkeypatch.setattr(helper, "MIN_FILES", 10)
    monkeypatch.setattr(head_start, "_started_for", [])
    first, second = tmp_path / "first", tmp_path / "second"
    committed(files, first)
    committed(files, second)
    monkeypatch.setenv("PATHAPI_REPO", str(first))
    head_start.start_for_command(["serve", "--re", str(second)])
    guessed = helper._early[0]
    head_start.start(second)
    assert helper._early and helper._early[0] is not guessed
    assert guessed.poll() is not None  # the wrong one was ended
    helper.discard_early()
