"""The figures of bench/all.py that need one running server: search q/s, and sync delta vs one document.

``measure_served(root, duration)`` serves ROOT (``pathapi serve``, 2 workers, ``--poll 1``), waits
until search answers on every worker (the parent builds the index after the workers serve), runs wrk
on uncached searches (bench/search.py's queries) and on one document; then takes the sync token an
app holds for this version, commits a change to one path, waits until every worker serves it, and
runs wrk on the delta and on one document, side by side.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.parse
from pathlib import Path
from typing import Any

from api import HOST, Processes, fetch, free_port, pathapi_command
from pathapi.delivery.sync import SyncPoint, encode_token
from pathapi.delivery.tokens import TokenSeal, default_key
from pathapi.store.git import ContentRepository
from search import QUERIES
from sync_search import GIT, WORDS, wrk


class Args:
    """What bench/sync_search.wrk reads."""

    def __init__(self, duration: int, connections: int = 64) -> None:
        self.duration, self.connections = duration, connections


def _until(condition: Any, seconds: float = 600) -> float:
    """Seconds until CONDITION() is true (polled); raises TimeoutError after SECONDS."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        try:
            if condition():
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"not within {seconds} s")


def _all_workers(url: str, check: Any, tries: int = 20) -> bool:
    """Whether TRIES answers in a row (spread over the workers) pass CHECK."""
    return all(check(fetch(url, timeout=10)) for _ in range(tries))


def _change_one_path(root: Path) -> tuple[str, str]:
    """Commit a new Finnish title for the first path; (its id, the new commit)."""
    changed = sorted((root / "content" / "paths").glob("*.json"))[0]
    data = json.loads(changed.read_text())
    data["title"]["fi"] = "Muutettu otsikko (bench/served.py)"
    changed.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    subprocess.run([*GIT, "commit", "-qam", "Change one path"], cwd=root, check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
    return changed.stem, head.stdout.strip()


def measure_served(root: Path, duration: int, tmp: Path) -> dict[str, Any]:
    """Search q/s vs one document; sync delta req/s vs one document; seconds until search answered."""
    procs, out = Processes(), {}
    args = Args(duration)
    try:
        port = free_port()
        with (tmp / "served.log").open("wb") as log:
            procs.start(
                [
                    *pathapi_command(),
                    "serve",
                    "--repo",
                    str(root),
                    "--host",
                    HOST,
                    "--port",
                    str(port),
                    "--workers",
                    "2",
                    "--poll",
                    "1",
                ],
                log,
                cwd=tmp,
            )
        base = f"http://{HOST}:{port}"
        out["ready_s"] = _until(lambda: fetch(f"{base}/v1/paths?lang=fi", timeout=5).status == 200)
        out["search_ready_s"] = out["ready_s"] + _until(
            lambda: _all_workers(f"{base}/v1/search?q=neuvola&lang=fi", lambda r: r.status == 200)
        )
        doc = sorted((root / "content" / "paths").glob("*.json"))[7].stem
        (tmp / "queries.lua").write_text(QUERIES % ", ".join(f'"{w}"' for w in WORDS))
        out["search_rps"] = wrk(procs, base, args, tmp / "queries.lua")["requests_per_s"]
        out["doc_rps"] = wrk(procs, f"{base}/v1/paths/{doc}?lang=fi", args)["requests_per_s"]
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        token = encode_token(TokenSeal(default_key(ContentRepository(root), head)), SyncPoint(head, 0, "fi"))
        changed, new = _change_one_path(root)
        _until(lambda: _all_workers(f"{base}/health", lambda r: json.loads(r.body)["version"] == new), 300)
        delta_url = f"{base}/v1/sync?{urllib.parse.urlencode({'token': token})}"
        delta = json.loads(fetch(delta_url, timeout=120).body)
        assert [i["id"] for i in delta["items"]] == [changed], delta
        out["delta_rps"] = wrk(procs, delta_url, args)["requests_per_s"]
        out["doc_rps_after"] = wrk(procs, f"{base}/v1/paths/{doc}?lang=fi", args)["requests_per_s"]
    finally:
        procs.close()
    return out
