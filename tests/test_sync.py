"""App sync, following an app's life: install, then deltas after changes, deletions, unpublishing."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.api.runtime import EXTENSION
from pathapi.delivery.tokens import TOKEN
from pathapi.publishing import release
from pathapi.store.git import ContentRepository
from tests.support import ContentRepo, channel, path
from tests.sync_client import App

TODAY = date(2026, 11, 23)


class Clock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def edit(repo: ContentRepo, doc_id: str, **changes: Any) -> None:
    """Change top-level fields of a path in the working tree."""
    target = repo.root / f"content/paths/{doc_id}.json"
    data = json.loads(target.read_text())
    data.update(changes)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@pytest.fixture
def client(shared_app: Callable[..., Flask]) -> FlaskClient:
    """The module's shared app over the standard corpus, for tests that only read (the fast lane serves /v1/sync)."""
    return shared_app().test_client()


def test_first_sync_pages_through_everything_the_app_may_hold(client: FlaskClient) -> None:
    app = App(client)
    upserted, deleted = app.sync(limit=2)
    assert upserted == {
        ("topic", "seksuaaliterveys"),
        ("topic", "raskaus"),
        ("segment", "s1-asiantuntijuus"),
        ("channel", "neuvonta"),
        ("channel", "chat"),
        ("path", "ehkaisy"),
        ("path", "testaus"),
    }
    assert deleted == set()
    assert app.token is not None
    assert "SISÄINEN" not in json.dumps(list(app.store.values()), ensure_ascii=False)


