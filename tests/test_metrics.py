"""Operators can see: /metrics (Prometheus, multiprocess) and JSON access logs, in both lanes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from tests.servers import free_port, runtime_of, terminate, wait_for
from tests.support import ROOT, BrokenClock, ContentRepo, retitle

ITEM = "/v1/paths/<string:doc_id>"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a Prometheus text exposition, by name and sorted labels."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = tuple(sorted((k, v) for k, v in sample.labels.items() if k != "pid"))
            found[(sample.name, labels)] = found.get((sample.name, labels), 0.0) + sample.value
    return found


def scrape(client: FlaskClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """GET /metrics through CLIENT and parse it."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    return samples(response.get_data(as_text=True))


def requests(route: str, status: str, method: str = "GET") -> tuple[str, tuple[tuple[str, str], ...]]:
    """The key of the request counter for ROUTE and STATUS."""
    return ("pathapi_http_requests_total", (("method", method), ("route", route), ("status", status)))


def test_requests_are_counted_by_route_template_and_status(client: FlaskClient) -> None:
    def status(path: str) -> int:
        response = client.get(path)
        response.get_data()  # a request is observed once its body is read, as servers do
        return response.status_code

    before = scrape(client)
    assert status("/v1/paths/ehkaisy") == 200
    assert status("/v1/paths/testaus") == 200
    assert status("/v1/paths/puuttuu") == 404
    assert status("/v1/paths?per_page=0") == 400
    assert status("/health") == 200
    assert status("/ei-ole") == 404
    for method in ("BREW", "PROPFIND", "X" * 200):
        client.open("/v1/paths", method=method).get_data()
    after = scrape(client)

    def delta(key: tuple[str, tuple[tuple[str, str], ...]]) -> float:
        return after.get(key, 0.0) - before.get(key, 0.0)

    assert delta(requests(ITEM, "200")) == 2
    assert delta(requests(ITEM, "404")) == 1
    assert delta(requests("/v1/paths", "400")) == 1
    assert delta(requests("/health", "200")) == 1
    assert delta(requests("unmatched", "404")) == 1
    assert delta(requests("unmatched", "405", "other")) == 3  # no label per made-up method
    assert not [key for key in after if "BREW" in str(key)]
    latency = ("pathapi_http_request_duration_seconds_count", (("route", ITEM),))
    assert delta(latency) == 3


