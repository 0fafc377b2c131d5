"""Health that monitors read: liveness, readiness, /health's status while degraded, what /health and /metrics
tell whom, and bad parameters refused."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from pathapi.serving import prefork, shutdown
from tests.servers import clone, runtime_of
from tests.support import GIT_ENV, ContentRepo

TOKEN = "intra-token"


def test_live_and_ready_answer_with_the_served_version(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    client = make_app().test_client()
    live = client.get("/health/live")
    assert (live.status_code, live.get_json(), live.headers["Cache-Control"]) == (200, {"status": "live"}, "no-store")
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.get_json() == {"status": "ready", "version": repo.git("rev-parse", "HEAD")}


def test_ready_fails_while_the_worker_stops(make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_app().test_client()
    monkeypatch.setattr(shutdown, "_DRAINING", threading.Event())
    shutdown.begin_drain()
    ready = client.get("/health/ready")
    assert (ready.status_code, ready.get_json()["status"]) == (503, "stopping")
    assert ready.headers["Retry-After"]
    assert client.get("/health/live").status_code == 200  # alive: no restart while stopping


def test_while_starting_the_process_is_live_but_not_ready() -> None:
    def ask(path: str) -> tuple[str, bytes]:
        seen: list[str] = []
        body = b"".join(prefork.starting({"PATH_INFO": path}, lambda status, headers: seen.append(status)))
        return seen[0], body

    assert ask("/health/live")[0].startswith("200")
    for path in ("/health/ready", "/health"):
        status, body = ask(path)
        assert status.startswith("503") and b'"starting"' in body


@pytest.mark.parametrize("path", ["/health", "/health/live", "/health/ready", "/metrics"])
def test_unknown_parameters_are_refused_by_name(shared_app: Callable[..., Flask], path: str) -> None:
    response = shared_app().test_client().get(f"{path}?x=1")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert response.get_json()["parameter"] == "x" and "'x'" in response.get_json()["detail"]
    assert shared_app().test_client().get(f"{path}?utm_source=mail").status_code != 400  # tracking noise is ignored


def break_head(repo: ContentRepo) -> None:
    repo.write_raw("content/topics/rikki.json", '{\n  "id": "rikki",\n}\n')
    repo.commit("Broken topic")


@pytest.mark.parametrize(("configured", "expected"), [(None, 503), ("200", 200), ("429", 429)])
def test_degraded_health_has_a_configurable_status(
    repo: ContentRepo,
    make_app: Callable[..., Flask],
    monkeypatch: pytest.MonkeyPatch,
    configured: str | None,
    expected: int,
) -> None:
    if configured is not None:
        monkeypatch.setenv("PATHAPI_HEALTH_DEGRADED_STATUS", configured)
    app = make_app()
    assert app.test_client().get("/health").status_code == 200
    break_head(repo)
    runtime_of(app).follower.refresh_now()
    degraded = app.test_client().get("/health")
    assert (degraded.status_code, degraded.get_json()["status"]) == (expected, "degraded")
    assert app.test_client().get("/health/ready").status_code == 200  # still serving the last good version


def test_refresh_errors_are_explained_only_to_token_holders(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = make_app(INTRANET_TOKEN=TOKEN)
    repo.git("branch", "-m", "main", "renamed")  # the followed branch is gone: the refresh fails
    runtime_of(app).follower.refresh_now()
    public = app.test_client().get("/health")
    assert public.status_code == 503 and public.get_json()["refresh_error"]
    assert str(repo.root) not in public.get_data(as_text=True) and "main" not in public.get_json()["refresh_error"]
    trusted = app.test_client().get("/health", headers={"Authorization": f"Bearer {TOKEN}"}).get_json()
    assert "branch 'main' not found" in trusted["refresh_error"] and str(repo.root) in trusted["refresh_error"]


def test_fetch_errors_are_explained_only_to_token_holders(
    repo: ContentRepo, tmp_path: Path, make_app: Callable[..., Flask]
) -> None:
    server = clone(repo, tmp_path / "server")
    subprocess.run(
        ["git", "-C", str(server), "remote", "set-url", "origin", "https://git.intra.example:9/x.git"],
        check=True,
        env=GIT_ENV,
    )
    app = make_app(REPO=str(server), INTRANET_TOKEN=TOKEN)
    public = app.test_client().get("/health").get_json()["following"]
    assert public["fetch_error"] and "git.intra.example" not in public["fetch_error"]
    assert public["remote"] == "https://git.intra.example:9/x.git"  # what is followed stays public
    trusted = app.test_client().get("/health", headers={"Authorization": f"Bearer {TOKEN}"}).get_json()
    assert trusted["following"]["fetch_error"] != public["fetch_error"]


def test_metrics_ask_for_their_token_when_one_is_set(
    make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATHAPI_METRICS_TOKEN", "scrape-me")
    client = make_app(INTRANET_TOKEN=TOKEN).test_client()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {TOKEN}"}):
        refused = client.get("/metrics", headers=headers)
        assert refused.status_code == 401 and refused.mimetype == "application/problem+json"
        assert "PATHAPI_METRICS_TOKEN" in refused.get_json()["detail"] and refused.headers["WWW-Authenticate"]
    scraped = client.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
    assert scraped.status_code == 200 and b"pathapi_http_requests" in scraped.data
