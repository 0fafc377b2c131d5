"""A worker's memory under bursts of hostile-but-valid requests: does any cache grow without bound?

    .venv/bin/python bench/memory.py [--repo PATH | --generate N] [--requests 2000]

1. Starts ``pathapi serve`` (granian, 1 worker, this checkout's sources) on a free 127.0.0.1
   port for the repository (default: this checkout's bundled content at its git HEAD;
   ``--generate N``: a temporary git repository of N generated paths, bench/generate.py).
2. Warms up (one search, sync and list per language: what any server builds on first use),
   then sends bursts of REQUESTS requests each, one after another, over one keep-alive connection.
   Every request in a burst differs from every other one (a new cache key, if the server
   kept one per request): sync tokens and cursors with forged languages, signed with the
   repository's default key (what an attacker holding the repository can compute); page
   sizes and pages; ``expand`` strings; ``version=`` ids; sync limits; Accept-Language
   headers; search words.
3. Reads the worker's resident memory (VmRSS in /proc) before and after each burst and
   prints one table; the target is growth <= 50 MB per worker per burst of 2,000.

Results also go to bench/results/memory-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import itertools
import json
import os
import random
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # this checkout's pathapi, as served

from api import CHECKOUT, HOST, Processes, fetch, free_port, pathapi_command, wait_ready
from generate import write_repository
from pathapi.delivery.tokens import CURSOR, TOKEN, TokenSeal, default_key
from pathapi.store.git import ContentRepository

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_MB = 50
Request = tuple[str, dict[str, str]]
Burst = Callable[[int], Iterator[Request]]


def rss_kb(pid: int) -> int:
    """Resident memory of process PID in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def worker_pid(server: int, timeout: float = 30.0) -> int:
    """The one worker process granian started below SERVER."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == server:
                children.append(int(stat.parent.name))
        if len(children) == 1:
            return children[0]
        time.sleep(0.2)
    raise RuntimeError(f"expected one worker below {server}")


class Scene:
    """What the bursts are made from: ids, commits and the key of the served repository."""

    def __init__(self, base: str, repo: Path) -> None:
        listing = json.loads(fetch(f"{base}/v1/paths?per_page=100").body)
        self.paths = [item["id"] for item in listing["items"]] or ["x"]
        self.total = listing["total"]
        store = ContentRepository(repo)
        head = store.head().sha
        self.commits = [c.sha for c in store.log(head, "content", limit=50)] or [head]
        self.seal = TokenSeal(default_key(store, head))
        self.token = json.loads(fetch(f"{base}/v1/sync?limit=1000").body)["sync_token"]
        body = self.token.split(".")[1]
        self.point = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def forged_tokens(scene: Scene) -> Burst:
    """Tokens and cursors signed with the default key, each naming a language never seen before."""

    def burst(count: int) -> Iterator[Request]:
        for i in range(count):
            point = {**scene.point, "lang": f"x{i:05d}"}
            if i % 2:
                cursor = scene.seal.seal(CURSOR, {"target": point, "since": None, "offset": 1})
                yield f"/v1/sync?cursor={cursor}", {}
            else:
                yield f"/v1/sync?token={scene.seal.seal(TOKEN, point)}", {}

    return burst


def page_sizes(scene: Scene) -> Burst:
    """Every page size with many pages, of paths and of channels."""

    def burst(count: int) -> Iterator[Request]:
        combos = itertools.product(range(1, 101), range(1, 11), ("paths", "channels"), ("fi", "sv"))
        for per_page, page, collection, lang in itertools.islice(combos, count):
            yield f"/v1/{collection}?per_page={per_page}&page={page}&lang={lang}", {}

    return burst


def expand_strings(scene: Scene) -> Burst:
    """Distinct spellings of expand (order, spaces, repeats, commas) on every path and language."""
    names = ["channels", "topics", "segments", "related_paths"]
    rng = random.Random(7)

    def burst(count: int) -> Iterator[Request]:
        for i in range(count):
            parts = [rng.choice(names) for _ in range(rng.randint(1, 5))]
            value = ("," + " " * (i % 3)).join(parts) + "," * (i % 4)
            value = value[:100]
            doc = scene.paths[i % len(scene.paths)]
            query = urllib.parse.urlencode({"expand": value, "lang": ("fi", "sv", "en")[i % 3]})
            yield f"/v1/paths/{doc}?{query}", {}

    return burst


def versions(scene: Scene) -> Burst:
    """version= as every abbreviation of published commits, unknown ids and release-like names."""

    def burst(count: int) -> Iterator[Request]:
        for i in range(count):
            commit = scene.commits[i % len(scene.commits)]
            if i % 3 == 0:
                version = commit[: 7 + (i // 3) % 34]
            elif i % 3 == 1:
                version = f"{i:040x}"
            else:
                version = f"2026-01-{1 + i % 28:02d}.{i}"
            doc = scene.paths[i % len(scene.paths)]
            yield f"/v1/paths/{doc}?version={version}", {}

    return burst


def sync_limits(scene: Scene) -> Burst:
    """First syncs and deltas with every limit, in every language."""

    def burst(count: int) -> Iterator[Request]:
        for i in range(count):
            limit, lang = 1 + i % 1000, ("fi", "sv", "en")[i % 3]
            if i % 2:
                yield f"/v1/sync?limit={limit}&lang={lang}", {}
            else:
                yield f"/v1/sync?token={scene.token}&limit={limit}", {}

    return burst


def languages(scene: Scene) -> Burst:
    """A different Accept-Language header on every request."""

    def burst(count: int) -> Iterator[Request]:
        for i in range(count):
            header = f"de-{i:05d};q=0.9, sv;q=0.{i % 10}, en;q=0.{(i // 10) % 10}, *;q=0.0{i % 7}"
            yield f"/v1/paths/{scene.paths[i % len(scene.paths)]}", {"Accept-Language": header}

    return burst


def search_words(scene: Scene) -> Burst:
    """Search for words never asked before."""

    def burst(count: int) -> Iterator[Request]:
        for i in range(count):
            yield f"/v1/search?q=palvelu{i}+hoito&lang={('fi', 'sv', 'en')[i % 3]}&limit={1 + i % 50}", {}

    return burst


def warm_up(scene: Scene) -> Iterator[Request]:
    """One request per language for each structure built once per version: search indexes, sync sets."""
    for lang in ("fi", "sv", "en"):
        yield f"/v1/search?q=palvelu&lang={lang}", {}
        yield f"/v1/sync?lang={lang}&limit=1000", {}
        yield f"/v1/paths?lang={lang}", {}


BURSTS: dict[str, Callable[[Scene], Burst]] = {
    "forged tokens/cursors (languages)": forged_tokens,
    "page sizes and pages": page_sizes,
    "expand strings": expand_strings,
    "versions": versions,
    "sync limits": sync_limits,
    "Accept-Language": languages,
    "search words": search_words,
}


def run_burst(port: int, requests: Iterator[Request]) -> Counter[int]:
    """Send every request over one keep-alive connection; count the statuses."""
    statuses: Counter[int] = Counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    for url, headers in requests:
        connection.request("GET", url, headers=headers)
        response = connection.getresponse()
        response.read()
        statuses[response.status] += 1
    connection.close()
    return statuses


def serve(procs: Processes, repo: Path, tmp: Path) -> tuple[int, int, str]:
    """Start one granian worker on REPO; return (server pid, port, base URL)."""
    port = free_port()
    env = {**os.environ, "PATHAPI_CACHE_DIR": "off", "PYTHONPATH": str(CHECKOUT / "src")}
    env.pop("PATHAPI_TOKEN_SECRET", None)  # the bursts sign with the default key, as an attacker could
    log = tmp / "api.log"
    command = [*pathapi_command(), "serve", "--repo", str(repo), "--host", HOST, "--port", str(port), "--workers", "1"]
    with log.open("wb") as out:
        proc = procs.start(command, out, cwd=tmp, env=env)
    base = f"http://{HOST}:{port}"
    wait_ready(f"{base}/v1/paths", proc, log)
    return proc.pid, port, base


def main() -> int:
    """Run every burst and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", default=str(CHECKOUT))
    parser.add_argument("--generate", type=int, default=0, help="serve a generated repository of N paths")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--only", action="append", choices=sorted(BURSTS), help="run only this burst (repeatable)")
    args = parser.parse_args()
    procs = Processes()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="pathapi-bench-memory-") as tmp_name:
        tmp = Path(tmp_name)
        repo = Path(args.repo).resolve()
        if args.generate:
            repo = tmp / "repo"
            repo.mkdir()
            write_repository(repo, args.generate, git=True)
        try:
            server, port, base = serve(procs, repo, tmp)
            worker = worker_pid(server)
            scene = Scene(base, repo)
            started = rss_kb(worker)
            run_burst(port, warm_up(scene))
            print(
                f"serving {repo} ({scene.total} paths); worker {worker} at {started / 1024:.1f} MB, "
                f"{rss_kb(worker) / 1024:.1f} MB after building what every server builds on first use"
            )
            for name, make in BURSTS.items():
                if args.only and name not in args.only:
                    continue
                before = rss_kb(worker)
                start = time.perf_counter()
                statuses = run_burst(port, make(scene)(args.requests))
                seconds = time.perf_counter() - start
                after = rss_kb(worker)
                rows.append(
                    {
                        "burst": name,
                        "requests": sum(statuses.values()),
                        "statuses": dict(statuses),
                        "rss_before_mb": round(before / 1024, 1),
                        "rss_after_mb": round(after / 1024, 1),
                        "growth_mb": round((after - before) / 1024, 1),
                        "seconds": round(seconds, 1),
                    }
                )
                if 500 in statuses:
                    print(f"  {name}: {statuses[500]} answers were 500", file=sys.stderr)
        finally:
            procs.close()
    print_table(rows)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {"repo": str(args.repo), "generate": args.generate, "requests": args.requests, "bursts": rows}
    (RESULTS / f"memory-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    over = [r["burst"] for r in rows if r["growth_mb"] > TARGET_MB * args.requests / 2000]
    failed = [r["burst"] for r in rows if 500 in r["statuses"]]
    if over or failed:
        print(f"over the target: {over}; with 500s: {failed}", file=sys.stderr)
        return 1
    return 0


def print_table(rows: list[dict[str, Any]]) -> None:
    """One line per burst: statuses, RSS before and after, growth."""
    print(f"\n{'burst':36} {'requests':>8} {'statuses':24} {'RSS before':>11} {'after':>9} {'growth':>8} {'s':>5}")
    for r in rows:
        statuses = " ".join(f"{code}:{n}" for code, n in sorted(r["statuses"].items()))
        print(
            f"{r['burst']:36} {r['requests']:>8} {statuses:24} {r['rss_before_mb']:>8.1f} MB "
            f"{r['rss_after_mb']:>6.1f} MB {r['growth_mb']:>+5.1f} MB {r['seconds']:>5.1f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
