"""App sync after one change in a large repository vs serving one document (search: bench/search.py).

    .venv/bin/python bench/sync_search.py [--documents 10000] [--duration 10] [--connections 64]

1. Generates a git repository of about DOCUMENTS documents (bench/generate.py) and serves it
   with ``pathapi serve`` (granian, 2 workers, ``--poll 1``).
2. Takes the sync token of the current version (built with pathapi's own token encoder: the
   token an app would hold after a full sync), commits a change to one path, and waits until
   every worker serves the new commit (each rebuilds incrementally).
3. Times the first (cold) delta answer, and the first answer for a document never served
   before; then runs wrk on the delta URL and on one document, side by side, and prints the
   ratio. The delta is worked out from the git diff, so it should cost about one document.

Results go to bench/results/sync-search-<timestamp>.json. Needs wrk (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import (
    HOST,
    Processes,
    fetch,
    find_tool,
    free_port,
    parse_wrk,
    pathapi_command,
)
from generate import write_repository
from pathapi.delivery.sync import SyncPoint, encode_token
from pathapi.delivery.tokens import TokenSeal, default_key
from pathapi.store.git import ContentRepository

RESULTS = Path(__file__).resolve().parent / "results"
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@invalid"]
WORDS = [
    "neuvola",
    "ehkäisy",
    "raskaus",
    "testi",
    "hoito",
    "lapsi",
    "nuori",
    "perhe",
    "aika",
    "soitto",
    "chat",
    "lomake",
    "palvelu",
    "tuki",
    "apu",
    "ohje",
    "kysely",
    "arvio",
    "seuranta",
    "vastaanotto",
    "lääkäri",
    "hoitaja",
    "sosiaali",
    "terveys",
    "mieli",
    "uni",
    "ravinto",
    "liikunta",
    "kipu",
    "kuume",
    "rokotus",
    "laboratorio",
    "tulos",
    "resepti",
    "kotihoito",
    "omainen",
    "vertaistuki",
    "järjestö",
    "kela",
    "päätös",
    "suunnitelma",
    "asiakasohjaus",
    "yhteydenotto",
    "ajanvaraus",
    "etävastaanotto",
    "sovellus",
    "viesti",
    "palaute",
    "koulu",
    "opiskelu",
    "työ",
    "talous",
    "asuminen",
    "päihde",
    "peli",
    "väkivalta",
    "kriisi",
    "suru",
    "ero",
    "muutto",
]


def wait_for(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Wait until URL answers 200, failing early when the server exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited:\n{log.read_text()[-3000:]}")
        try:
            if fetch(url, timeout=2).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit(f"{url} did not answer within {timeout:.0f} s")


def wrk(procs: Processes, url: str, args: argparse.Namespace, script: Path | None = None) -> dict[str, Any]:
    """One wrk run; returns its parsed numbers."""
    command = [find_tool("wrk"), "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    proc = procs.start([*command, url], subprocess.PIPE)
    output, _ = proc.communicate(timeout=args.duration + 60)
    procs.stop(proc)
    return parse_wrk(output.decode())


def timed(url: str) -> tuple[float, bytes]:
    """Seconds for one GET of URL, and the body."""
    start = time.perf_counter()
    response = fetch(url, timeout=120)
    assert response.status == 200, (url, response.status, response.body[:300])
    return time.perf_counter() - start, response.body


def main() -> int:
    """Run both benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    procs = Processes()
    report: dict[str, Any] = {"documents": args.documents}
    with tempfile.TemporaryDirectory(prefix="pathapi-bench-sync-") as tmp_name:
        tmp = Path(tmp_name)
        repo = tmp / "repo"
        repo.mkdir()
        try:
            write_repository(repo, args.documents - 30, git=True)
            head = subprocess.run(
                ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
            ).stdout.strip()
            port = free_port()
            log = tmp / "api.log"
            with log.open("wb") as out:
                server = procs.start(
                    [
                        *pathapi_command(),
                        "serve",
                        "--repo",
                        str(repo),
                        "--host",
                        HOST,
                        "--port",
                        str(port),
                        "--workers",
                        "2",
                        "--poll",
                        "1",
                    ],
                    out,
                    cwd=tmp,
                )
            base = f"http://{HOST}:{port}"
            start = time.perf_counter()
            wait_for(f"{base}/health", server, log, timeout=600)
            report["startup_s"] = round(time.perf_counter() - start, 1)
            print(f"serving {args.documents} documents; startup {report['startup_s']} s")
            seal = TokenSeal(default_key(ContentRepository(repo), head))  # the server's key: no secret is set
            token = encode_token(seal, SyncPoint(head, 0, "fi"))
            changed = sorted((repo / "content" / "paths").glob("*.json"))[0]
            data = json.loads(changed.read_text())
            data["title"]["fi"] = "Muutettu otsikko"
            changed.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            subprocess.run([*GIT, "commit", "-qam", "Change one path"], cwd=repo, check=True)
            new = subprocess.run(
                ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
            ).stdout.strip()
            deadline = time.monotonic() + 120
            while sum(json.loads(fetch(f"{base}/health").body)["version"] == new for _ in range(20)) < 20:
                if time.monotonic() > deadline:
                    sys.exit("the workers did not pick up the new commit")
                time.sleep(0.5)
            delta_url = f"{base}/v1/sync?{urllib.parse.urlencode({'token': token})}"
            cold_delta, body = timed(delta_url)
            delta = json.loads(body)
            assert [i["id"] for i in delta["items"]] == [changed.stem] and delta["deleted"] == []
            other = sorted((repo / "content" / "paths").glob("*.json"))[7].stem
            cold_doc, doc_body = timed(f"{base}/v1/paths/{other}?lang=fi")
            report["cold_ms"] = {"delta": round(cold_delta * 1000, 1), "document": round(cold_doc * 1000, 1)}
            report["bytes"] = {"delta": len(body), "document": len(doc_body)}
            print(
                f"first answer: delta {cold_delta * 1000:.1f} ms ({len(body)} B), "
                f"new document {cold_doc * 1000:.1f} ms ({len(doc_body)} B)"
            )
            for _ in range(4):  # warm both workers
                fetch(delta_url)
            rps_delta = wrk(procs, delta_url, args)["requests_per_s"]
            rps_doc = wrk(procs, f"{base}/v1/paths/{other}?lang=fi", args)["requests_per_s"]
            report["sync_rps"] = {"delta": rps_delta, "document": rps_doc, "ratio": round(rps_delta / rps_doc, 3)}
            print(
                f"wrk: delta {rps_delta:,.0f} req/s, one document {rps_doc:,.0f} req/s, ratio {rps_delta / rps_doc:.2f}"
            )

        finally:
            procs.close()
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"sync-search-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
