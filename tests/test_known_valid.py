"""The record of blobs known to pass their schema: faster rebuilds, never a wrong verdict."""

from __future__ import annotations

import json
from pathlib import Path

from pathapi.store.git import ContentRepository
from pathapi.store.known_valid import KnownValid
from pathapi.store.snapshot import Rejected, Snapshot, build_snapshot
from tests.support import ContentRepo


def schema_key(store: ContentRepository) -> tuple[tuple[str, str], ...]:
    """The schema blobs of HEAD, as the record is keyed."""
    return tuple((e.path, e.blob_id) for e in store.list_files(store.head().sha) if e.path.startswith("schemas/"))


def test_valid_blobs_are_recorded_and_skip_jsonschema_next_time(repo: ContentRepo, tmp_path: Path) -> None:
    store = ContentRepository(repo.root)
    cache = tmp_path / "cache"
    first = build_snapshot(store, store.head(), cache_dir=cache)
    assert isinstance(first, Snapshot)
    record = KnownValid(cache, schema_key(store))
    blob = repo.git("rev-parse", "HEAD:content/paths/ehkaisy.json")
    assert blob in record and len(record.blobs) == 8
    second = build_snapshot(store, store.head(), cache_dir=cache)
    assert isinstance(second, Snapshot)
    assert second.documents == first.documents


def test_other_schemas_get_their_own_record(repo: ContentRepo, tmp_path: Path) -> None:
    store = ContentRepository(repo.root)
    cache = tmp_path / "cache"
    build_snapshot(store, store.head(), cache_dir=cache)
    schema = repo.root / "schemas/topic.schema.json"
    data = json.loads(schema.read_text())
    data["required"].append("description")  # the standard topics have no description
    schema.write_text(json.dumps(data, indent=2))
    repo.commit("Topics now need a description")
    result = build_snapshot(store, store.head(), cache_dir=cache)
    assert isinstance(result, Rejected)
    assert 'Required property "description" is missing' in str(result.report.problems[0])


def test_rules_still_run_on_recorded_blobs(repo: ContentRepo, tmp_path: Path) -> None:
    store = ContentRepository(repo.root)
    cache = tmp_path / "cache"
    build_snapshot(store, store.head(), cache_dir=cache)
    repo.remove("content/topics/raskaus.json")  # the paths that refer to it are unchanged blobs
    repo.commit("Remove a referenced topic")
    result = build_snapshot(store, store.head(), cache_dir=cache)
    assert isinstance(result, Rejected)
    assert any('Unknown topic "raskaus"' in p.message for p in result.report.problems)


def test_an_unwritable_cache_is_not_an_error(repo: ContentRepo, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    store = ContentRepository(repo.root)
    assert isinstance(build_snapshot(store, store.head(), cache_dir=blocker / "cache"), Snapshot)
