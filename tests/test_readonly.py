"""Read-only and offline deployments: serving never writes into the repository.

A repository with a remote is followed through a mirror in the server's runtime directory;
the repository itself (a read-only mount in the container) is only read. An unreachable
remote leaves the local copy serving, and /health says so.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.servers import clone, free_port, runtime_of, terminate, wait_for
from tests.support import GIT_ENV, ROOT, ContentRepo, retitle

pytestmark = pytest.mark.hostile


def fingerprint(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every file and directory under ROOT with its mode, size and mtime (ns)."""
    found = {}
    for path in [root, *root.rglob("*")]:
        stat = path.lstat()
        found[str(path.relative_to(root))] = (stat.st_mode, stat.st_size, stat.st_mtime_ns)
    return found


@pytest.fixture
def read_only_clone(repo: ContentRepo, tmp_path: Path) -> Iterator[Path]:
    """A clone of REPO with every permission bit for writing removed (restored afterwards)."""
    server = clone(repo, tmp_path / "server")
    subprocess.run(["chmod", "-R", "a-w", str(server)], check=True)
    yield server
    subprocess.run(["chmod", "-R", "u+w", str(server)], check=True)


def test_following_a_remote_never_writes_into_the_repository(
    repo: ContentRepo, read_only_clone: Path, make_app: Callable[..., Flask]
) -> None:
    before = fingerprint(read_only_clone)
    app = make_app(REPO=str(read_only_clone))
    client = app.test_client()
    new = retitle(repo, "Etärepossa")  # a push to the remote
    assert runtime_of(app).follower.refresh_now() is True
    assert client.get("/v1/paths/ehkaisy").get_json()["title"] == "Etärepossa"
    health = client.get("/health").get_json()
    assert health["version"] == new
    assert health["status"] == "ok"
    following = health["following"]
    assert (following["branch"], following["remote"], following["fetch_error"]) == ("main", str(repo.root), None)
    assert following["fetched_at"] is not None
    assert fingerprint(read_only_clone) == before
    assert not (read_only_clone / ".git" / "FETCH_HEAD").exists()


def test_an_unreachable_remote_at_startup_serves_the_local_copy(
    repo: ContentRepo, tmp_path: Path, make_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture
) -> None:
    server = clone(repo, tmp_path / "server")
    subprocess.run(
        ["git", "-C", str(server), "remote", "set-url", "origin", "https://editor:s3cret@127.0.0.1:9/sisalto.git"],
        check=True,
        env=GIT_ENV,
    )
    local = repo.git("rev-parse", "HEAD")
    with caplog.at_level(logging.WARNING, logger="pathapi.store.mirror"):
        app = make_app(REPO=str(server))
    assert any("serving the local copy" in r.getMessage() for r in caplog.records)
    client = app.test_client()
    assert client.get("/v1/paths").headers["Content-Version"] == local
    health = client.get("/health").get_json()
    assert health["status"] == "degraded"
    following = health["following"]
    assert following["remote"] == "https://127.0.0.1:9/sisalto.git"  # no credentials on /health
    assert following["fetched_at"] is None and following["fetch_attempted_at"] is not None
    assert following["fetch_error"] and "s3cret" not in json.dumps(health)


def test_fetch_recovers_when_the_remote_comes_back(
    repo: ContentRepo, tmp_path: Path, make_app: Callable[..., Flask]
) -> None:
    server = clone(repo, tmp_path / "server")
    moved = tmp_path / "moved"
    repo.root.rename(moved)  # the remote is gone
    app = make_app(REPO=str(server))
    assert app.test_client().get("/health").get_json()["following"]["fetch_error"]
    moved.rename(repo.root)
    new = retitle(repo, "Taas yhteys")
    assert runtime_of(app).follower.refresh_now() is True
    health = app.test_client().get("/health").get_json()
    assert (health["status"], health["version"], health["following"]["fetch_error"]) == ("ok", new, None)


def test_a_repository_without_remote_is_read_in_place(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    before = fingerprint(repo.root)
    app = make_app()
    assert runtime_of(app).service.library.repo.path == repo.root
    following = app.test_client().get("/health").get_json()["following"]
    assert (following["remote"], following["fetched_at"], following["fetch_error"]) == (None, None, None)
    assert fingerprint(repo.root) == before


def _can_mount_read_only() -> str | None:
    """Why a read-only bind mount cannot be made here, or None when it can."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return "needs root and unshare(1) to bind-mount the repository read-only"
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind / /mnt && mount -o remount,ro,bind /mnt"], capture_output=True
    )
    return None if done.returncode == 0 else f"mount namespaces unavailable: {done.stderr.decode().strip()}"


@pytest.mark.slow
@pytest.mark.skipif(_can_mount_read_only() is not None, reason=str(_can_mount_read_only()))
def test_pathapi_serve_on_a_read_only_mount_follows_the_remote(repo: ContentRepo, tmp_path: Path) -> None:
    """The container setup for real: the repository is a read-only bind mount, granian serves it."""
    server = clone(repo, tmp_path / "server")
    mount = tmp_path / "content"
    mount.mkdir()
    port = free_port()
    cli = Path(sys.executable).parent / "pathapi"
    script = (
        f"mount --bind {server} {mount} && mount -o remount,ro,bind {mount} && "
        f"exec {cli} serve --host 127.0.0.1 --port {port} --workers 2 --poll 0.3"
    )
    env = {**os.environ, "PATHAPI_REPO": str(mount), "PATHAPI_CACHE_DIR": "off", "PYTHONPATH": str(ROOT / "src")}
    env.pop("PATHAPI_RUNTIME_DIR", None)
    before = fingerprint(server)
    log_path = tmp_path / "serve.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        ["unshare", "-m", "sh", "-c", script],
        env=env,
        cwd="/",
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"

    def health() -> dict[str, object]:
        with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
            body: dict[str, object] = json.loads(response.read())
            return body

    def up() -> bool:
        if proc.poll() is not None:
            pytest.fail(f"server exited: {log_path.read_text()}")
        try:
            return health()["status"] == "ok"
        except OSError:
            return False

    try:
        wait_for(up, 60)
        new = retitle(repo, "Vain luku -liitos")
        wait_for(lambda: health()["version"] == new, 30)
    finally:
        terminate(proc)
        log.close()
    assert fingerprint(server) == before  # the mount vanished with its namespace
