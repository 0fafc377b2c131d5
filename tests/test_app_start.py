"""The server never serves a commit that fails validation: it starts on the newest earlier one that
validates (degraded), and refuses to start only when none does, saying why."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from pathapi.api.app import create_app
from pathapi.api.loading import SnapshotRejected
from pathapi.cli import main
from pathapi.store.git_values import RepositoryError
from tests.support import ContentRepo


def test_broken_head_is_never_served(repo: ContentRepo) -> None:
    repo.write_raw("content/topics/rikki.json", '{"id": "rikki",\n  "status": }\n')
    repo.commit_alone("Broken topic")
    with pytest.raises(SnapshotRejected) as info:
        create_app({"REPO": str(repo.root)})
    assert [str(p) for p in info.value.report.problems] == [
        "content/topics/rikki.json:2:13: The file is not valid JSON (unexpected character, expected a JSON value). "
        "Check the characters here and just before: is a comma, quotation mark or bracket missing? []"
    ]


def test_serve_prints_validator_lines_and_exits_1(repo: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    doc = repo.root / "content/paths/testaus.json"
    doc.write_text(doc.read_text().replace('"raskaus"', '"olematon"'))
    repo.commit_alone("Dangling topic")
    with socket.socket() as probe:  # a free port: another server on this machine may hold the default one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["serve", "--repo", str(repo.root), "--port", str(port), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "HEAD failed validation" in err
    assert "content/paths/testaus.json:" in err
    assert 'Unknown topic "olematon"' in err
    assert "[/topics/1]" in err


def test_serve_refuses_a_directory_that_is_not_a_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["serve", "--repo", str(tmp_path), "--port", str(port), "--lang", "en"]) == 1
    assert "not a git repository" in capsys.readouterr().err


def test_empty_repository_is_refused(tmp_path: Path) -> None:
    empty = ContentRepo(tmp_path / "empty")
    with pytest.raises(RepositoryError, match="no commits"):
        create_app({"REPO": str(empty.root)})
