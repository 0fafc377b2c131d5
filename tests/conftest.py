"""Fixtures: real git content repositories and apps serving them.

``repo``/``make_app``/``client`` are fresh per test: use them when a test writes to the
repository or depends on an app's state. Tests that only read share ``shared_repo`` and
``shared_app``/``shared_client`` (built once per module); a test that changes the shared
repository fails the module's teardown.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.api import observe
from pathapi.api.app import create_app
from tests import schedule
from tests.support import ROOT, ContentRepo, standard_repo

TODAY = "2026-12-01"  # the day review dates are counted from in every test, so none goes stale as time passes
DURATIONS: dict[str, float] = {}  # seconds per test of this run, by node id
RUNS: dict[str, int] = {}  # tests per node id: schemathesis gives all its tests one id
# The fixtures' apps build a search index when a test first searches, not in a background thread at once
# (WARM_SEARCH): most tests never search, and the thread would compete with the test for the interpreter.
# A test of warming up passes WARM_SEARCH=True.
COLD_SEARCH = {"WARM_SEARCH": False}


MEMORY_TMP = Path("/dev/shm")  # a tmpfs on Linux
MEMORY_TMP_FREE = 4 << 30  # bytes it must have free to take the run's temporary files


def pytest_configure(config: pytest.Config) -> None:
    """Temporary files (repositories, tmp_path, servers' files) in memory where the machine has a tmpfs
    with room and TMPDIR is not set: the suite makes and removes some 60,000 files, and on a disk
    mounted with ``discard`` the file system's own work was a quarter of the run. xdist's workers
    inherit TMPDIR."""
    if "TMPDIR" in os.environ or not MEMORY_TMP.is_dir() or not os.access(MEMORY_TMP, os.W_OK):
        return
    room = os.statvfs(MEMORY_TMP)
    if room.f_bavail * room.f_frsize < MEMORY_TMP_FREE:
        return
    directory = MEMORY_TMP / f"pathapi-tests-{os.getuid()}"
    directory.mkdir(mode=0o700, exist_ok=True)
    os.environ["TMPDIR"] = str(directory)
    tempfile.tempdir = None  # gettempdir() asks again


SLOW_MODULE = "\npytestmark = pytest.mark.slow\n"  # a module marked slow as a whole says so in this line


def leaves_out_slow(config: pytest.Config) -> bool:
    """Whether the run selects with ``-m "not slow"`` (the README's command while editing)."""
    return "".join(str(config.option.markexpr or "").split()) == "notslow"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With ``-m "not slow"``, a module marked slow as a whole is not even imported: none of its tests would
    run, and collecting it is its cost in every test process (schemathesis generates its cases then)."""
    if collection_path.suffix == ".py" and collection_path.name.startswith("test_") and leaves_out_slow(config):
        return SLOW_MODULE in collection_path.read_text(encoding="utf-8") or None
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist, every worker starts with its share of the modules holding long tests (tests/schedule.py)."""
    workers = int(getattr(config, "workerinput", {}).get("workercount", 0))
    if workers > 1:
        items[:] = schedule.blocks(items, workers, schedule.estimates(config))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Add up each test's setup, call and teardown time for the next run's order."""
    DURATIONS[report.nodeid] = DURATIONS.get(report.nodeid, 0.0) + report.duration
    if report.when == "setup":
        RUNS[report.nodeid] = RUNS.get(report.nodeid, 0) + 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Keep the durations of this run in pytest's cache (the mean where tests share a node id)."""
    schedule.record(session.config, {name: total / RUNS.get(name, 1) for name, total in DURATIONS.items()})


@pytest.fixture(scope="session", autouse=True)
def test_cache_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The validation cache (PATHAPI_CACHE_DIR) of this session: tests never write into ~/.cache/pathapi."""
    directory = tmp_path_factory.mktemp("pathapi-cache")
    before = os.environ.get("PATHAPI_CACHE_DIR")
    os.environ["PATHAPI_CACHE_DIR"] = str(directory)
    yield directory
    if before is None:
        os.environ.pop("PATHAPI_CACHE_DIR", None)
    else:
        os.environ["PATHAPI_CACHE_DIR"] = before


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


@pytest.fixture(autouse=True)
def access_log_written_by_its_test() -> Iterator[None]:
    """Write the access-log lines apps buffered during a test before the next one starts.

    A background thread writes them every few seconds; late, they would land in a later test's captured stderr.
    """
    yield
    observe.flush_all()


@pytest.fixture
def repo(tmp_path: Path) -> ContentRepo:
    """A committed repository holding the standard test corpus."""
    return standard_repo(tmp_path / "repo")


@pytest.fixture
def make_app(repo: ContentRepo) -> Callable[..., Flask]:
    """Factory for an app over ``repo``; keyword arguments become config."""

    def make(**config: object) -> Flask:
        return create_app({"REPO": str(repo.root), "TESTING": True, **COLD_SEARCH, **config})

    return make


@pytest.fixture(params=[True, False], ids=["fast-lane", "flask"])
def client(request: pytest.FixtureRequest, make_app: Callable[..., Flask]) -> FlaskClient:
    """A test client, run once through the fast lane and once through Flask alone."""
    return make_app(FAST_LANE=request.param).test_client()


def _refs_and_status(repo: ContentRepo) -> tuple[str, str]:
    """Every ref with its commit, and the work tree's status: what a read-only test must leave as it was."""
    return repo.git("show-ref", "--head"), repo.git("status", "--porcelain", "--ignored")


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ContentRepo]:
    """The standard repository, built once per module for tests that only read it."""
    content = standard_repo(tmp_path_factory.mktemp("shared") / "repo")
    before = _refs_and_status(content)
    yield content
    assert _refs_and_status(content) == before, "a test changed shared_repo: give it the function-scoped `repo`"


@pytest.fixture(scope="module")
def shared_app(shared_repo: ContentRepo) -> Callable[..., Flask]:
    """Apps over ``shared_repo``, one per distinct config (hashable values), built once per module."""
    apps: dict[tuple[tuple[str, object], ...], Flask] = {}

    def make(**config: object) -> Flask:
        key = tuple(sorted(config.items()))
        if key not in apps:
            apps[key] = create_app({"REPO": str(shared_repo.root), "TESTING": True, **COLD_SEARCH, **config})
        return apps[key]

    return make


@pytest.fixture(scope="module", params=[True, False], ids=["fast-lane", "flask"])
def shared_lane(request: pytest.FixtureRequest) -> bool:
    """FAST_LANE of ``shared_client``: the fast lane, then Flask alone."""
    return bool(request.param)


@pytest.fixture
def shared_client(shared_app: Callable[..., Flask], shared_lane: bool) -> FlaskClient:
    """A fresh test client of the module's shared app, once through the fast lane and once through Flask."""
    return shared_app(FAST_LANE=shared_lane).test_client()


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
    return create_app({"REPO": str(bundled_repo.root), "TESTING": True, **COLD_SEARCH}).test_client()
