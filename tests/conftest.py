"""Fixtures: a fresh real git content repository and an app serving it, per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.api.app import create_app
from tests.support import ROOT, ContentRepo, standard_content

TODAY = "2026-12-01"  # the day review dates are counted from in every test, so none goes stale as time passes


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands count overdue reviews as of TODAY (PATHAPI_TODAY), not the real date."""
    monkeypatch.setenv("PATHAPI_TODAY", TODAY)


@pytest.fixture(autouse=True)
def no_leaked_runtime_directory() -> Iterator[None]:
    """An in-process `serve` names its runtime and metrics directories in os.environ: keep them to that test.

    Otherwise servers started later as subprocesses inherit them, share one metrics directory and empty
    each other's files.
    """
    names = ("PATHAPI_RUNTIME_DIR", "PROMETHEUS_MULTIPROC_DIR")
    before = {name: os.environ.get(name) for name in names}
    yield
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def repo(tmp_path: Path) -> ContentRepo:
    """A committed repository holding the standard test corpus."""
    content = ContentRepo(tmp_path / "repo")
    standard_content(content)
    content.commit("Initial content")
    return content


@pytest.fixture
def make_app(repo: ContentRepo) -> Callable[..., Flask]:
    """Factory for an app over ``repo``; keyword arguments become config."""

    def make(**config: object) -> Flask:
        return create_app({"REPO": str(repo.root), "TESTING": True, **config})

    return make


@pytest.fixture(params=[True, False], ids=["fast-lane", "flask"])
def client(request: pytest.FixtureRequest, make_app: Callable[..., Flask]) -> FlaskClient:
    """A test client, run once through the fast lane and once through Flask alone."""
    return make_app(FAST_LANE=request.param).test_client()


@pytest.fixture(scope="session")
def bundled_repo(tmp_path_factory: pytest.TempPathFactory) -> ContentRepo:
    """A real git repository holding the bundled content (tests must not change it)."""
    repo = ContentRepo(tmp_path_factory.mktemp("bundled") / "repo")
    shutil.copytree(ROOT / "content", repo.root / "content")
    repo.commit("Bundled content")
    return repo


@pytest.fixture(scope="session")
def bundled_client(bundled_repo: ContentRepo) -> FlaskClient:
    """A client of an app over the bundled content."""
    return create_app({"REPO": str(bundled_repo.root), "TESTING": True}).test_client()