def test_delta_returns_exactly_the_changes_in_the_chosen_language(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    store = ContentRepository(repo.root)
    release(store, "HEAD", "", TODAY)
    app = App(make_app().test_client(), lang="sv")
    app.sync()
    assert app.store[("path", "ehkaisy")]["title"] == "Polku ehkaisy (sv)"

    edit(repo, "ehkaisy", title={"fi": "Uusi", "sv": "Ny", "en": "New"}, related_paths=[])  # a change
    repo.remove("content/paths/testaus.json")  # a deletion
    repo.write(channel("neuvonta", status="archived"))  # an unpublish (archived)
    edit(repo, "ehkaisy", title={"fi": "Uusi", "sv": "Ny", "en": "New"}, related_paths=[])
    doc = repo.root / "content/paths/ehkaisy.json"
    data = json.loads(doc.read_text())
    for phase in data["phases"]:
        for step in phase["steps"]:
            step["channels"] = [c for c in step.get("channels", []) if c != "neuvonta"]
    doc.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    repo.commit("Change, delete, archive")
    release(store, "HEAD", "", TODAY)  # a new release

    app.client = make_app().test_client()
    upserted, deleted = app.sync()
    assert upserted == {("path", "ehkaisy")}
    assert deleted == {("path", "testaus"), ("channel", "neuvonta")}
    assert app.store[("path", "ehkaisy")]["title"] == "Ny"
    assert app.store[("path", "ehkaisy")]["language"] == "sv"
    assert app.sync() == (set(), set())  # nothing more


def test_unpublishing_by_time_is_a_deletion_without_a_new_commit(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    # Moments after the commit's date (the real now): a server never served a commit before it.
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    ends = today + timedelta(days=40)
    repo.write(channel("kampanja", unpublish_at=ends.isoformat()))
    opens = today + timedelta(days=10)
    repo.write(channel("tuleva", publish_at=opens.isoformat()))
    repo.commit("Scheduled channels")
    clock = Clock(today + timedelta(days=3))
    app = App(make_app(CLOCK=clock).test_client())
    app.sync()
    assert ("channel", "kampanja") in app.store and ("channel", "tuleva") not in app.store
    clock.now = opens + timedelta(days=1)
    assert app.sync() == ({("channel", "tuleva")}, set())
    clock.now = ends
    assert app.sync() == (set(), {("channel", "kampanja")})


def test_leaving_the_filter_or_the_apps_audience_is_a_deletion(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    app = App(make_app().test_client(), topic="raskaus")
    app.sync()
    assert ("path", "testaus") in app.store and ("path", "ehkaisy") not in app.store
    edit(repo, "testaus", topics=["seksuaaliterveys"])
    repo.write(channel("chat", type="chat", name={"fi": "Chat"}, audience=["public", "intranet"]))
    repo.commit("Move testaus out of raskaus; chat is not for the app")
    app.client = make_app().test_client()
    assert app.sync() == (set(), {("path", "testaus"), ("channel", "chat")})


def test_bundle_install_then_delta(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = App(make_app().test_client(), lang="en")
    app.install_bundle()
    assert app.store[("path", "ehkaisy")]["title"] == "Polku ehkaisy (en)"
    assert app.store[("path", "testaus")]["language"] == "fi"  # no English: Finnish
    repo.write(path("uusi", topics=["raskaus"]))
    repo.commit("New path")
    app.client = make_app().test_client()
    assert app.sync() == ({("path", "uusi")}, set())


def test_bundle_is_built_once_with_a_strong_etag(client: FlaskClient) -> None:
    first = client.get("/v1/bundle?lang=fi")
    second = client.get("/v1/bundle?lang=fi")
    assert first.data == second.data and first.headers["ETag"] == second.headers["ETag"]
    assert not first.headers["ETag"].startswith("W/")
    assert client.get("/v1/bundle?lang=fi", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.get("/v1/bundle?lang=sv").headers["ETag"] != first.headers["ETag"]
    assert first.headers["Content-Type"] == "application/gzip"


def test_a_token_from_an_old_release_still_works(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    store = ContentRepository(repo.root)
    release(store, "HEAD", "", TODAY)
    app = App(make_app().test_client())
    app.sync()
    for number in range(3):
        repo.write(path(f"uusi-{number}", topics=["raskaus"]))
        repo.commit(f"Path {number}")
        release(store, "HEAD", "", TODAY)
    app.client = make_app().test_client()
    assert app.sync() == ({("path", "uusi-0"), ("path", "uusi-1"), ("path", "uusi-2")}, set())


@pytest.mark.parametrize("token", ["garbage", "t1.bm90IGpzb24", "t1." + "A" * 40, "c1.e30"])
def test_a_malformed_token_asks_the_app_to_resync(client: FlaskClient, token: str) -> None:
    response = client.get("/v1/sync", query_string={"token": token})
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == "token" and "start over with GET /v1/sync" in body["detail"]


def test_a_token_for_an_unknown_version_asks_the_app_to_resync(shared_app: Callable[..., Flask]) -> None:
    app = shared_app()
    payload = {"commit": "0" * 40, "at": 0, "lang": "fi", "topic": None, "view": "app"}
    token = app.extensions[EXTENSION].service.seal.seal(TOKEN, payload)
    response = app.test_client().get("/v1/sync", query_string={"token": token})
    assert response.status_code == 400
    assert "does not know" in response.get_json()["detail"]


def test_token_keeps_its_language(client: FlaskClient) -> None:
    token = client.get("/v1/sync?lang=sv").get_json()["sync_token"]
    response = client.get("/v1/sync", query_string={"token": token, "lang": "en"})
    assert response.status_code == 400 and response.get_json()["parameter"] == "lang"


def test_unknown_topic_is_400(client: FlaskClient) -> None:
    response = client.get("/v1/sync?topic=olematon")
    assert response.status_code == 400 and "allowed: raskaus" in response.get_json()["detail"]


def test_preview_sync_shows_drafts_and_needs_the_token(shared_app: Callable[..., Flask]) -> None:
    client = shared_app(PREVIEW_TOKEN="p").test_client()
    auth = {"Authorization": "Bearer p"}
    page = client.get("/v1/sync", headers=auth).get_json()
    assert ("path", "luonnos") in {(e["type"], e["id"]) for e in page["items"]}
    assert client.get("/v1/sync", query_string={"token": page["sync_token"]}).status_code == 401
    assert client.get("/v1/sync?ref=main").status_code == 401


def test_unchanged_sync_answers_are_identical_and_cacheable(client: FlaskClient) -> None:
    token = client.get("/v1/sync").get_json()["sync_token"]
    first = client.get("/v1/sync", query_string={"token": token})
    second = client.get("/v1/sync", query_string={"token": token})
    assert first.data == second.data
    assert (
        client.get(
            "/v1/sync", query_string={"token": token}, headers={"If-None-Match": first.headers["ETag"]}
        ).status_code
        == 304
    )
