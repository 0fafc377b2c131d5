"""A large build reads its first files, then checks them while git reads the rest: the same snapshot."""

from __future__ import annotations

import pytest

from pathapi.content.sources import PendingFile
from pathapi.store import blobs, snapshot
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import MissingObjectError
from pathapi.store.snapshot import Snapshot, build_snapshot
from tests.support import ContentRepo


def built(repo: ContentRepo, monkeypatch: pytest.MonkeyPatch, min_files: int) -> Snapshot:
    monkeypatch.setattr(snapshot, "MIN_FILES", min_files)
    store = ContentRepository(repo.root)
    found = build_snapshot(store, store.head())
    assert isinstance(found, Snapshot)
    return found


@pytest.mark.parametrize("chunk", [1, 3, 500])
def test_reading_in_parts_builds_the_same_snapshot(
    repo: ContentRepo, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(blobs, "READ_CHUNK", chunk)
    monkeypatch.setattr(blobs.ReadAhead.__init__, "__defaults__", (chunk,))
    split = built(repo, monkeypatch, 2)
    whole = built(repo, monkeypatch, 10**9)
    late = [c.file for c in split.validation.checks.values() if isinstance(c.file, PendingFile)]
    assert late and len(late) < len(split.validation.checks)  # both parts were there
    for file in late:
        assert file.data == (repo.root / file.path).read_bytes()
    assert split.documents == whole.documents
    assert split.validation.report == whole.validation.report


def test_a_blob_git_cannot_read_later_fails_the_build(repo: ContentRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """As when every blob is read at once: the build stops with the error (the last good version serves)."""

    def broken(self: blobs.ReadAhead, ids: list[str]) -> dict[str, bytes]:
        raise MissingObjectError(f"git object {ids[0]} is missing or damaged")

    monkeypatch.setattr(blobs.ReadAhead, "_read", broken)
    with pytest.raises(MissingObjectError, match="missing or damaged"):
        built(repo, monkeypatch, 2)


def blob_ids(repo: ContentRepo) -> list[str]:
    store = ContentRepository(repo.root)
    return [e.blob_id for e in store.list_files(store.head().sha)]


def test_blobs_read_through_a_pipe_when_no_temporary_file_can_be_made(
    repo: ContentRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ContentRepository(repo.root)
    ids = blob_ids(repo)
    spooled = blobs.read_blobs(store, ids)

    def refused() -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(blobs.tempfile, "TemporaryFile", refused)
    assert blobs.read_blobs(store, ids) == spooled == [store.read_blob(b) for b in ids]


def test_a_task_waiting_for_git_runs_once_at_the_next_read(repo: ContentRepo) -> None:
    store, ids, ran = ContentRepository(repo.root), blob_ids(repo), []
    blobs.when_waiting(lambda: ran.append(1))
    blobs.read_blobs(store, ids[:2])
    blobs.read_blobs(store, ids[:2])
    assert ran == [1]
    blobs.when_waiting(task := lambda: ran.append(2))
    blobs.forget_waiting(task)
    blobs.read_blobs(store, ids[:2])
    assert ran == [1]


def test_work_done_meanwhile_gives_its_value_or_its_error() -> None:
    assert blobs.Meanwhile(sorted, [3, 1, 2]).result() == [1, 2, 3]
    failing = blobs.Meanwhile(int, "not a number")
    with pytest.raises(ValueError, match="not a number"):
        failing.result()
