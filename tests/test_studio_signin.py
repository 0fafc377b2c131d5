"""Studio sign-in on a served repository: the preview token becomes a safe cookie, never a URL."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.studio.session import COOKIE, LIFETIME, Sessions
from tests.support import ContentRepo, topic

TOKEN = "preview-7f3a9c1e5b2d"


@pytest.fixture
def studio(shared_app: Callable[..., Flask]) -> FlaskClient:
    """A fresh client (no cookie) of the module's shared server with a preview token, through Flask."""
    return shared_app(PREVIEW_TOKEN=TOKEN, FAST_LANE=False).test_client()


@pytest.fixture
def own_studio(make_app: Callable[..., Flask]) -> FlaskClient:
    """A client of a server over the test's own repository (``repo``), with a preview token, through Flask."""
    return make_app(PREVIEW_TOKEN=TOKEN, FAST_LANE=False).test_client()


def _sign_in(client: FlaskClient, token: str = TOKEN, **kwargs: object) -> object:
    return client.post("/studio/signin", data={"token": token, "back": "/studio/paths/luonnos"}, **kwargs)


def test_sign_in_sets_a_strict_httponly_cookie_that_is_not_the_token(studio: FlaskClient) -> None:
    form = studio.get("/studio/signin").get_data(as_text=True)
    assert 'method="post"' in form and 'type="password"' in form
    answer = _sign_in(studio)
    assert answer.status_code == 303 and answer.headers["Location"] == "/studio/paths/luonnos"
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Path=/studio" in cookie and "Secure" not in cookie
    assert TOKEN not in cookie
    assert answer.headers["Cache-Control"] == "private, no-store"


def test_cookie_is_secure_over_https(studio: FlaskClient) -> None:
    assert "Secure" in _sign_in(studio, base_url="https://studio.example.fi").headers["Set-Cookie"]
    assert "Secure" in _sign_in(studio, headers={"X-Forwarded-Proto": "https"}).headers["Set-Cookie"]


def test_signed_in_editors_see_drafts_refs_and_intranet(studio: FlaskClient) -> None:
    assert studio.get("/studio/paths/luonnos").status_code == 404
    _sign_in(studio)
    assert studio.get("/studio/paths/luonnos").status_code == 200
    assert studio.get("/studio/?ref=main").status_code == 200
    assert "SISÄINEN kaista" in studio.get("/studio/paths/ehkaisy?audience=intranet").get_data(as_text=True)
    studio.post("/studio/signout")
    assert studio.get("/studio/paths/luonnos").status_code == 404


@pytest.mark.parametrize("ref", ["--output=/tmp/x", "HEAD~1", "main:content", "ei-haaraa", "abcdef1"])
def test_refs_are_only_known_names_or_hex_ids(studio: FlaskClient, ref: str) -> None:
    _sign_in(studio)
    answer = studio.get("/studio/", query_string={"ref": ref})
    assert answer.status_code == 404 and "ref:" in answer.get_data(as_text=True)


def test_wrong_token_or_forged_cookie_gets_nothing(studio: FlaskClient) -> None:
    wrong = _sign_in(studio, token="arvaus")
    assert wrong.status_code == 401 and "Set-Cookie" not in wrong.headers
    studio.set_cookie(COOKIE, TOKEN, path="/studio")
    assert studio.get("/studio/paths/luonnos").status_code == 404
    studio.set_cookie(COOKIE, "1.abc", path="/studio")
    assert studio.get("/studio/?ref=main").status_code == 401


def test_token_never_appears_in_urls_pages_or_logs(studio: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    seen = [_sign_in(studio)]
    seen += [
        studio.get(url)
        for url in ("/studio/", "/studio/paths/ehkaisy", "/studio/paths/luonnos?lang=sv", "/studio/signin")
    ]
    for answer in seen:
        assert TOKEN not in answer.get_data(as_text=True)
        assert all(TOKEN not in value for _name, value in answer.headers.items() if _name != "Set-Cookie")
    assert TOKEN not in caplog.text


def test_sessions_expire_and_die_with_the_token() -> None:
    now = [1_000_000.0]
    sessions = Sessions(TOKEN, clock=lambda: now[0])
    value = sessions.issue()
    assert sessions.valid(value)
    assert not Sessions("another-token", clock=lambda: now[0]).valid(value)
    now[0] += LIFETIME + 1
    assert not sessions.valid(value)


def test_without_a_preview_token_there_is_no_sign_in(shared_app: Callable[..., Flask]) -> None:
    client = shared_app(FAST_LANE=False).test_client()
    assert client.post("/studio/signin", data={"token": "x"}).status_code == 200  # the form again, no cookie
    assert "Set-Cookie" not in client.post("/studio/signin", data={"token": "x"}).headers


def test_review_page_between_two_refs_needs_sign_in(own_studio: FlaskClient, repo: ContentRepo) -> None:
    studio = own_studio
    first = repo.git("rev-parse", "HEAD")
    repo.write(topic("uusi-aihe"))
    repo.commit("Uusi aihe")
    assert studio.get(f"/studio/diff?base={first}&head=main").status_code == 401
    _sign_in(studio)
    html = studio.get(f"/studio/diff?base={first}&head=main").get_data(as_text=True)
    assert "uusi-aihe" in html and "Aihe uusi-aihe" in html
    assert studio.get("/studio/diff?base=HEAD~1&head=main").status_code == 404


def test_a_branch_that_fails_validation_is_shown_with_its_problems(own_studio: FlaskClient, repo: ContentRepo) -> None:
    studio = own_studio
    repo.git("switch", "-q", "-c", "rikki")
    repo.write_raw("content/paths/ehkaisy.json", '{"id": "ehkaisy", "title": }\n')
    repo.commit("Rikki")
    repo.git("switch", "-q", "main")
    _sign_in(studio)
    page = studio.get("/studio/paths/ehkaisy?ref=rikki")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "content/paths/ehkaisy.json:1:" in html
    assert "rikki (" in html  # which version is shown
    assert studio.get("/v1/paths/ehkaisy").status_code == 200  # the live version is untouched
