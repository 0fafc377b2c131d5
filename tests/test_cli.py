"""The ``pathapi validate`` command: formats, exit status, paths as the user typed them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pathapi.cli import main
from tests.support import ContentRepo, topic


@pytest.fixture
def broken(tmp_path: Path) -> ContentRepo:
    """A repository with one valid topic and one whose id does not match its file name."""
    repo = ContentRepo(tmp_path / "repo")
    repo.write(topic("hyva"))
    repo.write_raw("content/topics/paha.json", json.dumps(topic("eri"), indent=2))
    return repo


def test_valid_content_exits_0(repo: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(repo.root)]) == 0
    assert capsys.readouterr().out == "8 documents checked, 0 problems\n"


def test_text_lines_name_file_line_column_and_pointer(broken: ContentRepo, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.root.parent)
    assert main(["validate", "repo/content"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        'repo/content/topics/paha.json:3:9: id "eri" does not match the file name "paha.json" [/id]',
        "2 documents checked, 1 problem",
    ]


def test_json_format(broken: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(broken.root), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False and payload["checked"] == 2
    problem = payload["problems"][0]
    assert problem["file"] == os.path.join(os.path.relpath(broken.root), "content/topics/paha.json")
    assert (problem["line"], problem["column"], problem["pointer"], problem["rule"]) == (3, 9, "/id", "id-matches-file")


def test_github_format(
    broken: ContentRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken.root)
    assert main(["validate", "--format", "github"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == ('::error file=content/topics/paha.json,line=3,col=9,title=id-matches-file::'
                     'id "eri" does not match the file name "paha.json" [/id]')


def test_a_broken_file_does_not_stop_the_others(broken: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    broken.write_raw("content/topics/rikki.json", "{")
    broken.write_raw("content/topics/huono.json", json.dumps({**topic("huono"), "status": "valmis"}))
    assert main(["validate", str(broken.root)]) == 1
    out = capsys.readouterr().out
    assert "rikki.json:1:2: invalid JSON" in out
    assert 'huono.json:1:' in out and '"valmis" is not one of' in out
    assert "paha.json:3:9" in out
    assert "4 documents checked, 3 problems" in out
