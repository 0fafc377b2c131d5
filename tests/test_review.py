"""`pathapi diff`: every kind of change in words, stale translations, three output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathapi.cli import main
from pathapi.review.words import shortened, word_diff
from tests.support import ContentRepo, path, standard_content, topic


@pytest.fixture
def edited(tmp_path: Path) -> ContentRepo:
    """A committed repository, then a working tree with one change of every kind (not committed)."""
    repo = ContentRepo(tmp_path / "repo")
    standard_content(repo)
    repo.write(topic("vanha-aihe"))
    repo.write(path("siirto", topics=["seksuaaliterveys"], title={"fi": "Siirtyvä polku"}))
    repo.commit("Base")
    doc = path(
        "ehkaisy",
        topics=["seksuaaliterveys"],
        channels=["neuvonta", "chat"],
        languages=("fi", "sv", "en"),
        segments=["s1-asiantuntijuus"],
        related_paths=["testaus"],
    )
    first, second = doc["phases"][0]["steps"]
    first["body"]["fi"] = "Soita tai kirjoita heti aamulla."  # sv and en left as they were: stale
    first["title"]["sv"] = "Ta kontakt nu"  # only Swedish: not stale
    first["channels"] = ["neuvonta"]
    doc["phases"][0]["steps"] = [
        second,
        first,
        {"id": "uusi", "title": {"fi": "Uusi askel"}, "body": {"fi": "B"}, "customer_action": {"fi": "C"}},
    ]
    doc["status"] = "review"
    doc["publish_at"] = "2027-01-01T08:00:00+02:00"
    repo.write(doc)
    repo.write(path("uusi-polku", topics=["raskaus"], status="draft"))
    repo.remove("content/topics/vanha-aihe.json")
    moved = path("siirretty", topics=["seksuaaliterveys"], title={"fi": "Siirtyvä polku"})
    repo.remove("content/paths/siirto.json")
    repo.write(moved)
    repo.write_raw("content/channels/chat.json", '{"id": "chat",')
    return repo


def _diff(capsys: pytest.CaptureFixture[str], repo: ContentRepo, *args: str) -> str:
    assert main(["diff", "--repo", str(repo.root), *args]) == 0
    return capsys.readouterr().out


def test_text_review_tells_every_kind_of_change(edited: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    out = _diff(capsys, edited, "--lang", "en")
    assert out.startswith("Content changes: main (") and "→ working tree" in out
    assert "+ path uusi-polku — Polku uusi-polku (added)" in out
    assert "- topic vanha-aihe — Aihe vanha-aihe (removed)" in out
    assert "> path siirto → siirretty — Siirtyvä polku (renamed)" in out
    assert "! channel chat — Chat (unreadable)" in out
    assert "  status: published → in review" in out
    assert "  publish at: — → 2027-01-01T08:00:00+02:00" in out
    assert '  + phase "alku" > step "uusi": added — Uusi askel' in out
    assert '  ↕ phase "alku" > step: order changed' in out
    assert 'phase "alku" > step "yhteydenotto" > body [fi]: changed' in out
    assert "Soita tai kirjoita{+ heti aamulla+}." in out
    assert 'step "yhteydenotto" > channels: ["neuvonta","chat"] → ["neuvonta"]' in out
    assert 'step "yhteydenotto" > title [sv]: changed' in out


def test_stale_translations_are_flagged_only_when_finnish_changed(
    edited: ContentRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _diff(capsys, edited, "--lang", "en")
    stale = [line for line in out.splitlines() if line.startswith("  ! translation behind")]
    assert stale == [
        '  ! translation behind: phase "alku" > step "yhteydenotto" > body: sv, en not updated although '
        "the Finnish text changed: check and update"
    ]
    assert "1 translation behind" in out


def test_finnish_wording_by_default(edited: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    out = _diff(capsys, edited)
    assert out.startswith("Sisällön muutokset: main (") and "työkopio" in out
    assert "käännös jäljessä" in out and "(lisätty)" in out


def test_markdown_review_for_a_pull_request(edited: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    out = _diff(capsys, edited, "--format", "markdown", "--lang", "sv")
    assert out.startswith("### Ändringar i innehållet: `main (")
    assert "#### stig ehkaisy — Polku ehkaisy (ändrad)" in out
    assert "Soita tai kirjoita<ins> heti aamulla</ins>." in out
    assert "- ⚠️ **översättning efter:" in out


def test_json_review_for_tools(edited: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_diff(capsys, edited, "--format", "json"))
    by_id = {d["id"]: d for d in data["documents"]}
    assert {d["change"] for d in data["documents"]} == {"added", "removed", "renamed", "changed", "unreadable"}
    ehkaisy = by_id["ehkaisy"]
    assert ehkaisy["status"] == ["published", "review"]
    assert ehkaisy["stale_translations"] == [
        {"where": [["phases", "alku"], ["steps", "yhteydenotto"]], "field": "body", "languages": ["sv", "en"]}
    ]
    body = next(f for f in ehkaisy["fields"] if f["field"] == "body")
    assert body["old"] == "Soita tai kirjoita." and body["new"] == "Soita tai kirjoita heti aamulla."
    assert {"op": "+", "text": " heti aamulla"} in body["words"]
    assert by_id["siirretty"]["old_id"] == "siirto"


def test_between_two_commits_and_a_release_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = ContentRepo(tmp_path / "repo")
    standard_content(repo)
    first = repo.commit("Base")
    repo.git("tag", "-a", "release/2026-11-30.1", "-m", "Ensimmäinen")
    repo.write(topic("uusi"))
    repo.commit("Uusi aihe")
    assert "+ aihe uusi" in _diff(capsys, repo, "release/2026-11-30.1", "HEAD")
    assert "Ei muutoksia." in _diff(capsys, repo, first, first)
    assert "+ aihe uusi" in _diff(capsys, repo, first[:10], "main")


def test_option_like_refs_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = ContentRepo(tmp_path / "repo")
    standard_content(repo)
    repo.commit("Base")
    target = tmp_path / "written"
    assert main(["diff", "--repo", str(repo.root), "--", f"--output={target}", "HEAD"]) == 1
    assert "ei nimeä mitään committia" in capsys.readouterr().err  # in the editor's language (Finnish by default)
    assert not target.exists()


def test_word_diff_keeps_context_short() -> None:
    old = " ".join(f"sana{i}" for i in range(40))
    new = old.replace("sana20", "uusi")
    segments = shortened(word_diff(old, new))
    assert segments[1:3] == [("-", "sana20"), ("+", "uusi")]
    assert segments[0][1].startswith("… ") and segments[-1][1].endswith(" …")
    assert "".join(t for op, t in word_diff(old, new) if op != "-") == new
