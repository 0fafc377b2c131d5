"""One build for all workers: answers while starting, workers forked from the built parent, new versions."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path

import pytest
from flask import Flask

from pathapi.serving.prefork import StartingResponder
from tests.support import ContentRepo, topic


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, Message, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers, err.read()


@pytest.mark.slow
def test_starting_responder_answers_health_and_refuses_reads_then_frees_the_port() -> None:
    """While the live version is built: /health says starting, reads get 503 problem+json with Retry-After."""
    port = _free_port()
    responder = StartingResponder("127.0.0.1", port)
    try:
        status, headers, body = _get(f"http://127.0.0.1:{port}/health")
        assert (status, json.loads(body)) == (503, {"status": "starting"})
        assert headers["Cache-Control"] == "no-store" and headers["Retry-After"]
        status, headers, body = _get(f"http://127.0.0.1:{port}/v1/paths?lang=fi")
        assert status == 503 and headers["Content-Type"] == "application/problem+json"
        assert "starting" in json.loads(body)["detail"] and headers["Retry-After"]
    finally:
        responder.stop()
    with socket.socket() as again:  # granian can bind the port now
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))


def _raw(port: int, request: bytes) -> bytes:
    """What the server at PORT sends back for REQUEST, until it closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        return answer


def test_starting_responder_answers_by_path_alone_and_never_hangs_on_a_silent_or_slow_client() -> None:
    port = _free_port()
    responder = StartingResponder("127.0.0.1", port)
    try:
        with pytest.raises(OSError):  # the port is its own: a second server cannot take it
            StartingResponder("127.0.0.1", port)
        silent = socket.create_connection(("127.0.0.1", port))  # connects, never sends a request
        trickling = socket.create_connection(("127.0.0.1", port))  # sends a byte now and then, for ever
        stop_trickling = threading.Event()

        def trickle() -> None:
            with contextlib.suppress(OSError):
                while not stop_trickling.wait(0.2):
                    trickling.sendall(b"X")

        threading.Thread(target=trickle, daemon=True).start()
        begun = time.monotonic()
        live = _raw(port, b"GET /health/live?x=1 HTTP/1.1\r\nHost: a\r\n\r\n")
        assert time.monotonic() - begun < 5  # the silent and the trickling one were given up on
        assert live.startswith(b"HTTP/1.1 200") and live.endswith(b'{"status":"live"}')
        head = _raw(port, b"HEAD /v1/paths HTTP/1.1\r\nHost: a\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 503") and b"application/problem+json" in head
        assert head.endswith(b"\r\n\r\n") and b"Content-Length: " in head  # no body for HEAD
        nonsense = _raw(port, b"\x00\xff garbage\r\n\r\n")
        assert nonsense.startswith(b"HTTP/1.1 503") and b"Retry-After: " in nonsense
        silent.close()
        stop_trickling.set()
        trickling.close()
    finally:
        responder.stop()
    assert not responder.thread.is_alive()


@pytest.fixture
def served(repo: ContentRepo) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``pathapi serve`` with 2 workers following the repository every 0.3 s."""
    port = _free_port()
    env = {**os.environ, "PATHAPI_CACHE_DIR": "off"}
    cli = Path(sys.executable).parent / "pathapi"
    proc = subprocess.Popen(
        [str(cli), "serve", "--repo", str(repo.root), "--port", str(port), "--workers", "2", "--poll", "0.3"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: _get(f"{base}/health")[0] == 200, proc)
        yield base, proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def _wait(condition: object, proc: subprocess.Popen[bytes], seconds: float = 40) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():  # type: ignore[operator]
                return
        except OSError:
            pass
        assert proc.poll() is None, "server exited"
        time.sleep(0.2)
    pytest.fail(f"not within {seconds} s")


def _workers(proc: subprocess.Popen[bytes]) -> set[int]:
    """Process ids of the Python workers granian forked from the server's process."""
    out = subprocess.run(["ps", "-o", "pid=,comm=", "--ppid", str(proc.pid)], capture_output=True, text=True).stdout
    return {int(line.split()[0]) for line in out.splitlines() if "python" in line or "pathapi" in line}


def _settled(base: str, proc: subprocess.Popen[bytes]) -> set[int]:
    """The workers once the search index is built and they were replaced by forks that have it."""
    _wait(lambda: _get(f"{base}/v1/search?q=polku&lang=fi")[0] == 200, proc)
    seen: list[set[int]] = [set()]

    def steady() -> bool:
        now = _workers(proc)
        steady = now == seen[-1] and len(now) == 2
        seen.append(now)
        time.sleep(1.2)  # longer than one worker's replacement (RESPAWN_INTERVAL)
        return steady

    _wait(steady, proc)
    return seen[-1]


