"""Cost of ``/v1/paths/{id}/history`` with 10 vs 1,000 releases (issue 12: at most 2x).

    .venv/bin/python bench/history.py [--documents 1000] [--releases 10 1000] [--requests 20]

Generates one repository of DOCUMENTS paths (bench/generate.py) and, for each RELEASES count,
a copy with that many releases on top: one commit per release changing one path's Finnish
title, tagged ``release/<date>.1`` (written with one ``git fast-import`` stream). Serves each
with the app in-process (Flask test client, the live version built before timing) and times
``GET /v1/paths/<id>/history`` for a path changed in several releases and one never changed:
the releases' index (built with the version, before readers come: timed on its own), the first
request (nothing else about history cached yet), then the median of one request for each
of REQUESTS other paths (changed ones: the same four repeated, so answers may be memoized;
unchanged ones: all distinct).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_repository

RESULTS = Path(__file__).resolve().parent / "results"


def add_releases(root: Path, count: int, changed: list[str]) -> None:
    """COUNT release commits on top of ROOT's main branch, each changing one of CHANGED's titles."""
    ref = subprocess.run(
        ["git", "symbolic-ref", "HEAD"], cwd=root, check=True, capture_output=True, text=True
    ).stdout.strip()
    lines: list[str] = []
    when = 1_800_000_000
    first = date(2020, 1, 1)
    documents = {doc: json.loads((root / "content" / "paths" / f"{doc}.json").read_text()) for doc in changed}
    for number in range(count):
        when += 3600
        doc = changed[number % len(changed)]
        documents[doc]["title"]["fi"] = f"Muutettu otsikko {number}"
        body = json.dumps(documents[doc], ensure_ascii=False, indent=2).encode() + b"\n"
        message = f"Change {doc} ({number})"
        lines += [f"commit {ref}", f"committer Bench <bench@invalid> {when} +0000", f"data {len(message)}", message]
        if number == 0:
            lines.append(f"from {ref}^0")
        lines += [f"M 100644 inline content/paths/{doc}.json", f"data {len(body)}", body.decode()]
        name = f"release/{(first + timedelta(days=number)).isoformat()}.1"
        note = f"Release {number}"
        lines += [
            f"tag {name}",
            f"from {ref}",
            f"tagger Bench <bench@invalid> {when + 60} +0000",
            f"data {len(note)}",
            note,
        ]
    stream = ("\n".join(lines) + "\n").encode()
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream, check=True)


def timings(root: Path, first_doc: str, others: list[str]) -> tuple[float, float, float]:
    """Seconds to index the releases (done with the version, before readers come), of the first history
    request (FIRST_DOC), and the median of one request for each of OTHERS."""
    from pathapi.api.app import create_app
    from pathapi.api.runtime import EXTENSION

    app = create_app(
        {"REPO": str(root), "TESTING": True, "CACHE_DIR": "off", "WARM_SEARCH": False, "ACCESS_LOG": False}
    )
    client = app.test_client()
    start = time.perf_counter()
    app.extensions[EXTENSION].service.library.warm_history()
    indexed = time.perf_counter() - start

    def timed(doc: str) -> float:
        start = time.perf_counter()
        answer = client.get(f"/v1/paths/{doc}/history")
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return time.perf_counter() - start

    gc.collect()  # as `pathapi serve` does after its build: no collection of it lands in a timed request
    gc.freeze()
    try:
        cold = timed(first_doc)
        return cold, statistics.median(timed(doc) for doc in others), indexed
    finally:
        gc.unfreeze()


def measure(documents: int, counts: list[int], requests: int) -> dict[str, Any]:
    """Every figure: per release count, cold and warm seconds for a changed and an unchanged path."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="pathapi-bench-history-") as tmp:
        base = Path(tmp) / "base"
        write_repository(base, documents, git=True)
        ids = sorted(
            p.stem
            for p in (base / "content" / "paths").glob("*.json")
            if json.loads(p.read_text()).get("status") == "published"
        )
        changed, unchanged = ids[:5], ids[-1]  # the others changed in releases: changed[1:]
        for count in counts:
            root = Path(tmp) / f"r{count}"
            shutil.copytree(base, root, symlinks=True)
            add_releases(root, count, changed)
            row = {
                "changed": timings(root, changed[0], changed[1:] * (requests // 4 + 1)),
                "unchanged": timings(root, unchanged, ids[-requests - 1 : -1]),
            }
            out[str(count)] = row
            print(
                f"{count:5d} releases: index {row['unchanged'][2] * 1000:7.1f} ms; "
                + "  ".join(f"{k} first {v[0] * 1000:8.1f} ms, then {v[1] * 1000:6.2f} ms" for k, v in row.items()),
                flush=True,
            )
    return out


def main() -> int:
    """Measure and print the ratio of the largest to the smallest release count."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--releases", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    logging.disable(logging.INFO)  # the request log
    found = measure(args.documents, args.releases, args.requests)
    low, high = found[str(min(args.releases))], found[str(max(args.releases))]
    for label in ("changed", "unchanged"):
        print(
            f"{label}: first request {high[label][0] / low[label][0]:.2f}x, "
            f"later requests {high[label][1] / low[label][1]:.2f}x  (target <= 2)"
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"history-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json").write_text(
        json.dumps({"args": vars(args), "seconds": found}, indent=2) + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
