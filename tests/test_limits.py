"""Hostile documents: too deep, too large, texts too long, schemas without a dialect.

Each is a positioned finding in ``pathapi validate`` and at startup or on a poll, never a
traceback; the corpus in ``tests/cases/limits`` holds the exact lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from pathapi.api.loading import SnapshotRejected
from pathapi.cli import main
from pathapi.content.limits import Limits, too_deep
from tests.servers import runtime_of
from tests.support import ContentRepo, topic

pytestmark = pytest.mark.hostile


def nested(depth: int) -> str:
    """A JSON array nested DEPTH levels deep."""
    return "[" * depth + "]" * depth


def deep_topic(repo: ContentRepo, depth: int = 1000) -> None:
    """Write a topic whose description is nested DEPTH levels deep."""
    text = json.dumps(topic("syva"), indent=2)[:-2] + f',\n  "description": {{"fi": {nested(depth)}}}\n}}\n'
    repo.write_raw("content/topics/syva.json", text)


def test_deep_document_is_a_finding_in_validate(
    repo: ContentRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deep_topic(repo)
    monkeypatch.chdir(repo.root)
    assert main(["validate", "--lang", "en", "."]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("content/topics/syva.json:9:55: ")
    assert "Nested more than 32 levels deep" in out[0]
    assert out[0].endswith("[/description/fi" + "/0" * 30 + "]")


def test_deep_document_at_startup_is_a_rejection_not_a_crash(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    deep_topic(repo)
    repo.commit_alone("Deep topic")  # nothing earlier to start on
    with pytest.raises(SnapshotRejected) as raised:
        make_app()
    assert [p.rule for p in raised.value.report.problems] == ["limits"]
    assert raised.value.report.problems[0].file == "content/topics/syva.json"


def test_deep_document_on_a_poll_degrades_health(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = make_app(PREVIEW_TOKEN="s3cret")  # failing files and messages are for token holders
    deep_topic(repo)
    repo.commit("Deep topic")
    assert runtime_of(app).follower.refresh_now() is False
    failure = app.test_client().get("/health", headers={"Authorization": "Bearer s3cret"}).get_json()["failure"]
    assert failure["files"] == ["content/topics/syva.json"]
    assert "Nested more than 32 levels deep" in failure["problems"][0]


def test_nesting_limit_is_inclusive_and_configurable(
    repo: ContentRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deep_topic(repo, depth=5)  # root, description, then 5 arrays: 7 levels
    monkeypatch.chdir(repo.root)
    assert main(["validate", "--lang", "en", ".", "--max-nesting", "7"]) == 1  # the schema still refuses arrays
    assert "limits" not in capsys.readouterr().out
    assert main(["validate", "--lang", "en", ".", "--max-nesting", "6"]) == 1
    assert "Nested more than 6 levels deep" in capsys.readouterr().out
    monkeypatch.setenv("PATHAPI_MAX_NESTING", "6")
    assert Limits.from_environment().max_depth == 6


def test_nesting_pointer_escapes_keys_and_ignores_brackets_in_strings() -> None:
    data = b'{"a/b": {"t~": ["[[[[", {"x": [[]]}]}}'
    excess = too_deep(data, Limits(max_depth=4))
    assert excess is not None
    assert excess.pointer == "/a~1b/t~0/1/x"
    assert data[excess.offset : excess.offset + 2] == b"[["
    assert too_deep(data, Limits(max_depth=6)) is None


def test_a_50_mb_text_is_a_size_finding(
    repo: ContentRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    size = repo.write(topic("iso", description={"fi": "a" * 50_000_000})).stat().st_size
    monkeypatch.chdir(repo.root)
    assert main(["validate", "--lang", "en", "."]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line == (
        f"content/topics/iso.json:1:1: The document is {size} bytes, more than the limit of 1048576. "
        "Split it into smaller documents or move long material to a linked page. []"
    )


def test_document_bytes_limit_is_configurable(
    repo: ContentRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo.root)
    assert main(["validate", "--lang", "en", "."]) == 0
    size = (repo.root / "content/topics/raskaus.json").stat().st_size
    monkeypatch.setenv("PATHAPI_MAX_DOCUMENT_BYTES", str(size - 1))
    capsys.readouterr()
    assert main(["validate", "--lang", "en", "."]) == 1
    assert f"content/topics/raskaus.json:1:1: The document is {size} bytes" in capsys.readouterr().out


def test_long_text_is_a_positioned_finding(
    repo: ContentRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(topic("pitka", description={"fi": "x" * 101, "sv": "y" * 100}))
    monkeypatch.chdir(repo.root)
    assert main(["validate", "--lang", "en", ".", "--max-text", "100"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:-1] == [
        "content/topics/pitka.json:10:11: The text is 101 characters, more than the limit of 100. "
        "Shorten it or split it. [/description/fi]"
    ]


def test_schema_without_dialect_names_the_file(
    repo: ContentRepo,
    make_app: Callable[..., Flask],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    schema_file = repo.root / "schemas/topic.schema.json"
    schema = json.loads(schema_file.read_text())
    del schema["$schema"]
    schema_file.write_text(json.dumps(schema, indent=2))
    monkeypatch.chdir(repo.root)
    assert main(["validate", "--lang", "en", "."]) == 1
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .startswith('schemas/topic.schema.json:1:1: The schema has no "$schema".')
    )
    repo.commit_alone("Schema without $schema")
    with pytest.raises(SnapshotRejected) as raised:
        make_app()
    assert raised.value.report.files_with_problems == ("schemas/topic.schema.json",)


def test_limits_default_values(tmp_path: Path) -> None:
    assert Limits.from_environment({}) == Limits(max_depth=32, max_bytes=1_048_576, max_text=20_000)
