"""/health tells the truth: a failing commit is remembered, and forgotten once the target is good."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from pathapi.delivery import edition_cache
from tests.servers import runtime_of
from tests.support import ContentRepo

pytestmark = pytest.mark.hostile


def break_topic(repo: ContentRepo) -> str:
    """Commit a topic with a trailing comma; return the commit id."""
    repo.write_raw("content/topics/rikki.json", '{\n  "id": "rikki",\n}\n')
    return repo.commit("Broken topic")


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the commit of every snapshot build (the real build still runs)."""
    built: list[str] = []
    real = edition_cache.build_snapshot

    def spy(repo: Any, commit: Any, *args: Any, **kwargs: Any) -> Any:
        built.append(commit.sha)
        return real(repo, commit, *args, **kwargs)

    monkeypatch.setattr(edition_cache, "build_snapshot", spy)
    return built


def test_a_failing_commit_is_built_once_until_the_target_changes(
    repo: ContentRepo, make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    built = count_builds(monkeypatch)
    broken = break_topic(repo)
    follower = runtime_of(app).follower
    for _ in range(5):
        assert follower.refresh_now() is False
    assert built == [broken]
    health = app.test_client().get("/health").get_json()
    assert (health["status"], health["failure"]["commit"]) == ("degraded", broken)


def test_force_push_back_to_the_live_commit_clears_the_failure(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    app = make_app()
    client = app.test_client()
    live = repo.git("rev-parse", "HEAD")
    break_topic(repo)
    runtime_of(app).follower.refresh_now()
    assert client.get("/health").get_json()["status"] == "degraded"
    repo.git("reset", "-q", "--hard", live)  # what a force-push back does to the followed branch
    assert runtime_of(app).follower.refresh_now() is False  # nothing to swap: live is the target
    health = client.get("/health").get_json()
    assert (health["status"], health["version"], health["failure"]) == ("ok", live, None)


def test_a_second_failing_commit_replaces_the_first(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = make_app(INTRANET_TOKEN="intra")
    break_topic(repo)
    runtime_of(app).follower.refresh_now()
    repo.write_raw("content/topics/rikki2.json", "[")
    second = repo.commit("Another broken topic")
    runtime_of(app).follower.refresh_now()
    failure = app.test_client().get("/health", headers={"Authorization": "Bearer intra"}).get_json()["failure"]
    assert failure["commit"] == second
    assert "content/topics/rikki2.json" in failure["files"]
