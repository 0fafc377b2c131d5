"""The studio's pages over real repositories: path page, index, problems in place, audiences."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.studio.live import create_live_app
from tests.support import ROOT, ContentRepo, path

BUNDLED_PATHS = sorted(p.stem for p in (ROOT / "content" / "paths").glob("*.json"))


@pytest.fixture(scope="module")
def live_bundled() -> FlaskClient:
    """The live studio over this checkout's bundled content (read only)."""
    return create_live_app(ROOT).test_client()


@pytest.mark.parametrize("doc_id", BUNDLED_PATHS)
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_bundled_path_page_shows_phases_steps_and_swimlanes(
    live_bundled: FlaskClient, doc_id: str, lang: str
) -> None:
    data = json.loads((ROOT / "content" / "paths" / f"{doc_id}.json").read_text(encoding="utf-8"))
    page = live_bundled.get(f"/studio/paths/{doc_id}?lang={lang}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in html
    title = data["title"].get(lang, data["title"]["fi"])
    assert '<h1 id="top">' in html and _escaped(title) in html
    for phase in data["phases"]:
        assert f'id="phase-{phase["id"]}"' in html
        for step in phase["steps"]:
            if "public" in step.get("audience", ["public"]):
                assert f'id="step-{phase["id"]}-{step["id"]}"' in html
    if any("customer" in s.get("swimlanes", {}) for ph in data["phases"] for s in ph["steps"]):
        assert 'class="lane lane-customer"' in html
    assert "lane-professional" not in html  # intranet only


def _escaped(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")
    )


def test_index_lists_every_document_with_status_and_owner(live_bundled: FlaskClient) -> None:
    html = live_bundled.get("/studio/?audience=intranet").get_data(as_text=True)
    for folder in ("paths", "channels", "topics", "segments"):
        for file in (ROOT / "content" / folder).glob("*.json"):
            assert re.search(f'href="/studio/{folder}/{file.stem}[?"]', html)
    assert "Seksuaali- ja lisääntymisterveyden palvelut" in html
    assert 'class="status status-published"' in html


def test_fallback_texts_are_marked_with_their_language(tmp_path: Path) -> None:
    repo = _working_tree(tmp_path)
    html = create_live_app(repo.root).test_client().get("/studio/paths/testaus?lang=sv").get_data(as_text=True)
    assert '<span lang="fi" class=" fallback">Ota yhteyttä' in html
    assert "översättning saknas" in html


def test_intranet_audience_shows_professional_lane_and_notes_public_does_not(tmp_path: Path) -> None:
    repo = _working_tree(tmp_path)
    client = create_live_app(repo.root).test_client()
    public = client.get("/studio/paths/ehkaisy").get_data(as_text=True)
    intranet = client.get("/studio/paths/ehkaisy?audience=intranet").get_data(as_text=True)
    assert "SISÄINEN" not in public
    assert "SISÄINEN kaista" in intranet and "SISÄINEN ohje ammattilaiselle" in intranet


def test_problems_are_shown_at_their_step_and_linked_from_the_index(tmp_path: Path) -> None:
    repo = _working_tree(tmp_path)
    repo.write(path("ehkaisy", topics=["seksuaaliterveys"], channels=["neuvonta", "ei-ole"]))
    client = create_live_app(repo.root).test_client()
    index = client.get("/studio/").get_data(as_text=True)
    assert 'href="/studio/paths/ehkaisy#step-alku-yhteydenotto"' in index
    page = client.get("/studio/paths/ehkaisy").get_data(as_text=True)
    step = page.split('id="step-alku-yhteydenotto"', 1)[1].split("</li>\n  \n", 1)[0]
    assert "ei-ole" in step and 'class="problems"' in step
    assert re.search(r"content/paths/ehkaisy\.json:\d+:\d+", step)


def test_broken_file_shows_its_positioned_message_not_an_old_version(tmp_path: Path) -> None:
    repo = _working_tree(tmp_path)
    repo.write_raw("content/paths/ehkaisy.json", '{\n  "id": "ehkaisy",\n  "title": \n}\n')
    client = create_live_app(repo.root).test_client()
    page = client.get("/studio/paths/ehkaisy")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Tiedostoa ei voi näyttää" in html
    assert "content/paths/ehkaisy.json:4:1</span> Tiedosto ei ole kelvollista JSONia" in html
    assert 'class="status status-broken"' in client.get("/studio/").get_data(as_text=True)


def test_markdown_is_rendered_and_sanitized(tmp_path: Path) -> None:
    repo = _working_tree(tmp_path)
    doc = path("ehkaisy", topics=["seksuaaliterveys"], languages=("fi",))
    doc["phases"][0]["steps"][0]["body"] = {
        "fi": "Lue **tämä**.\n\n<script>alert(1)</script> [klikkaa](javascript:alert(1)) [ok](https://thl.fi)"
    }
    repo.write(doc)
    html = create_live_app(repo.root).test_client().get("/studio/paths/ehkaisy").get_data(as_text=True)
    assert "<strong>tämä</strong>" in html
    assert "<script>alert" not in html and 'href="javascript' not in html
    assert '<a href="https://thl.fi" rel="noopener noreferrer">ok</a>' in html
    assert "HTML ei ole sallittu" in html  # the Markdown contract's finding, shown at the step


def test_unknown_page_and_bad_parameters_are_plain_errors(live_bundled: FlaskClient) -> None:
    assert live_bundled.get("/studio/paths/ei-ole").status_code == 404
    assert live_bundled.get("/studio/paths/ei-ole").headers["Cache-Control"] == "private, no-store"
    bad = live_bundled.get("/studio/paths/raskaudenkeskeytys?lang=de")
    assert bad.status_code == 400 and "lang" in bad.get_data(as_text=True)
    assert live_bundled.get("/studio/paths/raskaudenkeskeytys?audience=kaikki").status_code == 400


def test_served_studio_without_token_shows_published_content_only(make_app: Callable[..., Flask]) -> None:
    client = make_app(FAST_LANE=False).test_client()
    index = client.get("/studio/")
    html = index.get_data(as_text=True)
    assert index.status_code == 200 and index.headers["Cache-Control"] == "private, no-store"
    assert "/studio/paths/ehkaisy" in html and "/studio/paths/luonnos" not in html
    assert client.get("/studio/paths/luonnos").status_code == 404
    assert client.get("/studio/paths/ehkaisy?audience=intranet").status_code == 400
    assert client.get("/studio/?ref=main").status_code == 401


def test_overdue_review_is_marked(make_app: Callable[..., Flask]) -> None:
    client = make_app(CLOCK=lambda: datetime(2028, 1, 1, tzinfo=UTC)).test_client()
    html = client.get("/studio/").get_data(as_text=True)
    assert '<span class="overdue">2027-06-30 (myöhässä)</span>' in html


def _working_tree(tmp_path: Path) -> ContentRepo:
    from tests.support import standard_content

    repo = ContentRepo(tmp_path / "repo")
    standard_content(repo)
    return repo


def test_review_page_shows_the_working_tree_against_the_branch(tmp_path: Path) -> None:
    repo = _working_tree(tmp_path)
    repo.commit("Base")
    doc = path(
        "ehkaisy",
        topics=["seksuaaliterveys"],
        channels=["neuvonta", "chat"],
        languages=("fi", "sv", "en"),
        segments=["s1-asiantuntijuus"],
        related_paths=["testaus"],
    )
    doc["phases"][0]["steps"][0]["body"]["fi"] = "Soita tai kirjoita tänään."
    repo.write(doc)
    client = create_live_app(repo.root).test_client()
    html = client.get("/studio/diff?lang=en").get_data(as_text=True)
    assert "main (" in html and "working tree" in html
    assert "Soita tai kirjoita<ins> tänään</ins>." in html
    assert 'class="stale"' in html and "sv, en" in html
    assert "No changes." in client.get("/studio/diff?lang=en&base=main&head=main").get_data(as_text=True)
    assert client.get("/studio/diff?base=--output%3D/tmp/x").status_code == 404


@pytest.mark.slow
def test_pathapi_studio_command_serves_the_working_tree(tmp_path: Path) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    repo = _working_tree(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # started from a folder inside the repository, as an editor would: the repository is found from there
    process = subprocess.Popen(
        [sys.executable, "-m", "pathapi", "studio", "--port", str(port), "--lang", "fi"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=repo.root / "content" / "paths",
    )
    try:
        body, deadline = "", time.monotonic() + 30
        while time.monotonic() < deadline and not body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/studio/paths/ehkaisy", timeout=5) as answer:
                    body = answer.read().decode()
            except OSError:
                time.sleep(0.2)
        assert "Polku ehkaisy" in body and "työkopio" in body
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert f"pathapi: Työtila kansiolle {repo.root.resolve()}: avaa http://127.0.0.1:{port}/studio/" in err


def test_pathapi_studio_outside_a_repository_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Started outside any content repository, the studio says so in one line and serves nothing."""
    from pathapi.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["studio", "--lang", "sv"]) == 1
    assert (
        capsys.readouterr().err == "pathapi: . ligger inte i ett innehållsförråd. Ange en mapp med content/ "
        "eller en fil under den.\n"
    )


@pytest.mark.parametrize(
    "field, value", [("owner", {"unit": "Yksikkö", "review_due": "2027-02-30"}), ("publish_at", "huomenna")]
)
def test_a_bad_date_still_shows_the_path_with_its_finding(tmp_path: Path, field: str, value: object) -> None:
    """One bad date fails the schema, yet the page renders as written, marked, with the finding in place."""
    repo = _working_tree(tmp_path)
    repo.write(path("ehkaisy", topics=["seksuaaliterveys"], channels=["neuvonta"], **{field: value}))
    client = create_live_app(repo.root).test_client()
    answer = client.get("/studio/paths/ehkaisy")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert 'id="step-alku-yhteydenotto"' in html and "Soita tai kirjoita." in html  # the page itself
    assert 'class="notice unchecked"' in html and "Tiedostoa ei voi näyttää" not in html
    assert re.search(r"content/paths/ehkaisy\.json:\d+:\d+</span> .*ei ole (päivämäärä|ajankohta)", html)


def test_an_unchecked_page_drops_links_that_are_not_https(tmp_path: Path) -> None:
    """A file that fails its schema is shown as written, except links that could run a script."""
    repo = _working_tree(tmp_path)
    doc = path("ehkaisy", topics=["seksuaaliterveys"], publish_at="huomenna")
    doc["phases"][0]["steps"][0]["links"][0]["url"] = "javascript:alert(1)"
    repo.write(doc)
    html = create_live_app(repo.root).test_client().get("/studio/paths/ehkaisy").get_data(as_text=True)
    assert 'class="notice unchecked"' in html
    assert 'href="javascript:' not in html


def test_a_path_too_malformed_to_draw_shows_its_problems(tmp_path: Path) -> None:
    """When the written shape cannot be drawn at all, the page falls back to the problems alone."""
    repo = _working_tree(tmp_path)
    shape = {"id": "ehkaisy", "phases": [{"steps": [{"critical_points": [{}]}]}]}
    repo.write_raw("content/paths/ehkaisy.json", json.dumps(shape))
    answer = create_live_app(repo.root).test_client().get("/studio/paths/ehkaisy")
    assert answer.status_code == 200
    assert "Tiedostoa ei voi näyttää" in answer.get_data(as_text=True)


def test_intranet_audience_shows_professional_actions_and_ims_links(live_bundled: FlaskClient) -> None:
    public = live_bundled.get("/studio/paths/raskaudenkeskeytys").get_data(as_text=True)
    intranet = live_bundled.get("/studio/paths/raskaudenkeskeytys?audience=intranet").get_data(as_text=True)
    for html, shown in ((intranet, True), (public, False)):
        assert ("Ammattilainen toimii näin" in html) is shown
        assert ("IMS-prosessikuvaus: Raskaudenkeskeytys, perusterveydenhuolto" in html) is shown
        assert ("Kysy ensimmäiseksi raskauden kesto" in html) is shown
