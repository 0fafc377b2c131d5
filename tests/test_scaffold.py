"""``pathapi new``: a draft skeleton per kind that validates at once, and clear refusals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pathapi.cli import main
from pathapi.content.scaffold import add_months
from pathapi.content.settings import SETTINGS_FILE
from tests.support import ContentRepo, topic

KINDS = ("topic", "channel", "segment", "path")


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ContentRepo:
    """A real git repository with the schemas and one topic; the working directory is inside it."""
    repo = ContentRepo(tmp_path / "repo")
    repo.write(topic("terveysasema"))
    repo.commit("Alku")
    (repo.root / "content" / "paths").mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(repo.root / "content" / "paths")  # found from a folder inside, as validate does
    return repo


def _document(repo: ContentRepo, kind: str, doc_id: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((repo.root / "content" / f"{kind}s" / f"{doc_id}.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("kind", KINDS)
def test_new_then_validate_has_no_errors(kind: str, content: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """Each kind's skeleton is a draft with $schema and passes validate at once (placeholders only warn)."""
    assert main(["new", kind, "uusi-dokumentti", "--lang", "fi"]) == 0
    said = capsys.readouterr().out
    shown = "uusi-dokumentti.json" if kind == "path" else f"../{kind}s/uusi-dokumentti.json"  # from content/paths
    assert f"Luonnos on tehty: {shown}." in said and "TÄYDENNÄ" in said
    doc = _document(content, kind, "uusi-dokumentti")
    assert doc["status"] == "draft" and doc["$schema"] == f"../../schemas/{kind}.schema.json"
    assert main(["validate", str(content.root), "--lang", "en", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 0
    assert report["warnings"] > 0 and {p["code"] for p in report["problems"]} == {"placeholder-left"}
    content.commit(f"New {kind}")  # the skeleton is a file git can take as it is
    assert "uusi-dokumentti.json" in content.git("ls-files")


def test_owner_and_review_due_come_from_settings_and_git(content: ContentRepo) -> None:
    """review_due is today plus the settings' interval; the owner's e-mail is git's user.email."""
    content.git("config", "user.email", "hoitaja@hyvinvointialue.fi")
    content.write_raw(
        SETTINGS_FILE, json.dumps({"$schema": "../schemas/settings.schema.json", "review": {"interval_months": 6}})
    )
    assert main(["new", "path", "lonkkaleikkaus"]) == 0
    owner = _document(content, "path", "lonkkaleikkaus")["owner"]
    assert owner == {
        "unit": "TÄYDENNÄ: vastuuyksikkö",
        "email": "hoitaja@hyvinvointialue.fi",
        "review_due": add_months(date.today(), 6).isoformat(),
    }


def test_required_languages_get_placeholders_too(content: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """With fi and sv required, every text of the skeleton has a Swedish placeholder as well."""
    content.write(topic("terveysasema"))  # already in fi and sv
    content.write_raw(
        SETTINGS_FILE,
        json.dumps({"$schema": "../schemas/settings.schema.json", "languages": {"required": ["fi", "sv"]}}),
    )
    assert main(["new", "path", "lonkkaleikkaus"]) == 0
    doc = _document(content, "path", "lonkkaleikkaus")
    assert doc["title"] == {
        "fi": "TÄYDENNÄ: polun nimi asiakkaan sanoin",
        "sv": "KOMPLETTERA: stigens namn med kundens ord",
    }
    capsys.readouterr()
    assert main(["validate", str(content.root), "--lang", "en", "--format", "json"]) == 0
    codes = {p["code"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert codes == {"placeholder-left"}


def test_a_published_skeleton_with_placeholders_fails(content: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """Publishing before the placeholders are written over turns their warnings into errors."""
    assert main(["new", "topic", "hammashoito"]) == 0
    file = content.root / "content" / "topics" / "hammashoito.json"
    file.write_text(file.read_text("utf-8").replace('"draft"', '"published"'), "utf-8")
    capsys.readouterr()
    assert main(["validate", str(content.root), "--lang", "fi"]) == 1
    assert "mallipohjan täytettävä kohta" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, sentence",
    [
        (
            ["topic", "Hammas hoito"],
            '"Hammas hoito" ei kelpaa tunnisteeksi. Käytä pieniä kirjaimia a-z, numeroita ja '
            "väliviivoja (ei ääkkösiä eikä välilyöntejä), esim. pathapi new topic hammas-hoito",
        ),
        (["topic", "terveysasema"], "content/topics/terveysasema.json on jo olemassa, eikä sitä korvata."),
        (
            ["lomake", "uusi"],
            '"lomake" ei ole dokumenttityyppi. Kirjoita path (polku), channel (kanava), topic (aihe) '
            "tai segment (segmentti)",
        ),
        (
            ["path", "polku", "--topic", "terveysasma"],
            'Aihetta "terveysasma" ei ole. Valitse olemassa oleva aihe, esim. terveysasema.',
        ),
    ],
)
def test_refusals_are_one_sentence_with_a_fix(
    args: list[str], sentence: str, content: ContentRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad id, an existing file or an unknown topic is refused in one line, and nothing is written."""
    before = sorted(p.name for p in (content.root / "content").rglob("*.json"))
    assert main(["new", *args, "--lang", "fi"]) == 1
    # A server an earlier test left in this process may still write its JSON access log to stderr.
    err = "".join(line for line in capsys.readouterr().err.splitlines(True) if not line.startswith('{"method"'))
    assert err.startswith(f"pathapi: {sentence}") and err.count("\n") == 1
    assert sorted(p.name for p in (content.root / "content").rglob("*.json")) == before


def test_existing_file_is_left_untouched(content: ContentRepo) -> None:
    """``new`` never overwrites: the existing document's bytes stay the same."""
    file = content.root / "content" / "topics" / "terveysasema.json"
    before = file.read_bytes()
    assert main(["new", "topic", "terveysasema", "--lang", "sv"]) == 1
    assert file.read_bytes() == before


def test_a_path_needs_a_topic_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without any topic, ``new path`` says to create one first, in the editor's language."""
    repo = ContentRepo(tmp_path / "repo")
    (repo.root / "content").mkdir()
    monkeypatch.chdir(repo.root)
    assert main(["new", "path", "polku", "--lang", "sv"]) == 1
    assert "pathapi new topic" in capsys.readouterr().err


def test_outside_a_repository_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run outside any content repository, ``new`` says so and writes nothing."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "topic", "aihe", "--lang", "en"]) == 1
    assert "is not inside a content repository" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_kinds_in_finnish_words(content: ContentRepo) -> None:
    """`pathapi new polku …` and `pathapi new aihe …` work as their English names do."""
    assert main(["new", "aihe", "hammashoito"]) == 0
    assert main(["new", "polku", "hammashoitoon", "--topic", "hammashoito"]) == 0
    assert _document(content, "path", "hammashoitoon")["topics"] == ["hammashoito"]


def test_segments_get_a_free_code(content: ContentRepo) -> None:
    """A second segment skeleton takes the next code, so codes stay distinct."""
    assert main(["new", "segment", "ensimmainen"]) == 0
    assert main(["new", "segment", "toinen"]) == 0
    assert _document(content, "segment", "toinen")["code"] == "S2"


def test_new_in_a_fresh_init_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor's first steps: ``init``, then ``new path``, then ``validate`` with no errors."""
    monkeypatch.chdir(tmp_path)
    assert main(["init", "sisalto"]) == 0
    monkeypatch.chdir(tmp_path / "sisalto")
    assert main(["new", "path", "lonkkaleikkaus", "--lang", "fi"]) == 0
    assert main(["validate", "--lang", "fi"]) == 0
    assert "0 virhettä" in capsys.readouterr().out


@pytest.mark.parametrize(
    "start, months, end",
    [
        (date(2026, 12, 1), 12, date(2027, 12, 1)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 12, 15), 1, date(2028, 1, 15)),
    ],
)
def test_add_months(start: date, months: int, end: date) -> None:
    """Calendar months, clamped to the month's last day."""
    assert add_months(start, months) == end
