"""serve, export and init speak the editor's language (--lang, else the locale, else Finnish)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from pathapi.cli import main
from tests.support import ContentRepo


@pytest.mark.parametrize(
    "lang, words",
    [
        ("fi", ["Uusi sisältörepositorio on tehty kansioon", "Seuraavaksi:", "pathapi new path"]),
        ("sv", ["Ett nytt innehållsförråd har skapats i", "Nästa steg:", "pathapi new path"]),
        ("en", ["created", "files in", "Next:", "pathapi new path"]),
    ],
)
def test_init_says_what_it_made_and_what_next(
    lang: str, words: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary and the next steps are in the chosen language; the new repository has its settings."""
    assert main(["init", str(tmp_path / "uusi"), "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert all(word in out for word in words), out
    assert (tmp_path / "uusi" / "content" / "settings.json").is_file()


def test_init_without_lang_follows_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No --lang: LANG=sv_FI gives Swedish; a refusal is one line."""
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert (
        err == f"pathapi: Mappen {tmp_path} är inte tom. Ange en ny eller tom mapp, t.ex. pathapi init servicestigar\n"
    )


def test_export_refusal_in_finnish(repo: ContentRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A non-empty target is refused in Finnish, with what to do instead."""
    (tmp_path / "jotain").write_text("x", encoding="utf-8")
    assert main(["export", str(tmp_path), "--repo", str(repo.root), "--lang", "fi"]) == 1
    assert "ei ole tyhjä. Anna uusi tai tyhjä kansio" in capsys.readouterr().err


@pytest.mark.parametrize(
    "lang, headline, finding",
    [
        ("fi", "HEAD ei läpäise tarkistusta", "pathapi new topic olematon"),
        ("sv", "HEAD klarar inte kontrollen", "pathapi new topic olematon"),
    ],
)
def test_serve_refusal_and_its_findings_in_the_language(
    lang: str, headline: str, finding: str, repo: ContentRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A HEAD that fails validation: the refusal and every finding under it are in LANG."""
    doc = repo.root / "content/paths/testaus.json"
    doc.write_text(doc.read_text(encoding="utf-8").replace('"raskaus"', '"olematon"'), encoding="utf-8")
    repo.commit_alone("Dangling topic")  # nothing earlier validates: serve refuses
    with socket.socket() as probe:  # a free port: another server on this machine may hold the default one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["serve", "--repo", str(repo.root), "--port", str(port), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert headline in err and finding in err and "Unknown topic" not in err


@pytest.mark.parametrize(
    "lang, words",
    [
        ("fi", ["ei ole git-repositorio", "pathapi init"]),
        ("sv", ["är inte ett git-förråd", "pathapi init"]),
        ("en", ["is not a git repository", "pathapi init"]),
    ],
)
def test_a_folder_that_is_no_repository_is_named_in_the_editors_language(
    lang: str, words: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--repo", str(tmp_path), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert all(word in err for word in words) and str(tmp_path) in err, err


def test_an_empty_repository_and_a_missing_branch_say_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = ContentRepo(tmp_path / "tyhja")
    assert main(["export", str(tmp_path / "out"), "--repo", str(empty.root), "--lang", "fi"]) == 1
    assert "ei ole vielä yhtään committia" in capsys.readouterr().err
    repo = ContentRepo(tmp_path / "repo")
    repo.commit("Base")
    monkeypatch.setenv("PATHAPI_BRANCH", "ei-ole")
    assert main(["export", str(tmp_path / "out2"), "--repo", str(repo.root), "--lang", "sv"]) == 1
    assert "Grenen ei-ole finns inte" in capsys.readouterr().err
