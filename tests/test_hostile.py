"""Hostile input: forged sync tokens and cursors, and requests meant to fill a worker's memory."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.api import query_string
from pathapi.api.app import create_app
from pathapi.api.runtime import EXTENSION
from pathapi.api.sync import SYNC_PAGES
from pathapi.delivery import localize
from pathapi.delivery.cache import MB, BoundedCache
from pathapi.delivery.catalog import CACHE_BOUNDS, Catalog
from pathapi.delivery.localize import negotiate
from pathapi.publishing import release
from pathapi.store.git import ContentRepository
from tests.support import ContentRepo, path, standard_content

pytestmark = pytest.mark.hostile

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
EMBARGO = datetime(2030, 1, 1, tzinfo=UTC)
RETIRED = datetime(2020, 1, 1, tzinfo=UTC)
SECRETS = ("salainen", "embargo", "luonnos", "vanha")  # ids that must never reach the public app


@pytest.fixture(scope="module")
def scene_repo(tmp_path_factory: pytest.TempPathFactory) -> ContentRepo:
    """The standard corpus, shared by this module's tests (which never change it)."""
    repo = ContentRepo(tmp_path_factory.mktemp("hostile") / "repo")
    standard_content(repo)
    repo.commit("Initial content")
    return repo


@pytest.fixture(scope="module")
def scene(scene_repo: ContentRepo) -> dict[str, str]:
    """A released main (two new paths, one embargoed) and a branch with an unreleased path."""
    repo = scene_repo
    initial = repo.git("rev-parse", "HEAD")
    repo.write(path("embargo", topics=["raskaus"], publish_at=EMBARGO.isoformat()))
    repo.write(path("vanha", topics=["raskaus"], unpublish_at=RETIRED.isoformat()))  # retired long ago
    repo.write(path("uusi-1", topics=["raskaus"]))
    repo.write(path("uusi-2", topics=["raskaus"]))
    released = repo.commit("New paths, one embargoed")
    release(ContentRepository(repo.root), "HEAD", "", date(2026, 11, 30))
    repo.git("checkout", "-q", "-b", "luonnokset")
    repo.write(path("salainen", topics=["raskaus"]))
    branch = repo.commit("Branch-only path")
    repo.git("checkout", "-q", "main")
    return {"initial": initial, "released": released, "branch": branch}


@pytest.fixture(scope="module")
def make_app(scene_repo: ContentRepo, scene: dict[str, str]) -> Callable[..., Flask]:
    """Factory for an app over the scene at NOW; keyword arguments become config."""

    def make(**config: object) -> Flask:
        return create_app({"REPO": str(scene_repo.root), "TESTING": True, "CLOCK": lambda: NOW, **config})

    return make


@pytest.fixture(scope="module", params=[True, False], ids=["fast-lane", "flask"])
def app(request: pytest.FixtureRequest, make_app: Callable[..., Flask]) -> Flask:
    """An app at NOW with previews enabled, through both lanes."""
    return make_app(FAST_LANE=request.param, PREVIEW_TOKEN="p")


def sign(app: Flask, prefix: str, payload: Any) -> str:
    """PAYLOAD sealed with the server's own key: what an attacker who learned the key could send."""
    return app.extensions[EXTENSION].service.seal.seal_bytes(prefix, json.dumps(payload).encode())


def unsigned(prefix: str, payload: Any) -> str:
    """PAYLOAD as the old, unsigned tokens were made."""
    return prefix + base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def micros(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


def honest_point(client: FlaskClient) -> dict[str, Any]:
    """The decoded payload of a token the server handed out."""
    token = client.get("/v1/sync?lang=fi&limit=1000").get_json()["sync_token"]
    body = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))))


def honest_since(scene: dict[str, str]) -> dict[str, Any]:
    """A point an app that synced the initial commit honestly holds (two paths behind)."""
    return {"commit": scene["initial"], "at": 0, "lang": "fi", "topic": None, "view": "app"}


def forged_cursor(client: FlaskClient, scene: dict[str, str], where: str, change: dict[str, Any]) -> dict[str, Any]:
    """An honest cursor (page 2 of the delta since the initial commit) with CHANGE made to WHERE."""
    cursor: dict[str, Any] = {"target": honest_point(client), "since": honest_since(scene), "offset": 1}
    cursor[where] = {**cursor[where], **change}
    return cursor