def test_live_version_builds_and_failures(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = make_app()
    client = app.test_client()
    before = scrape(client)
    live = repo.git("rev-parse", "HEAD")
    assert before[("pathapi_live_version_info", (("release", ""), ("source", "branch"), ("version", live)))] == 1
    new = retitle(repo, "Mitattu")
    runtime_of(app).follower.refresh_now()
    repo.write_raw("content/topics/rikki.json", "{")
    repo.commit("Broken")
    runtime_of(app).follower.refresh_now()
    client.get("/health")
    after = scrape(client)
    assert after[("pathapi_live_version_info", (("release", ""), ("source", "branch"), ("version", new)))] == 1
    assert after[("pathapi_live_version_info", (("release", ""), ("source", "branch"), ("version", live)))] == 0
    ok = ("pathapi_build_duration_seconds_count", (("outcome", "ok"),))
    rejected = ("pathapi_build_duration_seconds_count", (("outcome", "rejected"),))
    assert after[ok] - before.get(ok, 0) == 1
    assert after[rejected] - before.get(rejected, 0) == 1
    failures = ("pathapi_validation_failures_total", ())
    assert after[failures] - before.get(failures, 0) == 1
    assert after[("pathapi_cache_entries", (("cache", "Library.editions"),))] >= 2
    assert after[("pathapi_cache_entries", (("cache", "Editions.rejected"),))] >= 1  # the rejected commit
    assert any(name == "pathapi_cache_bytes" and value > 0 for (name, _), value in after.items())


def test_access_log_is_one_json_line_per_request(client: FlaskClient, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    response = client.get("/v1/paths/ehkaisy", headers={"X-Request-Id": "pyynto-1"})
    response.get_data()  # logged once the body is read, as servers do
    client.get("/v1/channels/puuttuu", headers={"X-Request-Id": "<script>"}).get_data()
    client.application.extensions["pathapi.tally"].flush()  # lines are written in batches
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    assert response.headers["X-Request-Id"] == "pyynto-1"
    assert lines[0] == {
        "method": "GET",
        "route": ITEM,
        "path": "/v1/paths/ehkaisy",
        "status": 200,
        "bytes": len(response.data),
        "duration_ms": lines[0]["duration_ms"],
        "version": response.headers["Content-Version"],
        "request_id": "pyynto-1",
    }
    assert lines[0]["duration_ms"] > 0
    assert (lines[1]["route"], lines[1]["status"]) == ("/v1/channels/<string:doc_id>", 404)
    assert re.fullmatch(r"[0-9a-f]{32}", lines[1]["request_id"])  # generated: a malformed one is not used


def test_access_log_and_metrics_can_be_turned_off(
    make_app: Callable[..., Flask], capsys: pytest.CaptureFixture[str]
) -> None:
    client = make_app(ACCESS_LOG=False).test_client()
    capsys.readouterr()
    client.get("/v1/paths/ehkaisy").get_data()
    client.application.extensions["pathapi.tally"].flush()
    assert not [line for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    assert client.get("/metrics").status_code == 200
    assert make_app(METRICS=False).test_client().get("/metrics").status_code == 404


def _searches(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/v1/search?q=polku&lang=fi", timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _steady_workers(parent: int) -> int:
    """The number of the parent's worker processes, once it stayed the same for 1.5 s (else 0)."""

    def workers() -> set[str]:  # granian's workers, not the parent's git processes
        out = subprocess.run(["ps", "-o", "pid=,comm=", "--ppid", str(parent)], capture_output=True, text=True).stdout
        return {line.split()[0] for line in out.splitlines() if "python" in line or "pathapi" in line}

    first = workers()
    time.sleep(1.5)  # longer than one worker's replacement (pathapi.serving.server.RESPAWN_INTERVAL)
    return len(first) if workers() == first else 0


@pytest.mark.slow
def test_metrics_add_up_across_granian_workers(repo: ContentRepo, tmp_path: Path) -> None:
    port = free_port()
    cli = Path(sys.executable).parent / "pathapi"
    env = {**os.environ, "PATHAPI_REPO": str(repo.root), "PATHAPI_CACHE_DIR": "off", "PYTHONPATH": str(ROOT / "src")}
    env.pop("PATHAPI_RUNTIME_DIR", None)
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log_path = tmp_path / "serve.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [str(cli), "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd="/",
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> str:
        with urllib.request.urlopen(f"{base}{path}", timeout=5) as response:
            return str(response.read().decode())

    def up() -> bool:
        if proc.poll() is not None:
            pytest.fail(f"server exited: {log_path.read_text()}")
        try:
            return bool(get("/health"))
        except OSError:
            return False

    try:
        wait_for(up, 60)
        # The parent builds the search index once the first workers serve, then replaces them with forks
        # that have it: count from the workers that stay.
        wait_for(lambda: _searches(base), 60)
        wait_for(lambda: _steady_workers(proc.pid) == 2, 60)
        for _ in range(40):  # new connections: granian spreads them over both workers
            get("/v1/paths/ehkaisy")
        # Each worker publishes its tallies twice a second; /metrics adds up every worker's.
        wait_for(lambda: samples(get("/metrics")).get(requests(ITEM, "200")) == 40, 10)
        found = samples(get("/metrics"))
        pids = {line.split('pid="')[1].split('"')[0] for line in get("/metrics").splitlines() if 'pid="' in line}
    finally:
        terminate(proc)
        log.close()
    assert found[requests(ITEM, "200")] == 40
    assert len(pids) == 2  # per-worker cache sizes: both workers wrote their own files
    access = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    assert sum(1 for line in access if line["route"] == ITEM) == 40


@pytest.mark.parametrize("fast_lane", [True, False], ids=["fast-lane", "flask"])
def test_a_crash_is_logged_and_answered_under_one_request_id(
    make_app: Callable[..., Flask], fast_lane: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    client = make_app(FAST_LANE=fast_lane, CLOCK=BrokenClock()).test_client()
    capsys.readouterr()
    response = client.get("/v1/paths")
    response.get_data()
    client.application.extensions["pathapi.tally"].flush()
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    assert response.status_code == 500
    assert len(response.headers.getlist("X-Request-Id")) == 1
    assert lines[-1]["status"] == 500
    assert lines[-1]["request_id"] == response.headers["X-Request-Id"] == response.get_json()["request_id"]
