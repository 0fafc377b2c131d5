"""Renames without broken links: former ids (aliases) answer 301, sync sees a delete plus an upsert."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from pathapi.api.app import create_app
from tests.support import ContentRepo, standard_repo
from tests.sync_client import App


def rename_testaus(repo: ContentRepo) -> str:
    """Rename path testaus to testit (keeping testaus as an alias) and fix the reference to it."""
    old = repo.root / "content/paths/testaus.json"
    data = json.loads(old.read_text())
    data.update(id="testit", aliases=["testaus"])
    old.unlink()
    repo.write(data, "path")
    referrer = repo.root / "content/paths/ehkaisy.json"
    referrer.write_text(referrer.read_text().replace('"testaus"', '"testit"'))
    return repo.commit("Rename testaus to testit")


@pytest.fixture(scope="module")
def renamed_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[ContentRepo, str, str]:
    """The standard repository after the rename, with the commit ids before and after it (tests only read)."""
    repo = standard_repo(tmp_path_factory.mktemp("renamed") / "repo")
    before = repo.git("rev-parse", "HEAD")
    return repo, before, rename_testaus(repo)


@pytest.fixture(scope="module", params=[True, False], ids=["fast-lane", "flask"])
def renamed_app(request: pytest.FixtureRequest, renamed_repo: tuple[ContentRepo, str, str]) -> Flask:
    """An app over ``renamed_repo``, through the fast lane and through Flask alone."""
    return create_app({"REPO": str(renamed_repo[0].root), "TESTING": True, "FAST_LANE": request.param})


@pytest.fixture
def renamed(renamed_app: Flask, renamed_repo: tuple[ContentRepo, str, str]) -> tuple[FlaskClient, str, str]:
    """A client after the rename, with the commit ids before and after it."""
    _repo, before, after = renamed_repo
    return renamed_app.test_client(), before, after


def test_old_url_answers_301_to_the_new_one_with_the_query_string(renamed: tuple[FlaskClient, str, str]) -> None:
    client, _before, after = renamed
    response = client.get("/v1/paths/testaus?lang=sv&expand=channels")
    assert response.status_code == 301
    assert response.headers["Location"] == "/v1/paths/testit?lang=sv&expand=channels"
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert response.headers["Content-Version"] == after
    assert response.get_json()["id"] == "testit"
    followed = client.get(response.headers["Location"])
    assert followed.status_code == 200 and followed.get_json()["aliases"] == ["testaus"]
    history = client.get("/v1/paths/testaus/history")
    assert history.status_code == 301 and history.headers["Location"] == "/v1/paths/testit/history"
    assert client.get("/v1/paths/testaus", follow_redirects=True).get_json()["id"] == "testit"


def test_pinned_old_urls_resolve_in_their_own_version(renamed: tuple[FlaskClient, str, str]) -> None:
    client, before, after = renamed
    old = client.get(f"/v1/paths/testaus?version={before}")
    assert old.status_code == 200 and old.get_json()["id"] == "testaus"
    moved = client.get(f"/v1/paths/testaus?version={after}")
    assert moved.status_code == 301
    assert moved.headers["Location"] == f"/v1/paths/testit?version={after}"
    assert "immutable" in moved.headers["Cache-Control"]
    assert client.get(f"/v1/paths/testit?version={before}").status_code == 404


def test_an_unknown_id_is_still_404(renamed: tuple[FlaskClient, str, str]) -> None:
    client, _before, _after = renamed
    assert client.get("/v1/paths/testaus-2").status_code == 404


def test_aliases_of_hidden_documents_do_not_redirect(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    draft = repo.root / "content/paths/luonnos.json"
    data = json.loads(draft.read_text())
    draft.write_text(json.dumps({**data, "aliases": ["salainen-vanha"]}, ensure_ascii=False))
    repo.commit("A draft with a former id")
    client = make_app().test_client()
    assert client.get("/v1/paths/salainen-vanha").status_code == 404


def test_sync_reports_a_rename_as_a_deletion_plus_an_upsert(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = App(make_app().test_client())
    app.sync()
    rename_testaus(repo)
    app.client = make_app().test_client()
    upserted, deleted = app.sync()
    assert deleted == {("path", "testaus")}
    assert upserted == {("path", "testit"), ("path", "ehkaisy")}
    assert app.store[("path", "testit")]["aliases"] == ["testaus"]


def test_the_redirect_is_documented(renamed: tuple[FlaskClient, str, str]) -> None:
    client, _before, _after = renamed
    spec = client.get("/openapi.json").get_json()
    for route, url in (
        ("/v1/paths/{doc_id}", "/v1/paths/testaus"),
        ("/v1/paths/{doc_id}/history", "/v1/paths/testaus/history"),
    ):
        documented = spec["paths"][route]["get"]["responses"]["301"]
        assert "Location" in documented["headers"]
        body = client.get(url).get_json()
        Draft202012Validator(documented["content"]["application/json"]["schema"]).validate(body)


def rename_topic(repo: ContentRepo) -> None:
    """Rename topic raskaus to raskaus-ja-perhe (keeping raskaus as an alias) and fix the references to it."""
    old = repo.root / "content/topics/raskaus.json"
    data = json.loads(old.read_text())
    data.update(id="raskaus-ja-perhe", aliases=["raskaus"])
    old.unlink()
    repo.write(data, "topic")
    for referrer in (repo.root / "content/paths").glob("*.json"):
        referrer.write_text(referrer.read_text().replace('"raskaus"', '"raskaus-ja-perhe"'))
    repo.commit("Rename topic raskaus")


@pytest.mark.parametrize("route", ["/v1/search?q=polku&topic={}&per_page=5&lang=fi", "/v1/paths?topic={}&lang=sv"])
@pytest.mark.parametrize("lane", [True, False], ids=["fast-lane", "flask"])
def test_a_former_id_as_a_filter_value_redirects_to_the_same_question_with_the_current_id(
    repo: ContentRepo, make_app: Callable[..., Flask], route: str, lane: bool
) -> None:
    rename_topic(repo)
    client = make_app(FAST_LANE=lane).test_client()
    response = client.get(route.format("raskaus"))
    assert response.status_code == 301, response.get_json()
    assert response.headers["Location"] == route.format("raskaus-ja-perhe")
    assert response.get_json() == {"id": "raskaus-ja-perhe", "type": "topic", "href": route.format("raskaus-ja-perhe")}
    followed = client.get(response.headers["Location"])
    assert followed.status_code == 200 and followed.get_json()["items"]
    unknown = client.get(route.format("raskaus-2"))
    assert unknown.status_code == 400 and "raskaus-ja-perhe" in unknown.get_json()["detail"]
