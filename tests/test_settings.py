"""The repository settings file: defaults without it, values from it, findings when it is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathapi.content.settings import SETTINGS_FILE, LanguageSettings, ReviewSettings, Settings, load_settings
from pathapi.content.sources import read_directory
from pathapi.content.validator import validate_files
from pathapi.store.git import ContentRepository
from pathapi.store.snapshot import Snapshot, build_snapshot
from tests.support import ROOT, ContentRepo, standard_content

SCHEMA = "../schemas/settings.schema.json"


def _snapshot(repo: ContentRepo) -> Snapshot:
    repo.commit()
    store = ContentRepository(repo.root)
    built = build_snapshot(store, store.head())
    assert isinstance(built, Snapshot), built
    return built


def test_without_a_file_every_setting_has_its_default(repo: ContentRepo) -> None:
    """A repository without ``content/settings.json`` gets the documented defaults."""
    settings = _snapshot(repo).settings
    assert settings == Settings()
    assert settings.languages.required == ("fi",)
    assert settings.review.interval_months == 12


def test_values_come_from_the_file_and_missing_keys_keep_defaults(repo: ContentRepo) -> None:
    """A group given in the file wins; a group left out keeps its defaults."""
    repo.write_raw(SETTINGS_FILE, json.dumps({"$schema": SCHEMA, "review": {"interval_months": 6}}))
    settings = _snapshot(repo).settings
    assert settings.review == ReviewSettings(interval_months=6)
    assert settings.languages == LanguageSettings()


def test_settings_are_frozen() -> None:
    """Settings are read, never changed in place."""
    with pytest.raises(AttributeError):
        Settings().review.interval_months = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    "text, pointer",
    [
        (json.dumps({"$schema": SCHEMA, "review": {"interval_months": "12"}}), "/review/interval_months"),
        (json.dumps({"$schema": SCHEMA, "languages": {"required": ["sv"]}}), "/languages/required"),
        (json.dumps({"$schema": SCHEMA, "reveiw": {}}), "/reveiw"),
    ],
)
def test_an_invalid_file_is_a_positioned_finding_and_gives_defaults(text: str, pointer: str, tmp_path: Path) -> None:
    """A wrong value is an error at its line and pointer, in every language; loading falls back to defaults."""
    repo = ContentRepo(tmp_path / "repo")
    standard_content(repo)
    repo.write_raw(SETTINGS_FILE, text)
    validation = validate_files(read_directory(repo.root))
    problems = [p for p in validation.report.problems if p.file == SETTINGS_FILE]
    assert [p.pointer for p in problems] == [pointer]
    assert problems[0].line == 1 and problems[0].column > 1
    assert all(problems[0].words(lang)[1] for lang in ("fi", "sv", "en"))
    assert validation.settings == Settings()


def test_a_broken_file_is_a_syntax_finding(tmp_path: Path) -> None:
    """A settings file that is not JSON is reported at the position of the mistake."""
    repo = ContentRepo(tmp_path / "repo")
    repo.write_raw(SETTINGS_FILE, '{\n  "review": {"interval_months": 6,}\n}\n')
    problems = validate_files(read_directory(repo.root)).report.problems
    assert [(p.file, p.line, p.rule) for p in problems] == [(SETTINGS_FILE, 2, "json")]


def test_a_missing_settings_schema_is_named(tmp_path: Path) -> None:
    """Without ``schemas/settings.schema.json`` the file cannot be checked, and the finding says so."""
    repo = ContentRepo(tmp_path / "repo")
    (repo.root / "schemas" / "settings.schema.json").unlink()
    repo.write_raw(SETTINGS_FILE, json.dumps({"$schema": SCHEMA}))
    problems = validate_files(read_directory(repo.root)).report.problems
    assert [p.code for p in problems] == ["settings-schema-missing"]
    assert "schemas/settings.schema.json" in problems[0].words("fi")[0]


def test_bundled_settings_load() -> None:
    """The bundled repository's settings pass their schema and are read as written."""
    validation = validate_files(read_directory(ROOT))
    written = json.loads((ROOT / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert validation.settings.languages.required == tuple(written["languages"]["required"])
    assert load_settings((ROOT / SETTINGS_FILE).read_bytes()) == validation.settings
