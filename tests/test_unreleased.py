"""Hostile reads of what was never released: in-between commits, /health details, damaged release tags."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from pathapi.api.runtime import EXTENSION
from pathapi.content.audience import APP
from pathapi.delivery.sync import Changes
from pathapi.publishing import release
from pathapi.store.git import ContentRepository
from tests.support import ContentRepo, path, topic

pytestmark = pytest.mark.hostile

TODAY = date(2026, 11, 30)
AUTH = {"Authorization": "Bearer s3cret"}


def released_twice(repo: ContentRepo) -> dict[str, str]:
    """Release 1, then a secret path added and removed again (never released), then release 2."""
    store = ContentRepository(repo.root)
    early = repo.git("rev-parse", "HEAD")  # live while the branch was followed, before any release
    repo.write(topic("alku"))
    first = repo.commit("Before the first release")
    release(store, "HEAD", "", TODAY)
    repo.write(path("salainen", topics=["raskaus"]))
    repo.write(path("testaus", topics=["raskaus"]))
    between = repo.commit("Added by mistake")
    repo.remove("content/paths/salainen.json")
    repo.write(topic("muu"))
    second = repo.commit("Removed again")
    release(store, "HEAD", "", TODAY)
    return {"early": early, "first": first, "between": between, "second": second}


def test_public_version_reads_only_released_commits(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    shas = released_twice(repo)
    app = make_app(PREVIEW_TOKEN="s3cret")
    client = app.test_client()
    hidden = client.get(f"/v1/paths/salainen?version={shas['between']}")
    assert hidden.status_code == 404 and "salainen" not in hidden.get_data(as_text=True).replace(
        f"version '{shas['between']}'", ""
    )
    assert client.get(f"/v1/paths?version={shas['between'][:12]}").status_code == 404
    assert client.get(f"/v1/paths/salainen?version={shas['between']}", headers=AUTH).status_code == 200
    for allowed in (shas["early"], shas["first"], shas["second"], "2026-11-30.1", "2026-11-30.2"):
        assert client.get(f"/v1/paths/ehkaisy?version={allowed}").status_code == 200, allowed
    library = app.extensions[EXTENSION].service.library
    assert not library.published(shas["between"])  # the one rule sync tokens use too
    assert not Changes(library)._published(shas["between"], APP)
    assert Changes(library)._published(shas["first"], APP) and Changes(library)._published(shas["early"], APP)


def test_before_the_first_release_the_branch_history_is_public(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    first = repo.git("rev-parse", "HEAD")
    repo.write(topic("muu"))
    repo.commit("Second commit")
    client = make_app().test_client()
    assert client.get(f"/v1/paths/ehkaisy?version={first}").status_code == 200


def test_public_history_names_no_unreleased_commit(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    shas = released_twice(repo)
    client = make_app(PREVIEW_TOKEN="s3cret").test_client()
    public = client.get("/v1/paths/testaus/history").get_data(as_text=True)
    assert shas["between"] not in public and shas["second"] in public and shas["early"] in public
    preview = client.get("/v1/paths/testaus/history", headers=AUTH).get_data(as_text=True)
    assert shas["between"] in preview


def test_health_names_failing_files_only_to_token_holders(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = make_app(PREVIEW_TOKEN="s3cret", INTRANET_TOKEN="intra")
    repo.write_raw("content/paths/salainen-luonnos.json", '{\n  "id": "salainen-luonnos",\n}\n')
    broken = repo.commit("Broken draft")
    app.extensions[EXTENSION].follower.refresh_now()
    client = app.test_client()
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        response = client.get("/health", headers=headers)
        assert response.status_code == 503 and "Authorization" in response.headers["Vary"]
        body = response.get_json()
        assert body["status"] == "degraded" and body["failure"]["commit"] == broken
        assert body["failure"]["problem_count"] >= 1
        assert "salainen-luonnos" not in response.get_data(as_text=True)
    for token in ("s3cret", "intra"):
        failure = client.get("/health", headers={"Authorization": f"Bearer {token}"}).get_json()["failure"]
        assert failure["files"] == ["content/paths/salainen-luonnos.json"] and failure["problems"]


def test_a_release_whose_commit_is_missing_is_skipped(
    repo: ContentRepo, make_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture
) -> None:
    store = ContentRepository(repo.root)
    release(store, "HEAD", "", TODAY)
    good = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "-b", "kokeilu")
    repo.write(topic("muu"))
    lost = repo.commit("Released from a branch that is gone")
    release(store, "HEAD", "", TODAY)
    repo.git("checkout", "-q", "main")
    repo.git("branch", "-q", "-D", "kokeilu")
    Path(repo.root, ".git", "objects", lost[:2], lost[2:]).unlink()  # a damaged copy
    client = make_app().test_client()
    health = client.get("/health").get_json()
    assert (health["version"], health["release"]) == (good, "2026-11-30.1")
    assert health["damaged_releases"] == ["2026-11-30.2"] and health["status"] == "degraded"
    assert "2026-11-30.2" in caplog.text
    assert [r["name"] for r in client.get("/v1/releases").get_json()["items"]] == ["2026-11-30.1"]