def assert_start_over(response: Any, parameter: str) -> None:
    """400 problem+json naming PARAMETER, telling the app to start over, leaking nothing."""
    assert response.status_code == 400, response.data[:300]
    assert response.headers["Content-Type"] == "application/problem+json"
    assert "immutable" not in response.headers.get("Cache-Control", "")
    body = response.get_json()
    assert body["parameter"] == parameter
    assert "start over" in body["detail"]
    assert not any(secret in response.get_data(as_text=True) for secret in SECRETS)


def test_forged_cursor_naming_a_branch_commit_and_2030_is_refused(app: Flask, scene: dict[str, str]) -> None:
    client = app.test_client()
    target = {"commit": scene["branch"], "at": micros(EMBARGO), "lang": "fi", "topic": None, "view": "app"}
    cursor = {"target": target, "since": None, "offset": 1}
    for forged in (sign(app, "c2.", cursor), unsigned("c1.", cursor), unsigned("c2.", cursor)):
        assert_start_over(client.get("/v1/sync", query_string={"cursor": forged}), "cursor")


def test_forged_token_naming_a_branch_commit_and_2030_is_refused(app: Flask, scene: dict[str, str]) -> None:
    client = app.test_client()
    since = {"commit": scene["branch"], "at": micros(EMBARGO), "lang": "fi", "topic": None, "view": "app"}
    for forged in (sign(app, "t2.", since), unsigned("t1.", since)):
        assert_start_over(client.get("/v1/sync", query_string={"token": forged}), "token")


def test_a_cursor_whose_since_claims_preview_is_refused(app: Flask, scene: dict[str, str]) -> None:
    client = app.test_client()
    target = honest_point(client)
    since = {**target, "commit": scene["branch"], "view": "preview"}
    cursor = sign(app, "c2.", {"target": target, "since": since, "offset": 1})
    assert_start_over(client.get("/v1/sync", query_string={"cursor": cursor}), "cursor")


def test_preview_tokens_are_honoured_only_with_the_preview_token(app: Flask, scene: dict[str, str]) -> None:
    client = app.test_client()
    auth = {"Authorization": "Bearer p"}
    page = client.get("/v1/sync?ref=luonnokset&limit=2", headers=auth).get_json()
    assert client.get(page["next"]).status_code == 401
    assert client.get(page["next"], headers=auth).status_code == 200
    token = client.get("/v1/sync?ref=luonnokset", headers=auth).get_json()["sync_token"]
    assert client.get("/v1/sync", query_string={"token": token}).status_code == 401
    assert client.get("/v1/sync", query_string={"token": token}, headers=auth).status_code == 200


POINT_FORGERIES: list[tuple[str, Any]] = [
    ("commit", 123),
    ("commit", None),
    ("commit", "zzz"),
    ("commit", "0" * 40),
    ("commit", ["a"]),
    ("at", "x"),
    ("at", -1),
    ("at", 1.5),
    ("at", True),
    ("at", None),
    ("at", 10**30),
    ("at", 12345),
    ("at", micros(EMBARGO)),
    ("lang", {}),
    ("lang", "de"),
    ("lang", ["fi"]),
    ("lang", None),
    ("lang", 1),
    ("topic", ["raskaus"]),
    ("topic", "olematon"),
    ("topic", "NOT AN ID"),
    ("topic", 5),
    ("topic", {}),
    ("view", "intranet"),
    ("view", "public"),
    ("view", None),
    ("view", {}),
    ("view", "preview"),
    ("view", "intranet-preview"),
]


def test_a_moment_before_the_version_was_made_is_refused(app: Flask, scene: dict[str, str]) -> None:
    client = app.test_client()
    honest = honest_point(client)
    assert honest["at"] == micros(RETIRED)  # the live interval began when "vanha" was retired
    before = {**honest, "at": 0}  # would show "vanha", retired years before this commit was made
    assert_start_over(client.get("/v1/sync", query_string={"token": sign(app, "t2.", before)}), "token")
    cursor = {"target": before, "since": None, "offset": 1}
    assert_start_over(client.get("/v1/sync", query_string={"cursor": sign(app, "c2.", cursor)}), "cursor")


