"""The app view of one document: ``audience=app`` serves exactly what sync and the bundle carry."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from pathapi.api.app import create_app
from tests.support import ContentRepo

LANGS = ("fi", "sv", "en")
INTRANET = "intranet-token-for-tests"
PREVIEW = "preview-token-for-tests"
APP_LINK = "Kirjaa kysymyksesi sovelluksen päiväkirjaan"
PUBLIC_LINK = "Lataa Päijät-Sote-sovellus"


@pytest.fixture(scope="module", params=[True, False], ids=["fast-lane", "flask"])
def app_client(request: pytest.FixtureRequest, bundled_repo: ContentRepo) -> FlaskClient:
    """A client over the bundled content, through the fast lane and through Flask alone."""
    app = create_app(
        {
            "REPO": str(bundled_repo.root),
            "TESTING": True,
            "FAST_LANE": request.param,
            "INTRANET_TOKEN": INTRANET,
            "PREVIEW_TOKEN": PREVIEW,
        }
    )
    return app.test_client()


def sync_items(client: FlaskClient, query: str, headers: dict[str, str] | None = None) -> list[dict[str, object]]:
    """Every item of a full sync, following ``next`` links."""
    items: list[dict[str, object]] = []
    url: str | None = f"/v1/sync?{query}&limit=7"
    while url:
        page = client.get(url, headers=headers).get_json()
        items += page["items"]
        url = page["next"]
    return items


def sha256(body: bytes) -> str:
    """The hash as sync writes it."""
    return "sha256:" + hashlib.sha256(body).hexdigest()


@pytest.mark.parametrize("fmt", ["", "&format=html"], ids=["markdown", "html"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_sync_hash_is_the_app_view_of_its_document(app_client: FlaskClient, lang: str, fmt: str) -> None:
    """The README's promise: hash = SHA-256 of GET /v1/<type>s/<id>?audience=app&lang=<lang> bytes."""
    items = sync_items(app_client, f"lang={lang}{fmt}")
    assert {item["type"] for item in items} == {"path", "channel", "segment", "topic"}
    for item in items:
        response = app_client.get(f"/v1/{item['type']}s/{item['id']}?audience=app&lang={lang}{fmt}")
        assert response.status_code == 200
        assert sha256(response.data) == item["hash"], (item["type"], item["id"])
        assert json.loads(response.data) == item["document"]


def test_bundle_hashes_are_the_app_view_too(app_client: FlaskClient) -> None:
    bundle = json.loads(gzip.decompress(app_client.get("/v1/bundle?lang=sv").data))
    for item in bundle["items"]:
        body = app_client.get(f"/v1/{item['type']}s/{item['id']}?audience=app&lang=sv").data
        assert sha256(body) == item["hash"]


def test_preview_sync_hashes_are_the_preview_app_view(app_client: FlaskClient) -> None:
    auth = {"Authorization": f"Bearer {PREVIEW}"}
    for item in sync_items(app_client, "lang=fi", auth):
        body = app_client.get(f"/v1/{item['type']}s/{item['id']}?audience=app&lang=fi", headers=auth).data
        assert sha256(body) == item["hash"]


def link_titles(body: dict[str, object]) -> list[str]:
    """Titles of the links of the first step."""
    step = body["phases"][0]["steps"][0]  # type: ignore[index]
    return [link["title"] for link in step["links"]]


def test_app_view_has_the_apps_blocks_and_is_public(app_client: FlaskClient) -> None:
    response = app_client.get("/v1/paths/raskaudenkeskeytys?audience=app")
    assert response.headers["Cache-Control"].startswith("public, max-age=")
    titles = link_titles(response.get_json())
    assert APP_LINK in titles
    assert PUBLIC_LINK not in titles
    public = app_client.get("/v1/paths/raskaudenkeskeytys?audience=public").get_json()
    assert PUBLIC_LINK in link_titles(public)
    assert public == app_client.get("/v1/paths/raskaudenkeskeytys").get_json()


def test_app_view_of_lists_keeps_the_audience_in_page_links(app_client: FlaskClient) -> None:
    body = app_client.get("/v1/paths?audience=app&per_page=2").get_json()
    assert "audience=app" in body["links"]["next"]
    assert app_client.get(body["links"]["next"]).status_code == 200


@pytest.mark.parametrize("headers", [{}, {"Authorization": f"Bearer {PREVIEW}"}], ids=["anonymous", "preview"])
def test_intranet_audience_needs_the_intranet_token(app_client: FlaskClient, headers: dict[str, str]) -> None:
    response = app_client.get("/v1/paths/monipalvelupolku?audience=intranet", headers=headers)
    assert response.status_code == (403 if headers else 401)  # a token without the right is forbidden
    assert (response.get_json()["parameter"], response.get_json()["right"]) == ("audience", "intranet")
    assert "professional_notes" not in response.get_data(as_text=True)


def test_intranet_audience_with_its_token_is_the_intranet_view(app_client: FlaskClient) -> None:
    auth = {"Authorization": f"Bearer {INTRANET}"}
    asked = app_client.get("/v1/paths/monipalvelupolku?audience=intranet", headers=auth)
    assert asked.status_code == 200
    assert asked.headers["Cache-Control"] == "private, no-store"
    assert "professional_notes" in asked.get_data(as_text=True)
    assert asked.data == app_client.get("/v1/paths/monipalvelupolku", headers=auth).data
    app_view = app_client.get("/v1/paths/monipalvelupolku?audience=app", headers=auth)
    assert "professional_notes" not in app_view.get_data(as_text=True)
    assert app_view.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("value", ["everyone", "APP", ""])
def test_unknown_audience_is_a_400_naming_it(app_client: FlaskClient, value: str) -> None:
    response = app_client.get(f"/v1/paths/raskaudenkeskeytys?audience={value}")
    assert response.status_code == 400
    assert response.get_json()["parameter"] == "audience"


def test_app_only_document_is_served_in_the_app_view(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    from tests.support import path

    repo.write(path("sovellukseen", topics=["raskaus"], audience=["app"]))
    repo.commit("App-only path")
    client = make_app().test_client()
    assert client.get("/v1/paths/sovellukseen").status_code == 404
    assert client.get("/v1/paths/sovellukseen?audience=app").status_code == 200
    hashes = {item["id"]: item["hash"] for item in sync_items(client, "lang=fi")}
    assert hashes["sovellukseen"] == sha256(client.get("/v1/paths/sovellukseen?audience=app&lang=fi").data)


@pytest.mark.parametrize("query", ["audience=app", "audience=app&format=html", "format=html&lang=sv"])
def test_app_and_html_views_follow_the_delivered_schema(app_client: FlaskClient, query: str) -> None:
    """Other views and formats change which blocks and how texts are written, never the shape."""
    checked = 0
    for kind in ("path", "channel", "segment", "topic"):
        schema = app_client.get(f"/v1/schemas/{kind}?form=delivered").get_json()
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        listing = app_client.get(f"/v1/{kind}s?per_page=100&{query}").get_json()
        for item in listing["items"]:
            body = app_client.get(f"/v1/{kind}s/{item['id']}?{query}").get_json()
            assert not list(validator.iter_errors(body)), (kind, item["id"])
            checked += 1
    assert checked > 30
