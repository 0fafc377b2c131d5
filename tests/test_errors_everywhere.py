"""One error path: crashes and damaged versions answer problem+json with CORS and a request id."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime

import pytest
from flask import Flask

from tests.support import ContentRepo

pytestmark = pytest.mark.hostile
URLS = ["/v1/paths/ehkaisy", "/v1/paths", "/v1/sync", "/v1/bundle", "/v1/search?q=polku", "/v1/releases",
        "/v1/paths/ehkaisy/history"]


class BrokenClock:
    """A clock that fails once the app is up: an unexpected exception inside every read."""

    def __call__(self) -> datetime:
        raise RuntimeError("clock exploded")


@pytest.mark.parametrize("fast_lane", [True, False], ids=["fast-lane", "flask"])
@pytest.mark.parametrize("url", URLS)
def test_an_unexpected_exception_is_a_logged_problem_with_cors_and_request_id(
        make_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture, fast_lane: bool, url: str) -> None:
    client = make_app(FAST_LANE=fast_lane, CLOCK=BrokenClock()).test_client()
    with caplog.at_level(logging.ERROR, logger="pathapi.errors"):
        response = client.get(url, headers={"X-Request-Id": "req-4711"})
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Request-Id"] == "req-4711"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert (body["status"], body["request_id"]) == (500, "req-4711")
    assert "clock exploded" not in response.get_data(as_text=True)
    logged = [r for r in caplog.records if "req-4711" in r.getMessage()]
    assert logged and logged[0].exc_info is not None and "clock exploded" in str(logged[0].exc_info[1])


@pytest.mark.parametrize("fast_lane", [True, False], ids=["fast-lane", "flask"])
@pytest.mark.parametrize("given", [None, "", "x" * 500, "bad id; Set-Cookie: a=b", "<script>"])
def test_a_request_id_is_generated_when_none_or_a_bad_one_is_sent(make_app: Callable[..., Flask], fast_lane: bool,
                                                                   given: str | None) -> None:
    client = make_app(FAST_LANE=fast_lane, CLOCK=BrokenClock()).test_client()
    headers = {} if given is None else {"X-Request-Id": given}
    first, second = (client.get("/v1/paths", headers=headers) for _ in range(2))
    ids = [r.headers["X-Request-Id"] for r in (first, second)]
    assert ids[0] != ids[1] and all(len(i) == 32 for i in ids)
    assert first.get_json()["request_id"] == ids[0]


@pytest.mark.parametrize("fast_lane", [True, False], ids=["fast-lane", "flask"])
def test_every_problem_carries_a_request_id(make_app: Callable[..., Flask], fast_lane: bool) -> None:
    client = make_app(FAST_LANE=fast_lane).test_client()
    for url in ("/v1/paths/nope", "/v1/paths?per_page=0", "/v1/nothing-here"):
        assert len(client.get(url).headers["X-Request-Id"]) == 32


def prune_old_blob(repo: ContentRepo) -> str:
    """Commit twice, then delete a blob only the first commit has: a damaged (pruned) version."""
    old = repo.git("rev-parse", "HEAD")
    target = repo.root / "content/paths/ehkaisy.json"
    target.write_text(target.read_text().replace("Polku ehkaisy", "Uusi nimi"))
    repo.commit("Rename")
    blob = repo.git("rev-parse", f"{old}:content/paths/ehkaisy.json")
    os.remove(repo.root / ".git" / "objects" / blob[:2] / blob[2:])
    return old


@pytest.mark.parametrize("fast_lane", [True, False], ids=["fast-lane", "flask"])
def test_a_missing_git_object_behind_version_is_a_clear_503_not_cached(
        repo: ContentRepo, make_app: Callable[..., Flask], fast_lane: bool) -> None:
    old = prune_old_blob(repo)
    client = make_app(FAST_LANE=fast_lane).test_client()
    for url in (f"/v1/paths/ehkaisy?version={old}", f"/v1/schemas?version={old}", f"/v1/paths?version={old}"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response.mimetype == "application/problem+json"
        body = response.get_json()
        assert body["parameter"] == "version" and old[:12] in body["detail"] and "missing" in body["detail"]
        assert response.headers["Cache-Control"] == "no-store"
        assert int(response.headers["Retry-After"]) > 0
    assert client.get("/v1/paths/ehkaisy").status_code == 200  # the live version is unharmed
