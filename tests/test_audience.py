"""Audiences: the website, the app and intranets each see their own part; intranet text never leaks."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.api.app import create_app
from tests.leaks import intranet_only_texts, secret_texts, strings
from tests.support import ContentRepo

INTRANET = "intranet-token-for-tests"
LANGS = ("fi", "sv", "en")


@pytest.fixture(scope="module")
def secrets(bundled_repo: ContentRepo) -> list[str]:
    """Intranet-only texts of the bundled content."""
    found = secret_texts(bundled_repo.root / "content")
    assert len(found) > 40, "the bundled content should exercise intranet-only content"
    return sorted(found)


@pytest.fixture(scope="module")
def bundled_app(bundled_repo: ContentRepo) -> Flask:
    """An app over the bundled content with preview and intranet tokens set."""
    return create_app(
        {"REPO": str(bundled_repo.root), "TESTING": True, "INTRANET_TOKEN": INTRANET, "PREVIEW_TOKEN": "preview-token"}
    )


def public_urls(client: FlaskClient) -> Iterator[str]:
    """Every public GET URL worth reading: lists, documents, expansions, languages, history."""
    yield from ["/health", "/openapi.json", "/v1/releases"]
    for collection in ("paths", "channels", "segments", "topics"):
        for lang in LANGS:
            listing = client.get(f"/v1/{collection}?per_page=100&lang={lang}").get_json()
            yield f"/v1/{collection}?per_page=100&lang={lang}"
            yield f"/v1/{collection}?per_page=100&lang={lang}&audience=app&format=html"
            for item in listing["items"]:
                yield f"/v1/{collection}/{item['id']}?lang={lang}"
                yield f"/v1/{collection}/{item['id']}?lang={lang}&audience=app"
                if collection == "paths":
                    yield f"/v1/paths/{item['id']}?lang={lang}&expand=channels,topics,segments,related_paths"
                    yield f"/v1/paths/{item['id']}/history"


def public_bodies(client: FlaskClient) -> Iterator[tuple[str, Any]]:
    """(URL, decoded JSON) of every public answer, sync pages and bundles included."""
    for url in public_urls(client):
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.get_json()
    for lang in LANGS:
        url: str | None = f"/v1/sync?lang={lang}&limit=5"
        while url:
            page = client.get(url).get_json()
            yield url, page
            url = page["next"]
        bundle = client.get(f"/v1/bundle?lang={lang}")
        yield f"/v1/bundle?lang={lang}", json.loads(gzip.decompress(bundle.data))
        html = client.get(f"/v1/bundle?lang={lang}&format=html")
        yield f"/v1/bundle?lang={lang}&format=html", json.loads(gzip.decompress(html.data))


def test_no_intranet_text_in_any_public_response(bundled_app: Flask, secrets: list[str]) -> None:
    client = bundled_app.test_client()
    answers = list(public_bodies(client))
    assert len(answers) > 100
    for url, body in answers:
        text = "\n".join(strings(body))
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{url} leaks {leaked[0][:80]!r}"
        assert "konsultaatiopuhelin" not in text, url


def test_preview_is_public_audience_too(bundled_app: Flask, secrets: list[str]) -> None:
    client = bundled_app.test_client()
    auth = {"Authorization": "Bearer preview-token"}
    text = "\n".join(strings(client.get("/v1/paths/monipalvelupolku", headers=auth).get_json()))
    assert not [s for s in secrets if s in text]


def test_intranet_sees_professional_content(bundled_app: Flask) -> None:
    client = bundled_app.test_client()
    auth = {"Authorization": f"Bearer {INTRANET}"}
    response = client.get("/v1/paths/monipalvelupolku?expand=channels", headers=auth)
    assert response.headers["Cache-Control"] == "private, no-store"
    body = response.get_json()
    steps = [s for phase in body["phases"] for s in phase["steps"]]
    assert any("professional_notes" in s for s in steps)
    assert any(s["id"] == "ammattilaisen-muistilista" and s["audience"] == ["intranet"] for s in steps)
    assert any(c["id"] == "konsultaatiopuhelin" for s in steps for c in s.get("channels", []))
    assert client.get("/v1/channels/konsultaatiopuhelin", headers=auth).status_code == 200


def test_public_sees_its_blocks_and_not_the_apps(bundled_app: Flask) -> None:
    client = bundled_app.test_client()
    assert client.get("/v1/channels/konsultaatiopuhelin").status_code == 404
    body = client.get("/v1/paths/raskaudenkeskeytys?lang=fi").get_json()
    titles = [link["title"] for link in body["phases"][0]["steps"][0]["links"]]
    assert "Lataa Päijät-Sote-sovellus" in titles
    assert "Kirjaa kysymyksesi sovelluksen päiväkirjaan" not in titles
    assert "audience" not in json.dumps(body)


def test_a_path_for_intranets_only_is_not_public(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    from tests.support import path

    repo.write(path("sisainen", topics=["raskaus"], audience=["intranet"]))
    repo.commit("Intranet-only path")
    app = make_app(INTRANET_TOKEN=INTRANET)
    client = app.test_client()
    assert client.get("/v1/paths/sisainen").status_code == 404
    assert "sisainen" not in client.get("/v1/paths").get_data(as_text=True)
    assert client.get("/v1/paths/sisainen", headers={"Authorization": f"Bearer {INTRANET}"}).status_code == 200


def test_wrong_intranet_token_is_401(bundled_app: Flask) -> None:
    response = bundled_app.test_client().get("/v1/paths", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401


def test_leak_detector_finds_what_it_should(bundled_repo: ContentRepo) -> None:
    doc = json.loads((bundled_repo.root / "content/paths/monipalvelupolku.json").read_text())
    found = list(intranet_only_texts(doc))
    assert any("Kirjaa huoli" in t for t in found)  # the intranet-only step's body
    assert any(len(t) > 20 for t in found)
    public_title = doc["title"]["fi"]
    assert public_title not in found