@pytest.mark.parametrize(("field", "value"), POINT_FORGERIES)
def test_every_forged_token_field_is_a_start_over_400(
    app: Flask, scene: dict[str, str], field: str, value: Any
) -> None:
    client = app.test_client()
    point = {**honest_point(client), field: value}
    response = client.get("/v1/sync", query_string={"token": sign(app, "t2.", point)})
    if field == "view" and value in ("preview", "intranet", "intranet-preview"):  # its credentials are asked for
        assert response.status_code == 401 and response.get_json()["parameter"] == "token"
        return
    assert_start_over(response, "token")


@pytest.mark.parametrize(("field", "value"), POINT_FORGERIES)
@pytest.mark.parametrize("where", ["target", "since"])
def test_every_forged_cursor_field_is_a_start_over_400(
    app: Flask, scene: dict[str, str], field: str, value: Any, where: str
) -> None:
    client = app.test_client()
    cursor = forged_cursor(client, scene, where, {field: value})
    response = client.get("/v1/sync", query_string={"cursor": sign(app, "c2.", cursor)})
    assert_start_over(response, "cursor")


@pytest.mark.parametrize("where", ["target", "since"])
def test_the_unforged_cursor_is_served(app: Flask, scene: dict[str, str], where: str) -> None:
    client = app.test_client()
    cursor = sign(app, "c2.", forged_cursor(client, scene, where, {}))
    response = client.get("/v1/sync", query_string={"cursor": cursor})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["total"] == 2


@pytest.mark.parametrize(
    "change",
    [
        {"offset": "1"},
        {"offset": -1},
        {"offset": 0},
        {"offset": True},
        {"offset": 10**9},
        {"offset": None},
        {"since": []},
        {"target": None},
        {"extra": 1},
    ],
)
def test_forged_cursor_shapes_are_a_start_over_400(app: Flask, scene: dict[str, str], change: dict[str, Any]) -> None:
    client = app.test_client()
    cursor = {**forged_cursor(client, scene, "target", {}), **change}
    assert_start_over(client.get("/v1/sync", query_string={"cursor": sign(app, "c2.", cursor)}), "cursor")


@pytest.mark.parametrize("payload", [[], "x", 1, None, {"commit": "a"}])
def test_forged_token_shapes_are_a_start_over_400(app: Flask, payload: Any) -> None:
    client = app.test_client()
    assert_start_over(client.get("/v1/sync", query_string={"token": sign(app, "t2.", payload)}), "token")


def test_a_tampered_or_foreign_signature_is_refused(app: Flask, make_app: Callable[..., Flask]) -> None:
    client = app.test_client()
    token = client.get("/v1/sync").get_json()["sync_token"]
    prefix, body, mac = token.split(".")
    assert client.get("/v1/sync", query_string={"token": token}).status_code == 200
    point = {**honest_point(client), "lang": "sv"}
    tampered = f"{prefix}.{unsigned('', point)}.{mac}"
    assert_start_over(client.get("/v1/sync", query_string={"token": tampered}), "token")
    assert_start_over(client.get("/v1/sync", query_string={"token": f"{prefix}.{body}"}), "token")
    assert_start_over(client.get("/v1/sync", query_string={"cursor": f"c2.{body}.{mac}"}), "cursor")
    other = make_app(TOKEN_SECRET="another-secret").test_client()
    assert_start_over(other.get("/v1/sync", query_string={"token": token}), "token")


def test_replicas_without_a_secret_agree_and_a_secret_changes_the_key(
    make_app: Callable[..., Flask], scene: dict[str, str]
) -> None:
    first, second = make_app(CLOCK=lambda: NOW).test_client(), make_app(CLOCK=lambda: NOW).test_client()
    token = first.get("/v1/sync").get_json()["sync_token"]
    assert second.get("/v1/sync", query_string={"token": token}).status_code == 200
    secret = make_app(TOKEN_SECRET="s3cret").test_client()
    assert secret.get("/v1/sync").get_json()["sync_token"] != token


def test_honest_tokens_and_cursors_keep_working(app: Flask) -> None:
    client = app.test_client()
    page = client.get("/v1/sync?limit=2").get_json()
    seen = {e["id"] for e in page["items"]}
    while page["next"]:
        response = client.get(page["next"])
        assert response.status_code == 200
        assert "immutable" in response.headers["Cache-Control"]
        page = response.get_json()
        seen |= {e["id"] for e in page["items"]}
    assert not seen & set(SECRETS)
    delta = client.get("/v1/sync", query_string={"token": page["sync_token"]})
    assert delta.status_code == 200 and delta.get_json()["items"] == []


