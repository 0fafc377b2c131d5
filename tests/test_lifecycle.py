"""Document lifecycle: status and publishing windows, evaluated at request time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from tests.support import ContentRepo, path

OPENS = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
CLOSES = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


class Clock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def scheduled(repo: ContentRepo) -> ContentRepo:
    """The standard corpus plus a path published only between OPENS and CLOSES."""
    repo.write(path("kampanja", topics=["raskaus"], publish_at=OPENS.isoformat(), unpublish_at=CLOSES.isoformat()))
    repo.write(path("vanha", topics=["raskaus"], status="archived"))
    repo.commit("Schedule a campaign path")
    return repo


def test_a_path_appears_at_its_publish_at_without_a_new_release(
    scheduled: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    clock = Clock(OPENS - timedelta(seconds=1))
    client = make_app(CLOCK=clock).test_client()
    assert client.get("/v1/paths/kampanja").status_code == 404
    assert "kampanja" not in [p["id"] for p in client.get("/v1/paths").get_json()["items"]]
    clock.now = OPENS
    assert client.get("/v1/paths/kampanja").status_code == 200
    assert "kampanja" in [p["id"] for p in client.get("/v1/paths").get_json()["items"]]


def test_max_age_shrinks_as_a_scheduled_change_approaches(
    scheduled: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    clock = Clock(OPENS - timedelta(seconds=25))
    client = make_app(CLOCK=clock, MAX_AGE=60).test_client()
    assert client.get("/v1/paths").headers["Cache-Control"] == "public, max-age=25"
    assert client.get("/v1/topics").headers["Cache-Control"] == "public, max-age=25"
    clock.now = OPENS + timedelta(days=1)
    assert client.get("/v1/paths").headers["Cache-Control"] == "public, max-age=60"
    clock.now = CLOSES - timedelta(seconds=3)
    assert client.get("/v1/paths/kampanja").headers["Cache-Control"] == "public, max-age=3"


def test_unpublished_and_archived_paths_are_gone(scheduled: ContentRepo, make_app: Callable[..., Flask]) -> None:
    client = make_app(CLOCK=Clock(CLOSES)).test_client()
    gone = client.get("/v1/paths/kampanja")
    assert gone.status_code == 410
    assert gone.get_json()["detail"] == f'path "kampanja" was unpublished at {CLOSES.isoformat()}'
    archived = client.get("/v1/paths/vanha")
    assert archived.status_code == 410
    assert archived.get_json()["detail"] == 'path "vanha" was archived'
    assert client.get("/v1/paths/luonnos").status_code == 404  # a draft never existed publicly


def test_pinned_version_with_a_scheduled_change_is_not_immutable(
    scheduled: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    commit = scheduled.git("rev-parse", "HEAD")
    client = make_app(CLOCK=Clock(OPENS - timedelta(hours=1))).test_client()
    assert client.get(f"/v1/paths?version={commit}").headers["Cache-Control"] == "public, max-age=3600"
    later = make_app(CLOCK=Clock(CLOSES + timedelta(days=1))).test_client()
    assert later.get(f"/v1/paths?version={commit}").headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_document_at_its_exact_unpublish_moment_is_gone(
    scheduled: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    clock = Clock(CLOSES - timedelta(microseconds=1))
    client = make_app(CLOCK=clock).test_client()
    assert client.get("/v1/paths/kampanja").status_code == 200
    clock.now = CLOSES
    assert client.get("/v1/paths/kampanja").status_code == 410
