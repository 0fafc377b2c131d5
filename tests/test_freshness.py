"""Freshness: updated_at from git, Last-Modified with If-Modified-Since, children of a topic."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.http import http_date, parse_date

from pathapi.publishing import release, rollback
from pathapi.store.git import ContentRepository
from pathapi.store.updates import find_updates
from tests.support import GIT_ENV, ContentRepo, channel, topic

T1 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 9, 9, 0, tzinfo=UTC)
T3 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def commit_at(repo: ContentRepo, when: datetime, message: str = "Update", *args: str) -> str:
    """Commit everything (or run git ARGS) with committer date WHEN; return HEAD."""
    env = {**GIT_ENV, "GIT_COMMITTER_DATE": when.isoformat(), "GIT_AUTHOR_DATE": when.isoformat()}
    subprocess.run(["git", "add", "-A"], cwd=repo.root, env=env, check=True)
    command = list(args) or ["commit", "-q", "--allow-empty", "-m", message]
    subprocess.run(["git", *command], cwd=repo.root, env=env, check=True, capture_output=True)
    return repo.git("rev-parse", "HEAD")


def dated_repo(root: Path) -> ContentRepo:
    """Topics and a channel committed at T1, one topic and the channel changed at T2."""
    repo = ContentRepo(root)
    repo.write(topic("seksuaaliterveys"))
    repo.write(topic("raskaus", parent="seksuaaliterveys"))
    repo.write(topic("ehkaisy", parent="seksuaaliterveys"))
    repo.write(topic("mielenterveys"))
    repo.write(channel("neuvonta"))
    commit_at(repo, T1, "Initial")
    repo.write(topic("raskaus", parent="seksuaaliterveys", description={"fi": "Uusi kuvaus.", "sv": "Ny."}))
    commit_at(repo, T2, "Describe raskaus")
    return repo


@pytest.fixture
def dated(tmp_path: Path) -> ContentRepo:
    """The dated repository, the test's own."""
    return dated_repo(tmp_path / "repo")


@pytest.fixture(scope="module", params=[True, False], ids=["fast-lane", "flask"])
def dated_app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """An app over a dated repository shared by the tests that only read, through the fast lane and Flask."""
    from pathapi.api.app import create_app

    repo = dated_repo(tmp_path_factory.mktemp("dated") / "repo")
    return create_app({"REPO": str(repo.root), "TESTING": True, "FAST_LANE": request.param})


@pytest.fixture
def client(dated_app: Flask) -> FlaskClient:
    """A client of ``dated_app``."""
    return dated_app.test_client()


def test_each_document_carries_the_time_of_its_last_change(client: FlaskClient) -> None:
    assert client.get("/v1/topics/mielenterveys").get_json()["updated_at"] == "2026-11-02T09:00:00Z"
    raskaus = client.get("/v1/topics/raskaus")
    assert raskaus.get_json()["updated_at"] == "2026-11-09T09:00:00Z"
    assert raskaus.headers["Last-Modified"] == http_date(T2)
    listed = {item["id"]: item["updated_at"] for item in client.get("/v1/topics").get_json()["items"]}
    assert listed["raskaus"] == "2026-11-09T09:00:00Z" and listed["ehkaisy"] == "2026-11-02T09:00:00Z"


def test_if_modified_since_gives_304_and_if_none_match_wins(client: FlaskClient) -> None:
    first = client.get("/v1/topics/mielenterveys")
    assert first.headers["Last-Modified"] == http_date(T1)
    same = client.get("/v1/topics/mielenterveys", headers={"If-Modified-Since": http_date(T1)})
    assert same.status_code == 304 and same.data == b""
    assert same.headers["ETag"] == first.headers["ETag"]
    older = client.get("/v1/topics/mielenterveys", headers={"If-Modified-Since": "Sun, 01 Nov 2026 00:00:00 GMT"})
    assert older.status_code == 200
    stale_etag = client.get(
        "/v1/topics/mielenterveys", headers={"If-Modified-Since": http_date(T3), "If-None-Match": '"not-the-etag"'}
    )
    assert stale_etag.status_code == 200  # RFC 9110: If-None-Match is evaluated, If-Modified-Since ignored
    garbage = client.get("/v1/topics/mielenterveys", headers={"If-Modified-Since": "yesterday"})
    assert garbage.status_code == 200


def test_a_list_is_as_new_as_its_newest_member(client: FlaskClient) -> None:
    response = client.get("/v1/topics?per_page=1")
    assert response.headers["Last-Modified"] == http_date(T2)
    assert client.get("/v1/topics", headers={"If-Modified-Since": http_date(T2)}).status_code == 304


def test_deleting_a_member_makes_the_list_newer(dated: ContentRepo, make_client: Callable[..., FlaskClient]) -> None:
    dated.remove("content/topics/mielenterveys.json")
    commit_at(dated, T3, "Remove mielenterveys")
    client = make_client()
    assert client.get("/v1/topics").headers["Last-Modified"] == http_date(T3)
    assert client.get("/v1/topics/raskaus").headers["Last-Modified"] == http_date(T2)


