"""Starts that never fail on content, and a repository that disappears under a running server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from pathapi.publishing import release
from pathapi.store.git import ContentRepository
from tests.servers import clone, free_port, get, runtime_of
from tests.support import ContentRepo, topic

TODAY = date(2026, 11, 30)


def break_topic(repo: ContentRepo, name: str = "rikki") -> str:
    repo.write_raw(f"content/topics/{name}.json", f'{{\n  "id": "{name}",\n}}\n')
    return repo.commit(f"Broken {name}")


def test_a_broken_head_before_any_release_starts_on_the_newest_commit_that_validates(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    good = repo.git("rev-parse", "HEAD")
    repo.write(topic("seksuaaliterveys", title={"fi": "Uusi", "sv": "Ny", "en": "New"}))
    newer = repo.commit("A good change")
    break_topic(repo)
    broken = break_topic(repo, "rikki2")
    client = make_app().test_client()
    health = client.get("/health")
    body = health.get_json()
    assert health.status_code == 503 and body["status"] == "degraded"
    assert (body["version"], body["source"], body["failure"]["commit"]) == (newer, "branch", broken)
    assert client.get("/health/ready").get_json() == {"status": "ready", "version": newer}
    assert client.get("/v1/topics/seksuaaliterveys?lang=fi").get_json()["title"] == "Uusi"
    assert good != newer
    repo.remove("content/topics/rikki.json")
    repo.remove("content/topics/rikki2.json")
    fixed = repo.commit("Fixed")
    assert runtime_of(client.application).follower.refresh_now() is True
    assert client.get("/health").get_json()["status"] == "ok"
    assert client.get("/health/ready").get_json()["version"] == fixed


def test_a_broken_newest_release_starts_on_the_release_before(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    store = ContentRepository(repo.root)
    first = release(store, "HEAD", "", TODAY)
    repo.write(topic("seksuaaliterveys", title={"fi": "Julkaisematon", "sv": "Ny", "en": "New"}))
    repo.commit("Not released: never public")
    broken = break_topic(repo)
    repo.git("tag", "-a", "release/2026-11-30.2", "-m", "made by hand, not by pathapi release", broken)
    client = make_app().test_client()
    body = client.get("/health").get_json()
    assert (body["status"], body["source"], body["release"]) == ("degraded", "release", first.name)
    assert (body["version"], body["failure"]["commit"]) == (first.sha, broken)
    assert client.get("/v1/topics/seksuaaliterveys?lang=fi").get_json()["title"] != "Julkaisematon"


def test_a_pinned_version_that_fails_starts_on_the_newest_valid_one_before_it(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    good = repo.git("rev-parse", "HEAD")
    broken = break_topic(repo)
    repo.remove("content/topics/rikki.json")
    repo.commit("Fixed after the pin")
    body = make_app(PIN=broken).test_client().get("/health").get_json()
    assert (body["status"], body["source"], body["version"], body["failure"]["commit"]) == (
        "degraded",
        "pinned",
        good,
        broken,
    )


def test_a_deleted_repository_keeps_serving_from_memory(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    client = make_app().test_client()
    listed = client.get("/v1/paths")
    shutil.rmtree(repo.root)
    assert client.get("/v1/paths").data == listed.data
    for url in ("/v1/paths/ehkaisy/history", "/v1/topics/raskaus/history", "/v1/releases"):
        answer = client.get(url)
        assert answer.status_code in (200, 503), url  # never 500
        if answer.status_code == 503:
            assert answer.mimetype == "application/problem+json" and answer.headers["Retry-After"]
            assert str(repo.root) not in answer.get_data(as_text=True)
    assert client.get("/v1/paths/testaus/history").status_code == 503
    runtime_of(client.application).follower.refresh_now()
    health = client.get("/health")
    body = health.get_json()
    assert (health.status_code, body["status"], body["repository"]) == (503, "degraded", "missing")
    assert client.get("/health/ready").status_code == 200  # still serving


def test_a_deleted_source_of_a_mirror_shows_in_health(
    repo: ContentRepo, tmp_path: Path, make_app: Callable[..., Flask]
) -> None:
    server = clone(repo, tmp_path / "server")
    client = make_app(REPO=str(server)).test_client()
    assert client.get("/health").get_json()["repository"] == "ok"
    shutil.rmtree(server)
    body = client.get("/health").get_json()
    assert (body["status"], body["repository"]) == ("degraded", "missing")
    assert client.get("/v1/paths").status_code == 200


@pytest.mark.slow
def test_pathapi_serve_starts_degraded_on_a_broken_head(repo: ContentRepo) -> None:
    good = repo.git("rev-parse", "HEAD")
    break_topic(repo)
    port = free_port()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "pathapi"),
            "serve",
            "--repo",
            str(repo.root),
            "--port",
            str(port),
            "--workers",
            "1",
            "--lang",
            "en",
        ],
        env={**os.environ, "PATHAPI_CACHE_DIR": "off", "PATHAPI_ACCESS_LOG": "0"},
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 40
        while True:
            try:
                ready = get(f"http://127.0.0.1:{port}/health/ready", timeout=2)
                if ready.status == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "did not start"
            time.sleep(0.2)
        assert get(f"http://127.0.0.1:{port}/v1/paths").headers["content-version"] == good
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=20)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert "failed validation: serving the newest earlier version" in err and "content/topics/rikki.json" in err
