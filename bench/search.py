"""Search on a large repository: index build and size, first query after a swap, queries/s, suggestions/s.

    .venv/bin/python bench/search.py [--documents 10000] [--duration 10] [--connections 64]

1. Generates a git repository of about DOCUMENTS documents (bench/generate.py).
2. In-process: builds the live version, then the search index of each language (cold: every
   document analysed), and again after a commit that changes one path (unchanged documents
   are reused); reports times and the size of each index (tracemalloc).
3. Serves it (granian, 2 workers, ``--poll 1``), commits a change, waits until every worker
   serves the new commit, and times the first query after the swap next to a repeated one.
4. wrk, side by side in one run: one document (the reference), uncached queries (two of 60
   words, 50 page sizes, 3 pages: 540,000 distinct URLs, far more than the answer cache
   holds), and suggestions (prefixes of 2-6 letters of the same words, 20 limits).

Results go to bench/results/search-<timestamp>.json. Needs wrk (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import HOST, Processes, fetch, free_port, pathapi_command
from generate import write_repository
from pathapi.delivery.library import Library, now_utc
from pathapi.delivery.search.engine import Search
from pathapi.store.git import ContentRepository
from sync_search import GIT, RESULTS, WORDS, timed, wait_for, wrk

QUERIES = """
local words = {%s}
request = function()
  local q = words[math.random(#words)] .. "+" .. words[math.random(#words)]
  local shape = "per_page=" .. math.random(50) .. "&page=" .. math.random(3)
  return wrk.format("GET", "/v1/search?lang=fi&" .. shape .. "&q=" .. q)
end
"""
SUGGESTIONS = """
local words = {%s}
request = function()
  local w = words[math.random(#words)]
  local q = string.sub(w, 1, math.random(2, 6))
  return wrk.format("GET", "/v1/search/suggest?lang=fi&limit=" .. math.random(20) .. "&q=" .. q)
end
"""


def build_indexes(repo: Path, cache: Path) -> dict[str, Any]:
    """Index build time and size per language, cold and after a one-document change."""
    library = Library(ContentRepository(repo), cache_dir=cache)
    library.refresh(fetch=False)
    catalog = library.state.edition.public(now_utc())
    figures: dict[str, Any] = {}
    for language in ("fi", "sv", "en"):
        tracemalloc.start()
        start = time.perf_counter()
        Search(catalog, language)
        seconds = time.perf_counter() - start
        size = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        figures[language] = {"cold_s": round(seconds, 2), "size_mb": round(size / 1e6, 1)}
    change_one_path(repo, "Muutettu otsikko A")
    library.refresh(fetch=False)
    catalog = library.state.edition.public(now_utc())
    for language in ("fi", "sv", "en"):
        start = time.perf_counter()
        Search(catalog, language)
        figures[language]["after_one_change_s"] = round(time.perf_counter() - start, 2)
    return figures


def change_one_path(repo: Path, title: str) -> str:
    """Commit a new Finnish title for the first path; the new commit id."""
    changed = sorted((repo / "content" / "paths").glob("*.json"))[0]
    data = json.loads(changed.read_text())
    data["title"]["fi"] = title
    changed.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    subprocess.run([*GIT, "commit", "-qam", title], cwd=repo, check=True)
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()


def main() -> int:
    """Run the search benchmark and print one table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    procs = Processes()
    report: dict[str, Any] = {"documents": args.documents}
    with tempfile.TemporaryDirectory(prefix="pathapi-bench-search-") as tmp_name:
        tmp = Path(tmp_name)
        repo = tmp / "repo"
        repo.mkdir()
        try:
            write_repository(repo, args.documents - 30, git=True)
            report["index"] = build_indexes(repo, tmp / "cache")
            for language, figures in report["index"].items():
                print(
                    f"index {language}: cold {figures['cold_s']} s, after one change "
                    f"{figures['after_one_change_s']} s, {figures['size_mb']} MB"
                )
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
                    env={**os.environ, "PATHAPI_CACHE_DIR": str(tmp / "cache")},
                )
            base = f"http://{HOST}:{port}"
            wait_for(f"{base}/health", server, log, timeout=900)
            new = change_one_path(repo, "Muutettu otsikko B")
            deadline = time.monotonic() + 300
            while sum(json.loads(fetch(f"{base}/health").body)["version"] == new for _ in range(20)) < 20:
                if time.monotonic() > deadline:
                    sys.exit("the workers did not pick up the new commit")
                time.sleep(0.5)
            first, _ = timed(f"{base}/v1/search?q=neuvola+raskaus&lang=fi&per_page=11")
            again, _ = timed(f"{base}/v1/search?q=neuvola+lapsi&lang=fi&per_page=12")
            report["after_swap_ms"] = {"first": round(first * 1000, 1), "next": round(again * 1000, 1)}
            words = ", ".join(f'"{w}"' for w in WORDS)
            (tmp / "queries.lua").write_text(QUERIES % words)
            (tmp / "suggest.lua").write_text(SUGGESTIONS % words)
            document = sorted((repo / "content" / "paths").glob("*.json"))[7].stem
            rps = {
                "document": wrk(procs, f"{base}/v1/paths/{document}?lang=fi", args)["requests_per_s"],
                "queries": wrk(procs, base, args, tmp / "queries.lua")["requests_per_s"],
                "suggestions": wrk(procs, base, args, tmp / "suggest.lua")["requests_per_s"],
            }
            report["rps"] = rps
        finally:
            procs.close()
    swap = report["after_swap_ms"]
    print(f"first query after a swap {swap['first']} ms, the next {swap['next']} ms")
    print(f"{'what':<34}{'req/s':>10}{'vs one document':>18}")
    for name, value in report["rps"].items():
        print(f"{name:<34}{value:>10,.0f}{value / report['rps']['document']:>18.2f}")
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"search-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