def test_a_document_is_as_new_as_what_it_shows_of_others(
    dated: ContentRepo, make_client: Callable[..., FlaskClient]
) -> None:
    dated.write(topic("seksuaaliterveys", description={"fi": "Vanhempi aihe muuttui.", "sv": "Ny."}))
    commit_at(dated, T3, "Change the parent")
    client = make_client()
    child = client.get("/v1/topics/ehkaisy?expand=parent")
    assert child.get_json()["updated_at"] == "2026-11-02T09:00:00Z"  # its own file did not change
    assert child.headers["Last-Modified"] == http_date(T3)  # but the parent it shows did


def test_merged_changes_date_from_the_merge(dated: ContentRepo, make_client: Callable[..., FlaskClient]) -> None:
    dated.git("switch", "-q", "-c", "feature")
    dated.write(topic("mielenterveys", description={"fi": "Kirjoitettu haarassa.", "sv": "Ny."}))
    commit_at(dated, T2.replace(hour=8), "Written on a branch before the other change")
    dated.git("switch", "-q", "main")
    commit_at(dated, T3, "", "merge", "-q", "--no-ff", "-m", "Merge feature", "feature")
    client = make_client()
    assert client.get("/v1/topics/mielenterveys").get_json()["updated_at"] == "2026-11-16T09:00:00Z"


def test_incremental_updates_agree_with_a_full_pass(dated: ContentRepo) -> None:
    store = ContentRepository(dated.root)
    first = store.head()
    paths = {f"content/topics/{name}.json" for name in ("seksuaaliterveys", "raskaus", "ehkaisy", "mielenterveys")}
    paths.add("content/channels/neuvonta.json")
    earlier = find_updates(store, first.sha, paths, first.committed_at)
    dated.write(channel("neuvonta", name={"fi": "Neuvonta"}))
    dated.remove("content/topics/ehkaisy.json")
    new = store.commit(commit_at(dated, T3, "Rename the channel, drop a topic"))
    paths.discard("content/topics/ehkaisy.json")
    incremental = find_updates(store, new.sha, paths, new.committed_at, earlier)
    full = find_updates(store, new.sha, paths, new.committed_at)
    assert incremental.files == full.files
    assert incremental.files["content/channels/neuvonta.json"] == T3
    assert incremental.files["content/topics/raskaus.json"] == T2
    assert incremental.folder("topics") == full.folder("topics") == T3


def test_topics_filtered_by_parent(client: FlaskClient) -> None:
    children = client.get("/v1/topics?parent=seksuaaliterveys").get_json()
    assert [item["id"] for item in children["items"]] == ["ehkaisy", "raskaus"]
    assert children["total"] == 2 and "parent=seksuaaliterveys" in children["links"]["self"]
    assert client.get("/v1/topics?parent=mielenterveys").get_json()["items"] == []
    unknown = client.get("/v1/topics?parent=tuntematon")
    assert unknown.status_code == 400 and unknown.get_json()["parameter"] == "parent"
    assert "seksuaaliterveys" in unknown.get_json()["detail"]
    malformed = client.get("/v1/topics?parent=Iso%20Kirjain")
    assert malformed.status_code == 400 and malformed.get_json()["parameter"] == "parent"
    assert client.get("/v1/channels?parent=seksuaaliterveys").status_code == 400


@pytest.fixture
def make_client(dated: ContentRepo) -> Callable[..., FlaskClient]:
    """A client over the dated repository as it is now."""
    from pathapi.api.app import create_app

    def make() -> FlaskClient:
        return create_app({"REPO": str(dated.root), "TESTING": True}).test_client()

    return make


def test_after_a_rollback_if_modified_since_never_confirms_the_rolled_back_copy(
    dated: ContentRepo, make_client: Callable[..., FlaskClient]
) -> None:
    store = ContentRepository(dated.root)
    first = release(store, "HEAD", "Ensimmäinen", date(2026, 11, 10))
    dated.write(topic("mielenterveys", description={"fi": "Muutettu.", "sv": "Ändrad."}))
    commit_at(dated, T3, "Change mielenterveys")
    release(store, "HEAD", "Toinen", date(2026, 11, 17))
    held = make_client().get("/v1/topics/mielenterveys")
    assert held.headers["Last-Modified"] == http_date(T3)
    rollback(store, first.name, "Takaisin", date(2026, 11, 18))  # type: ignore[union-attr]
    client = make_client()
    answer = client.get("/v1/topics/mielenterveys", headers={"If-Modified-Since": held.headers["Last-Modified"]})
    assert answer.status_code == 200 and "description" not in answer.get_json()
    assert answer.get_json()["updated_at"] == "2026-11-02T09:00:00Z"  # the file's own history is unchanged
    floor = parse_date(answer.headers["Last-Modified"])
    assert floor is not None and floor > T3
    assert (
        client.get(
            "/v1/topics/mielenterveys", headers={"If-Modified-Since": answer.headers["Last-Modified"]}
        ).status_code
        == 304
    )
    pinned = client.get(f"/v1/topics/mielenterveys?version={first.name}")  # type: ignore[union-attr]
    assert pinned.headers["Last-Modified"] == http_date(T1)  # a pinned release keeps its own times
