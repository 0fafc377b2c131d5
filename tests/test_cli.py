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
    assert main(["validate", str(repo.root), "--lang", "en"]) == 0
    assert capsys.readouterr().out == "8 documents checked, 0 problems, 0 warnings\n"


def test_text_lines_name_file_line_column_and_pointer(
    broken: ContentRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken.root.parent)
    assert main(["validate", "repo/content", "--lang", "fi"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        'repo/content/topics/paha.json:3:9: Tunniste "eri" ei vastaa tiedoston nimeä "paha.json". '
        'Kirjoita "id": "paha" tai nimeä tiedosto uudelleen. [/id]',
        "Tarkistettu 2 dokumenttia: 1 virhe, 0 varoitusta",
    ]


def test_json_format(broken: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(broken.root), "--format", "json", "--lang", "sv"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False and payload["checked"] == 2 and payload["language"] == "sv"
    problem = payload["problems"][0]
    assert problem["file"] == os.path.join(os.path.relpath(broken.root), "content/topics/paha.json")
    assert (problem["line"], problem["column"], problem["pointer"], problem["rule"]) == (3, 9, "/id", "id-matches-file")
    assert (problem["code"], problem["severity"]) == ("id-mismatch", "error")
    assert problem["message"] == 'Identifieraren "eri" motsvarar inte filnamnet "paha.json".'
    assert problem["hint"] == 'Skriv "id": "paha" eller byt namn på filen.'
    assert problem["args"] == {"id": "eri", "file": "paha.json", "expected": "paha"}


def test_github_format(
    broken: ContentRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken.root)
    assert main(["validate", "--format", "github", "--lang", "en"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (
        "::error file=content/topics/paha.json,line=3,col=9,title=id-matches-file (id-mismatch)::"
        'id "eri" does not match the file name "paha.json". Write "id": "paha" or rename the file. [/id]'
    )


def test_a_broken_file_does_not_stop_the_others(broken: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    broken.write_raw("content/topics/rikki.json", "{")
    broken.write_raw("content/topics/huono.json", json.dumps({**topic("huono"), "status": "valmis"}))
    assert main(["validate", str(broken.root), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "rikki.json:1:2: The file ends too early." in out
    assert "huono.json:1:" in out and 'Status "valmis" is not allowed' in out
    assert "paha.json:3:9" in out
    assert "4 documents checked, 3 problems, 0 warnings" in out
