"""One error path: crashes and damaged versions answer problem+json with CORS and a request id."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask

from pathapi.publishing import release
from pathapi.store.git import ContentRepository
from tests.support import BrokenClock, ContentRepo

pytestmark = pytest.mark.hostile
BROKEN = BrokenClock()  # one instance: the module's shared apps are keyed by their config
URLS = [
    "/v1/paths/ehkaisy",
    "/v1/paths",
    "/v1/sync",
    "/v1/bundle",
    "/v1/search?q=polku",
    "/v1/releases",
    "/v1/paths/ehkaisy/history",
]


@pytest.mark.parametrize("fast_lane", [True, False], ids=["fast-lane", "flask"])
@pytest.mark.parametrize("url", URLS)
def test_an_unexpected_exception_is_a_logged_problem_with_cors_and_request_id(
    shared_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture, fast_lane: bool, url: str
) -> None:
    client = shared_app(FAST_LANE=fast_lane, CLOCK=BROKEN).test_client()
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
def test_a_request_id_is_generated_when_none_or_a_bad_one_is_sent(
    shared_app: Callable[..., Flask], fast_lane: bool, given: str | None
) -> None:
    client = shared_app(FAST_LANE=fast_lane, CLOCK=BROKEN).test_client()
    headers = {} if given is None else {"X-Request-Id": given}
    first, second = (client.get("/v1/paths", headers=headers) for _ in range(2))
    ids = [r.headers["X-Request-Id"] for r in (first, second)]
    assert ids[0] != ids[1] and all(len(i) == 32 for i in ids)
    assert first.get_json()["request_id"] == ids[0]


@pytest.mark.parametrize("fast_lane", [True, False], ids=["fast-lane", "flask"])
def test_every_problem_carries_a_request_id(shared_app: Callable[..., Flask], fast_lane: bool) -> None:
    client = shared_app(FAST_LANE=fast_lane).test_client()
    for url in ("/v1/paths/nope", "/v1/paths?per_page=0", "/v1/nothing-here"):
        assert len(client.get(url).headers["X-Request-Id"]) == 32


def prune(repo: ContentRepo, what: str) -> str:
    """Release, change and release again; then delete an object only the first release has
    (WHAT: its document blob or its paths tree): a damaged, pruned version."""
    release(ContentRepository(repo.root), "HEAD", "", date(2026, 11, 23))
    old = repo.git("rev-parse", "HEAD")
    target = repo.root / "content/paths/ehkaisy.json"
    target.write_text(target.read_text().replace("Polku ehkaisy", "Uusi nimi"))
    repo.commit("Rename")
    release(ContentRepository(repo.root), "HEAD", "", date(2026, 11, 23))
    names = {"blob": f"{old}:content/paths/ehkaisy.json", "tree": f"{old}:content/paths"}
    sha = repo.git("rev-parse", names[what])
    os.remove(repo.root / ".git" / "objects" / sha[:2] / sha[2:])
    return old


@pytest.mark.parametrize("fast_lane", [True, False], ids=["fast-lane", "flask"])
@pytest.mark.parametrize("what", ["blob", "tree"])
def test_a_missing_git_object_behind_version_is_a_clear_503_not_cached(
    repo: ContentRepo, make_app: Callable[..., Flask], fast_lane: bool, what: str
) -> None:
    old = prune(repo, what)
    client = make_app(FAST_LANE=fast_lane).test_client()
    routes = ("/v1/paths/ehkaisy", "/v1/schemas", "/v1/paths")
    for url in (f"{route}?version={version}" for version in ("2026-11-23.1", old) for route in routes):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response.mimetype == "application/problem+json"
        body = response.get_json()
        assert body["parameter"] == "version" and old[:12] in body["detail"], body
        assert response.headers["Cache-Control"] == "no-store"
        assert int(response.headers["Retry-After"]) > 0
    for url in ("/v1/releases", "/v1/releases/2026-11-23.1", "/v1/paths/ehkaisy/history"):
        response = client.get(url)  # answers that read every release: 200, or a 503 naming the damage
        assert response.status_code in (200, 503), url
        if response.status_code == 503:
            assert "damaged" in response.get_json()["detail"] and response.headers["Cache-Control"] == "no-store"
    assert client.get("/v1/paths/ehkaisy").status_code == 200  # the live version is unharmed
