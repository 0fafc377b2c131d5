"""Reading a commit's files from git objects, and snapshots built from them."""

from __future__ import annotations

import pytest

from pathapi.content.kinds import Kind
from pathapi.store.git import ContentRepository
from pathapi.store.git_values import RepositoryError
from pathapi.store.snapshot import Rejected, Snapshot, build_snapshot
from tests.support import ContentRepo, topic


def test_list_files_names_content_and_schemas_with_blob_ids(repo: ContentRepo) -> None:
    store = ContentRepository(repo.root)
    entries = store.list_files(store.head().sha)
    paths = [e.path for e in entries]
    assert "content/paths/ehkaisy.json" in paths
    assert "schemas/path.schema.json" in paths
    assert "schemas/v1/path.schema.json" in paths
    ehkaisy = next(e for e in entries if e.path == "content/paths/ehkaisy.json")
    assert ehkaisy.blob_id == repo.git("rev-parse", "HEAD:content/paths/ehkaisy.json")
    assert store.read_blob(ehkaisy.blob_id) == (repo.root / "content/paths/ehkaisy.json").read_bytes()


def test_an_older_commit_is_read_as_it_was(repo: ContentRepo) -> None:
    first = repo.git("rev-parse", "HEAD")
    repo.write(topic("uusi"))
    repo.commit("Add topic")
    store = ContentRepository(repo.root)
    old = build_snapshot(store, store.commit(first))
    new = build_snapshot(store, store.head())
    assert isinstance(old, Snapshot) and isinstance(new, Snapshot)
    assert "uusi" not in old.documents[Kind.TOPIC]
    assert "uusi" in new.documents[Kind.TOPIC]


@pytest.mark.parametrize("revision", ["--output=/tmp/x", "HEAD", "main", "../etc", "abc", "g" * 40])
def test_only_hex_commit_ids_reach_git(repo: ContentRepo, revision: str) -> None:
    store = ContentRepository(repo.root)
    with pytest.raises(RepositoryError, match="not a commit id"):
        store.commit(revision)
    with pytest.raises(RepositoryError, match="not a commit id"):
        store.list_files(revision)


def test_unknown_commit_is_an_error(repo: ContentRepo) -> None:
    with pytest.raises(RepositoryError, match="no commit"):
        ContentRepository(repo.root).commit("0" * 40)


def test_snapshot_reuses_checks_of_unchanged_files(repo: ContentRepo) -> None:
    store = ContentRepository(repo.root)
    first = build_snapshot(store, store.head())
    assert isinstance(first, Snapshot)
    repo.write(topic("uusi"))
    repo.commit("Add topic")
    second = build_snapshot(store, store.head(), previous=first)
    assert isinstance(second, Snapshot)
    path = "content/paths/ehkaisy.json"
    assert second.validation.checks[path] is first.validation.checks[path]
    assert "content/topics/uusi.json" not in first.validation.checks


def test_rejected_snapshot_carries_the_report(repo: ContentRepo) -> None:
    repo.write(topic("Huono"))
    repo.commit("Bad id")
    store = ContentRepository(repo.root)
    result = build_snapshot(store, store.head())
    assert isinstance(result, Rejected)
    assert not result.report.ok
    assert result.report.files_with_problems == ("content/topics/Huono.json",)
