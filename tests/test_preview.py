"""Preview: drafts and branches for editors with the bearer token; nothing of it for others."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support import ContentRepo

TOKEN = "preview-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def preview_client(shared_app: Callable[..., Flask], shared_lane: bool) -> FlaskClient:
    """A client of the module's shared app with previews enabled (tests only read)."""
    return shared_app(PREVIEW_TOKEN=TOKEN, FAST_LANE=shared_lane).test_client()


def test_drafts_are_visible_in_preview_only(preview_client: FlaskClient) -> None:
    assert preview_client.get("/v1/paths/luonnos").status_code == 404
    response = preview_client.get("/v1/paths/luonnos", headers=AUTH)
    assert response.status_code == 200
    assert response.get_json()["status"] == "draft"
    assert response.headers["Cache-Control"] == "private, no-store"
    ids = [p["id"] for p in preview_client.get("/v1/paths", headers=AUTH).get_json()["items"]]
    assert "luonnos" in ids


def test_preview_never_shows_professional_content(preview_client: FlaskClient) -> None:
    assert "SISÄINEN" not in preview_client.get("/v1/paths/ehkaisy", headers=AUTH).get_data(as_text=True)


def test_public_responses_vary_on_authorization_when_preview_is_on(preview_client: FlaskClient) -> None:
    assert "Authorization" in preview_client.get("/v1/paths/ehkaisy").headers["Vary"]


@pytest.mark.parametrize("header", ["Bearer wrong", "Basic " + TOKEN, "Bearer", TOKEN])
def test_a_wrong_token_is_401(preview_client: FlaskClient, header: str) -> None:
    response = preview_client.get("/v1/paths", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["detail"].startswith("the bearer token is not one this server knows")
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_preview_disabled_refuses_tokens(shared_app: Callable[..., Flask]) -> None:
    response = shared_app().test_client().get("/v1/paths", headers=AUTH)
    assert response.status_code == 401
    assert "no preview or intranet tokens" in response.get_json()["detail"]


def test_ref_needs_the_token(preview_client: FlaskClient) -> None:
    response = preview_client.get("/v1/paths?ref=main")
    assert response.status_code == 401
    problem = response.get_json()
    assert "'ref'" in problem["detail"] and "preview right" in problem["detail"]
    assert (problem["parameter"], problem["right"]) == ("ref", "preview")


@pytest.mark.parametrize("fast_lane", [True, False], ids=["fast-lane", "flask"])
def test_ref_previews_a_branch_before_it_merges(
    repo: ContentRepo, make_app: Callable[..., Flask], fast_lane: bool
) -> None:
    preview_client = make_app(PREVIEW_TOKEN=TOKEN, FAST_LANE=fast_lane).test_client()
    repo.git("checkout", "-q", "-b", "muokkaus/uusi-otsikko")
    doc = repo.root / "content/paths/ehkaisy.json"
    doc.write_text(doc.read_text().replace('"Polku ehkaisy"', '"Ehdotettu otsikko"'))
    branch_commit = repo.commit("Propose a title")
    repo.git("checkout", "-q", "main")
    assert preview_client.get("/v1/paths/ehkaisy").get_json()["title"] == "Polku ehkaisy"
    response = preview_client.get("/v1/paths/ehkaisy?ref=muokkaus/uusi-otsikko", headers=AUTH)
    assert response.get_json()["title"] == "Ehdotettu otsikko"
    assert response.headers["Content-Version"] == branch_commit
    assert preview_client.get(f"/v1/paths/ehkaisy?ref={branch_commit[:12]}", headers=AUTH).status_code == 200


@pytest.mark.parametrize("ref", ["--upload-pack=touch /tmp/x", "-q", "main..HEAD", "../../etc", "no-such-branch"])
def test_option_like_and_unknown_refs_never_reach_git(preview_client: FlaskClient, ref: str) -> None:
    response = preview_client.get("/v1/paths", query_string={"ref": ref}, headers=AUTH)
    assert response.status_code in (400, 404)
    assert response.get_json()["parameter"] == "ref"


def test_version_and_ref_together_are_400(preview_client: FlaskClient) -> None:
    response = preview_client.get("/v1/paths?ref=main&version=abcdef1", headers=AUTH)
    assert response.status_code == 400
