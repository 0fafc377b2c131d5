"""Clean process behaviour of ``pathapi serve``: a taken port is refused; SIGTERM under load loses no request."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port
from tests.support import ContentRepo, topic

pytestmark = pytest.mark.slow
CLI = Path(sys.executable).parent / "pathapi"
GRACE = 6


def start(repo: ContentRepo, port: int, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """``pathapi serve`` on PORT in its own process group."""
    environment = {
        **os.environ,
        "PATHAPI_CACHE_DIR": "off",
        "PATHAPI_ACCESS_LOG": "0",
        "PATHAPI_SHUTDOWN_GRACE": str(GRACE),
        **(env or {}),
    }
    return subprocess.Popen(
        [str(CLI), "serve", "--repo", str(repo.root), "--port", str(port), "--workers", "2", *extra],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def ready(port: int) -> bool:
    """Whether /health/ready answers 200."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=2) as answer:
            return answer.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


def wait_ready(proc: subprocess.Popen[bytes], port: int) -> None:
    """Until ready and search answered once: the parent is replacing its first workers by then (no longer
    than RESPAWN_INTERVAL + PATHAPI_SHUTDOWN_DRAIN per worker), so a test acts during the replacement."""
    deadline = time.monotonic() + 40
    while not (ready(port) and searchable(port)):
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "exited"
        assert time.monotonic() < deadline, "not ready within 40 s"
        time.sleep(0.05)


def searchable(port: int) -> bool:
    """Whether search answers 200 (not 503 "warming")."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/search?q=polku", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def finish(proc: subprocess.Popen[bytes]) -> None:
    """Kill what is left of PROC's process group."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    if proc.stderr:
        proc.stderr.close()


@pytest.fixture
def served(repo: ContentRepo) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    proc = start(repo, port)
    try:
        wait_ready(proc, port)
        yield proc, port
    finally:
        finish(proc)


def test_a_port_in_use_is_refused_unless_sharing_is_asked_for(
    served: tuple[subprocess.Popen[bytes], int], repo: ContentRepo
) -> None:
    proc, port = served
    second = subprocess.run(
        [str(CLI), "serve", "--repo", str(repo.root), "--port", str(port), "--lang", "en"],
        env={**os.environ, "PATHAPI_CACHE_DIR": "off"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 2
    assert f"127.0.0.1:{port} is already in use" in second.stderr and "Traceback" not in second.stderr
    assert ready(port) and proc.poll() is None
    first = version(port)
    repo.write(topic("seksuaaliterveys", title={"fi": "Jaettu", "sv": "Delad", "en": "Shared"}))
    newer = repo.commit("A version only the second server serves")
    sharing = start(repo, port, "--reuse-port")
    try:  # new connections reach both servers: each answers with its own version
        seen: set[str] = set()
        deadline = time.monotonic() + 40
        while seen != {first, newer}:
            assert sharing.poll() is None, "--reuse-port should start beside the first server"
            assert time.monotonic() < deadline, f"only {seen} answered; expected {first} and {newer}"
            seen |= {answer for answer in [version(port)] if answer}
            time.sleep(0.05)
        assert proc.poll() is None
    finally:
        finish(sharing)


def version(port: int) -> str | None:
    """The version /health/ready names (None: not ready)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=2) as answer:
            return str(json.loads(answer.read())["version"])
    except (OSError, urllib.error.HTTPError):
        return None


def keep_alive_client(port: int, index: int, outcomes: list[str], sent: threading.Event, stop: threading.Event) -> None:
    """Reads on a keep-alive connection, a new one whenever the server says Connection: close, until it says
    so after STOP was set (or a request fails)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    answered = 0
    while True:
        try:
            connection.request("GET", f"/v1/paths?per_page={index + 1}")
            response = connection.getresponse()
            response.read()
        except Exception as err:  # sent on an open connection, never answered: a lost request
            outcomes[index] = f"lost after {answered} answers: {type(err).__name__}: {err}"
            return
        answered += 1
        sent.set()
        if response.status != 200:
            outcomes[index] = f"status {response.status}"
            return
        if (response.getheader("Connection") or "").lower() == "close":
            if stop.is_set():
                outcomes[index] = f"closed after {answered} answers"
                return
            connection.close()  # a worker replaced by a fresh one: the next request opens a new connection


@pytest.mark.parametrize("whom", ["group", "parent"])
def test_sigterm_under_load_answers_every_request_then_exits(repo: ContentRepo, whom: str) -> None:
    """systemd signals the whole group, docker and Kubernetes the main process: either way nothing is lost."""
    port = free_port()
    proc = start(repo, port)
    try:
        wait_ready(proc, port)
        outcomes = [""] * 8
        started, stop = [threading.Event() for _ in outcomes], threading.Event()
        clients = [
            threading.Thread(target=keep_alive_client, args=(port, n, outcomes, started[n], stop), daemon=True)
            for n in range(len(outcomes))
        ]
        for client in clients:
            client.start()
        assert all(event.wait(20) for event in started)
        time.sleep(0.5)  # every client is busy sending on its connection
        stop.set()
        signalled = time.monotonic()
        if whom == "group":
            os.killpg(proc.pid, signal.SIGTERM)
        else:
            os.kill(proc.pid, signal.SIGTERM)
        for client in clients:
            client.join(30)
        odd = [
            f"client {n}: {outcome or 'still waiting'}"
            for n, outcome in enumerate(outcomes)
            if not outcome.startswith("closed after")
        ]
        assert not odd, "; ".join(odd)  # only what went wrong: a long list is cut short in the report
        assert proc.wait(timeout=GRACE + 5) == 0, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() - signalled < GRACE + 2
    finally:
        finish(proc)
