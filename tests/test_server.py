"""``pathapi serve`` on granian, run the way the container runs it, answering real HTTP."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port
from tests.support import ContentRepo

pytestmark = pytest.mark.slow
DOCKERFILE = (Path(__file__).resolve().parents[1] / "Dockerfile").read_text()


@pytest.fixture(scope="module")
def server(shared_repo: ContentRepo) -> Iterator[str]:
    """``pathapi serve`` with the repository given as the container gives it: PATHAPI_REPO (one per module: the
    tests only read)."""
    port = free_port()
    env = {**os.environ, "PATHAPI_REPO": str(shared_repo.root)}
    cli = Path(sys.executable).parent / "pathapi"
    proc = subprocess.Popen(
        [str(cli), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        env=env,
        cwd="/",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/health", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
                time.sleep(0.2)
        else:
            pytest.fail("server did not start within 30 s")
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
        if proc.stderr:
            proc.stderr.close()


def test_serves_paths_over_http(server: str, shared_repo: ContentRepo) -> None:
    with urllib.request.urlopen(f"{server}/v1/paths") as response:
        body = json.loads(response.read())
        assert response.headers["Content-Version"] == shared_repo.git("rev-parse", "HEAD")
    assert [item["id"] for item in body["items"]] == ["ehkaisy", "testaus"]


def test_conditional_request_gets_304(server: str) -> None:
    with urllib.request.urlopen(f"{server}/v1/paths/ehkaisy") as response:
        etag = response.headers["ETag"]
    request = urllib.request.Request(f"{server}/v1/paths/ehkaisy", headers={"If-None-Match": etag})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request)
    assert info.value.code == 304
    info.value.close()


def test_container_healthcheck_command_succeeds(server: str) -> None:
    command = re.search(r'CMD \["python3", "-c", "(.+)"\]', DOCKERFILE)
    assert command is not None and "/health/ready" in command.group(1)
    code = command.group(1).replace("http://127.0.0.1:8000", server)
    done = subprocess.run([sys.executable, "-c", code], timeout=10, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