@pytest.mark.slow
def test_new_version_is_built_once_and_every_worker_serves_it(
    served: tuple[str, subprocess.Popen[bytes]], repo: ContentRepo
) -> None:
    """A new commit: the parent builds it, fresh workers replace the old ones, all answer the new version."""
    base, proc = served
    before = _settled(base, proc)
    assert len(before) == 2
    repo.write(topic("seksuaaliterveys", title={"fi": "Uusi otsikko", "sv": "Ny rubrik", "en": "New title"}))
    sha = repo.commit("New title")
    # /health lists the versions the live workers answer with: only the new one once no old worker is left.
    # 90 s: once, under a loaded parallel suite, the rollout took longer than 40 s (alone: ~10 s).
    _wait(lambda: json.loads(_get(f"{base}/health")[2])["serving_versions"] == [sha], proc, seconds=90)
    for _ in range(12):  # at once, spread over both workers: none answers the old version
        assert _get(f"{base}/v1/topics/seksuaaliterveys?lang=fi")[1]["Content-Version"] == sha
    _wait(lambda: not (_workers(proc) & before), proc)  # every worker was replaced
    for _ in range(12):  # spread over both workers
        status, headers, body = _get(f"{base}/v1/topics/seksuaaliterveys?lang=fi")
        assert status == 200 and headers["Content-Version"] == sha
        assert json.loads(body)["title"] == "Uusi otsikko"


@pytest.mark.slow
def test_broken_head_stops_the_server_with_the_report(repo: ContentRepo, tmp_path: Path) -> None:
    """No commit validates: no worker starts, the report names the file, exit status 1."""
    repo.write_raw("content/topics/rikki.json", "{ not json")
    repo.commit_alone("Broken")
    cli = Path(sys.executable).parent / "pathapi"
    done = subprocess.run(
        [str(cli), "serve", "--repo", str(repo.root), "--port", str(_free_port()), "--lang", "en"],
        env={**os.environ, "PATHAPI_CACHE_DIR": "off"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "content/topics/rikki.json" in done.stderr and "failed validation" in done.stderr


def test_search_answers_warming_while_the_parent_builds_its_index(make_app: Callable[..., Flask]) -> None:
    """A worker forked before the parent's search index is built answers 503 problem+json, then searches."""
    from pathapi.api.runtime import EXTENSION
    from pathapi.delivery import search

    app = make_app(WARM_SEARCH=False)
    runtime = app.extensions[EXTENSION]
    catalog = runtime.service.library.state.edition.public(runtime.service.clock())
    client = app.test_client()
    search.ELSEWHERE[id(catalog)] = catalog
    try:
        answer = client.get("/v1/search?q=ehkaisy&lang=fi")
        assert answer.status_code == 503 and answer.headers["Retry-After"] == str(search.WARMING_RETRY)
        assert answer.headers["Content-Type"] == "application/problem+json"
        assert "warming" in answer.get_json()["detail"]
        assert client.get("/v1/paths/ehkaisy?lang=fi").status_code == 200  # everything else serves
        search.warm(catalog)  # the parent's build, inherited by the next fork
        assert client.get("/v1/search?q=ehkaisy&lang=fi").status_code == 200
    finally:
        search.ELSEWHERE.pop(id(catalog), None)


@pytest.mark.slow
def test_search_serves_once_the_parent_built_its_index(served: tuple[str, subprocess.Popen[bytes]]) -> None:
    """After start-up every search answers: 503 "warming" (with Retry-After) until the index is built, then 200."""
    base, proc = served

    def searched() -> bool:
        status, headers, _body = _get(f"{base}/v1/search?q=polku&lang=fi")
        assert status in (200, 503) and (status == 200 or headers["Retry-After"])
        return status == 200

    _wait(searched, proc)
    _settled(base, proc)  # the workers that answered 503 were replaced by forks with the index
    for _ in range(8):
        assert _get(f"{base}/v1/search?q=polku&lang=sv")[0] == 200


def test_the_handover_happens_even_when_the_openapi_document_cannot_be_written(
    make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent writes the OpenAPI document ahead with the search indexes; should that fail, the indexes
    are still handed to fresh workers (the document's readers get the error instead)."""
    from pathapi.api import openapi
    from pathapi.serving import prefork

    def broken(app: Flask) -> None:
        raise ValueError("component 'Path' is generated and also written by hand")

    respawned: list[bool] = []
    monkeypatch.setattr(openapi, "write_document", broken)
    monkeypatch.setattr(prefork, "_respawn_workers", lambda: respawned.append(True))
    monkeypatch.setattr(prefork.SHARED, "indexed", [0])
    prefork._warm_later(make_app(WARM_SEARCH=False))
    assert prefork.SHARED.indexed[0] == 1 and respawned == [True]