def test_bounded_cache_keeps_its_bounds_and_drops_the_least_recently_used() -> None:
    cache: BoundedCache[int, bytes] = BoundedCache("test", entries=3, max_bytes=1000, size=len)
    for key in range(10):
        cache[key] = b"x" * 100
    assert len(cache) == 3 and cache.size == 300
    assert cache.get(9) is not None and cache.get(0) is None
    cache.get(7)  # now the most recently used
    cache[10] = b"y" * 850  # pushes out 8, then 9, by bytes
    assert len(cache) == 2 and cache.size == 950 and 7 in cache and 8 not in cache and 9 not in cache
    assert cache.put(11, b"z" * 2000) == b"z" * 2000 and 11 not in cache  # too big: served, not kept
    assert cache.get_or_compute(12, lambda: b"w") == b"w" and 12 in cache


@pytest.fixture
def small_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounds small enough that a few hundred requests must reach them."""
    monkeypatch.setitem(CACHE_BOUNDS, "Catalog.items", (10_000, 6_000))
    monkeypatch.setitem(CACHE_BOUNDS, "Catalog.collections", (40, 10 * MB))
    monkeypatch.setattr(SYNC_PAGES, "entries", 30)
    monkeypatch.setattr(query_string, "_PARSED", BoundedCache("params.parse", 25, MB))


def live_catalog(app: Flask) -> Catalog:
    return app.extensions[EXTENSION].service.library.state.edition.public(NOW)


def test_distinct_valid_requests_leave_every_cache_at_its_bound(
    small_caches: None, make_app: Callable[..., Flask]
) -> None:
    app = make_app()
    client = app.test_client()
    for per_page in range(1, 101):
        for page in (1, 2):
            assert client.get(f"/v1/paths?per_page={per_page}&page={page}").status_code == 200
    for lang in ("fi", "sv", "en"):
        for expand in (
            "segments,topics",
            "channels",
            "topics",
            "segments",
            "related_paths",
            "channels,topics",
            "channels,topics,segments,related_paths",
        ):
            for doc in ("ehkaisy", "testaus", "uusi-1", "uusi-2"):
                assert client.get(f"/v1/paths/{doc}?lang={lang}&expand={expand}").status_code == 200
    for lang in ("fi", "sv", "en"):
        for limit in range(1, 12):
            url: str | None = f"/v1/sync?limit={limit}&lang={lang}"
            while url:
                response = client.get(url)
                assert response.status_code == 200
                url = response.get_json()["next"]
    catalog = live_catalog(app)
    assert len(catalog.collections) == 40
    assert 0 < catalog.items.size <= 6_000 and len(catalog.items) < 3 * 7 * 4
    assert len(SYNC_PAGES.of(app.extensions[EXTENSION].service.library)) == 30
    assert len(query_string._PARSED) == 25


def test_huge_expand_strings_are_refused_and_never_kept(small_caches: None, make_app: Callable[..., Flask]) -> None:
    client = make_app().test_client()
    for size in (101, 1000, 65_000):
        response = client.get("/v1/paths/ehkaisy", query_string={"expand": "," * size})
        assert response.status_code == 400 and response.get_json()["parameter"] == "expand"
    assert len(query_string._PARSED) == 0  # refused queries are never kept
    assert client.get("/v1/paths/ehkaisy", query_string={"expand": "channels, topics"}).status_code == 200


def test_many_accept_language_headers_stay_bounded() -> None:
    for i in range(3000):
        negotiate(f"fi;q=0.{i % 1000:03d}, sv;q=0.{i // 1000}")
    assert len(localize._NEGOTIATED) <= localize._NEGOTIATED.entries


def test_limits_past_the_end_share_one_sync_page(app: Flask) -> None:
    client = app.test_client()
    memo = SYNC_PAGES.of(app.extensions[EXTENSION].service.library)
    first = client.get("/v1/sync?limit=999&lang=sv")
    before = len(memo)
    for limit in range(100, 400):
        assert client.get(f"/v1/sync?limit={limit}&lang=sv").data == first.data
    assert len(memo) == before
