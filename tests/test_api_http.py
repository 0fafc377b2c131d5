"""HTTP semantics: ETags and 304, caching, CORS, Content-Version, errors as problem+json."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support import ContentRepo


@pytest.fixture
def client(shared_client: FlaskClient) -> FlaskClient:
    """Tests that only read share the module's app; the others build their own with ``make_app``."""
    return shared_client


def test_every_read_names_its_commit_and_is_cacheable(client: FlaskClient, shared_repo: ContentRepo) -> None:
    head = shared_repo.git("rev-parse", "HEAD")
    for url in ["/v1/paths", "/v1/paths/ehkaisy", "/v1/topics", "/v1/channels/chat"]:
        response = client.get(url)
        assert response.headers["Content-Version"] == head
        assert response.headers["Cache-Control"] == "public, max-age=60"
        assert response.headers["ETag"].startswith('"') and response.headers["ETag"].endswith('"')
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response.headers["Access-Control-Expose-Headers"]


def test_if_none_match_answers_304_without_body(client: FlaskClient) -> None:
    for url in ["/v1/paths/ehkaisy?lang=sv", "/v1/paths?lang=fi"]:
        etag = client.get(url).headers["ETag"]
        response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 304
        assert response.data == b""
        assert response.headers["ETag"] == etag
        assert client.get(url, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
        assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_etag_differs_per_language_and_is_stable(client: FlaskClient) -> None:
    fi = client.get("/v1/paths/ehkaisy?lang=fi").headers["ETag"]
    sv = client.get("/v1/paths/ehkaisy?lang=sv").headers["ETag"]
    assert fi != sv
    assert client.get("/v1/paths/ehkaisy?lang=fi").headers["ETag"] == fi


def test_etag_of_unchanged_document_survives_a_new_commit(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    before = make_app().test_client().get("/v1/paths/testaus").headers["ETag"]
    doc = repo.root / "content/paths/ehkaisy.json"
    doc.write_text(doc.read_text().replace("Polku ehkaisy", "Uusi nimi"))
    repo.commit("Rename")
    after = make_app().test_client()
    assert after.get("/v1/paths/testaus").headers["ETag"] == before
    assert after.get("/v1/paths/ehkaisy").get_json()["title"] == "Uusi nimi"


def test_max_age_is_configurable(shared_app: Callable[..., Flask]) -> None:
    response = shared_app(MAX_AGE=5).test_client().get("/v1/paths")
    assert response.headers["Cache-Control"] == "public, max-age=5"


@pytest.mark.parametrize(
    ("url", "parameter", "hint"),
    [
        ("/v1/paths?colour=red", "colour", "allowed: audience, expand, format, lang"),
        ("/v1/paths?lang=de", "lang", "fi, sv, en"),
        ("/v1/paths?page=0", "page", "greater than or equal to 1"),
        ("/v1/paths?page=abc", "page", "integer"),
        ("/v1/paths?per_page=101", "per_page", "less than or equal to 100"),
        ("/v1/paths?topic=nope", "topic", "allowed: raskaus, seksuaaliterveys"),
        ("/v1/paths?level=galactic", "level", "allowed: strategic, service, touchpoint"),
        ("/v1/paths?target_group=cats", "target_group", "allowed: children"),
        ("/v1/paths?topic=raskaus&topic=raskaus", "topic", "more than once"),
        ("/v1/paths?expand=phases", "expand", "allowed: segments, topics"),
        ("/v1/paths/ehkaisy?expand=owner", "expand", "allowed: channels, related_paths, segments, topics"),
        ("/v1/segments/s1-asiantuntijuus?expand=channels", "expand", "nothing for this resource"),
        ("/v1/channels?topic=raskaus", "topic", "unknown parameter"),
        ("/v1/paths/ehkaisy?page=2", "page", "unknown parameter"),
    ],
)
def test_bad_parameter_is_400_naming_it(client: FlaskClient, url: str, parameter: str, hint: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 400
    assert body["parameter"] == parameter
    assert f"'{parameter}'" in body["detail"]
    assert hint in body["detail"]
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", ["/v1/paths/nope", "/v1/topics/NOPE", "/v1/paths/%2e%2e%2fetc", "/v1/paths/a/b"])
def test_unknown_documents_and_routes_are_404_problems(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["title"] == "Not Found"


def test_404_names_the_missing_id(client: FlaskClient) -> None:
    assert client.get("/v1/paths/nope").get_json()["detail"] == 'path "nope" does not exist'


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_writes_are_405_with_allow_header(client: FlaskClient, method: str) -> None:
    response = getattr(client, method)("/v1/paths/ehkaisy")
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert method.upper() in response.get_json()["detail"]


def test_cors_preflight_is_answered(client: FlaskClient) -> None:
    response = client.options(
        "/v1/paths",
        headers={
            "Origin": "https://www.paijatha.fi",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert "Content-Type" not in response.headers
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    allowed = {h.strip() for h in response.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"If-None-Match", "If-Modified-Since", "Accept-Language", "Authorization", "X-Request-Id"} <= allowed


def test_unexpected_failure_is_a_500_problem_without_trace(make_app: Callable[..., Flask]) -> None:
    app = make_app(FAST_LANE=False)
    app.config["TESTING"] = False
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internal detail")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert "secret" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


URLS = [
    "/v1/paths",
    "/v1/paths?lang=sv&per_page=1&page=2",
    "/v1/paths?topic=raskaus",
    "/v1/paths/ehkaisy",
    "/v1/paths/ehkaisy?expand=channels&lang=en",
    "/v1/paths/nope",
    "/v1/paths?lang=xx",
    "/v1/topics/raskaus?expand=parent",
    "/v1/segments",
    "/v1/channels/chat",
]


@pytest.mark.parametrize("url", URLS)
def test_fast_lane_answers_exactly_like_flask(shared_app: Callable[..., Flask], url: str) -> None:
    fast = shared_app(FAST_LANE=True).test_client()
    slow = shared_app(FAST_LANE=False).test_client()
    headers = {"Accept-Language": "sv", "X-Request-Id": "same-request"}  # errors echo it
    a, b = fast.get(url, headers=headers), slow.get(url, headers=headers)
    assert (a.status_code, a.data) == (b.status_code, b.data)
    assert sorted(a.headers.items()) == sorted(b.headers.items())
