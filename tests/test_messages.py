"""The message catalogue: every code in fi, sv and en with a fix; language choice; finding the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pathapi.cli import main
from pathapi.content.catalogue import CATALOGUE, LANGUAGES, language_from_environment, render
from tests.support import ContentRepo, topic

PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+)\}(?!\})")


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_a_message_and_a_fix_in_every_language(code: str) -> None:
    """Each entry exists in fi, sv and en, uses the same placeholders in each, and renders."""
    entry = CATALOGUE[code]
    assert set(entry) == set(LANGUAGES)
    names = {lang: set(PLACEHOLDER.findall(" ".join(entry[lang]))) for lang in LANGUAGES}
    assert names["fi"] == names["sv"] == names["en"]
    for lang in LANGUAGES:
        message, fix = render(code, dict.fromkeys(names[lang], "X"), lang) or ("", "")
        assert message.strip() and fix.strip()
        assert not PLACEHOLDER.search(message + fix)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "fi"),
        ({"LANG": "C.UTF-8"}, "fi"),
        ({"LANG": "sv_FI.UTF-8"}, "sv"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fi_FI.UTF-8"}, "fi"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "sv_FI.UTF-8"}, "en"),
        ({"LC_ALL": "de_DE.UTF-8"}, "fi"),
    ],
)
def test_language_follows_the_locale_then_finnish(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


def test_default_language_comes_from_the_environment(
    repo: ContentRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    assert main(["validate", str(repo.root)]) == 0
    assert capsys.readouterr().out == "8 dokument kontrollerade: 0 fel, 0 varningar\n"


@pytest.fixture
def broken(tmp_path: Path) -> ContentRepo:
    """Two topics, one of them with a mistake."""
    repo = ContentRepo(tmp_path / "repo")
    repo.write(topic("hyva"))
    repo.write({**topic("paha"), "status": "julkaistu"})
    return repo


def test_validate_finds_the_repository_from_a_file_and_reports_that_file(
    broken: ContentRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken.root / "content" / "topics")
    assert main(["validate", "paha.json", "--lang", "fi"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].startswith('paha.json:4:13: Tila "julkaistu" ei ole sallittu.')
    assert main(["validate", "hyva.json", "--lang", "fi"]) == 0
    assert main(["validate", ".", "--lang", "fi"]) == 1  # a folder inside: everything below it


def test_validate_outside_a_repository_says_so_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path), "--lang", "fi"]) == 1
    err = capsys.readouterr().err
    assert (
        err == f"pathapi: {tmp_path} ei ole sisältörepositoriossa. Anna kansio, jossa on content/-kansio, "
        "tai tiedosto sen alta.\n"
    )
    assert main(["validate", str(tmp_path / "nope"), "--lang", "en"]) == 1
    assert "does not exist" in capsys.readouterr().err
