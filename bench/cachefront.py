"""Benchmark the scale-out front (deploy/nginx.conf: nginx cache over two replicas) against static nginx.

    .venv/bin/python bench/cachefront.py [--repo PATH | --generate N] [--duration 10] [--rounds 3]

1. Starts two ``pathapi serve`` replicas (granian, ``--workers 1`` each by default) on free
   127.0.0.1 ports, for the repository (default: this checkout's git HEAD; ``--generate N``
   serves a temporary git repository of N generated paths, see bench/generate.py).
2. Renders deploy/nginx.conf -- the operators' file, through deploy/render.py -- for those two
   replicas, free ports and a temporary cache directory, and starts it: the *front*.
3. Fetches one path (``/v1/paths/<first id>?lang=fi``) and the list (``/v1/paths?lang=fi``)
   through the front, plain and with ``Accept-Encoding: gzip``, and checks them against a
   replica (same bytes and ETag; the gzip bodies decompress to them). Writes those exact bytes
   as static files and serves them with two more nginx (bench/api.py's static server), one
   for the plain bytes and one for the gzip bytes: the ceiling for serving these bytes here.
4. Warms the cache until every URL is a HIT in both encodings.
5. Runs wrk (one server at a time, interleaved) for four scenarios -- path, list, path-gzip,
   list-gzip (wrk sends Accept-Encoding: gzip) -- against the front and the static nginx. The
   replicas' CPU is measured during the front's runs too (it should be ~0: the cache answers).
6. Prints req/s, the ratio front/static (the target is >= 0.7) and writes everything to
   bench/results/cachefront-<timestamp>.json.

The front keeps its production settings, access log included (buffered). Live answers are
fresh for 60 s, so within a 10 s run every request is a HIT. Every process started here is in
its own process group and is ended on exit, error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import (
    CHECKOUT,
    HOST,
    RESULTS,
    BenchError,
    Processes,
    Target,
    WrkResult,
    api_urls,
    check_same,
    fetch,
    find_tool,
    free_port,
    group_cpu_seconds,
    interruptible,
    prepare_repo,
    progress_line,
    start_api,
    start_nginx,
    tool_versions,
    wait_ready,
)
from api import run_wrk as api_run_wrk

SCENARIOS = ("path", "list", "path-gzip", "list-gzip")
GZIP = {"Accept-Encoding": "gzip"}
TARGET_RATIO = 0.7


def request_headers(scenario: str) -> dict[str, str]:
    """The request headers of SCENARIO: Accept-Encoding: gzip for the -gzip ones."""
    return GZIP if scenario.endswith("-gzip") else {}


def load_render() -> ModuleType:
    """deploy/render.py (deploy/ is not a package)."""
    spec = importlib.util.spec_from_file_location("pathapi_deploy_render", CHECKOUT / "deploy" / "render.py")
    if spec is None or spec.loader is None:
        raise BenchError("cannot load deploy/render.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is executed
    spec.loader.exec_module(module)
    return module


def start_front(procs: Processes, tmp: Path, replicas: list[str]) -> tuple[subprocess.Popen[bytes], str]:
    """Start nginx with deploy/nginx.conf rendered for REPLICAS; return it and its base URL."""
    nginx = find_tool("nginx")
    render = load_render()
    runtime = tmp / "front"
    runtime.mkdir()
    port = free_port()
    site = render.Site(
        upstreams=[base.removeprefix("http://") for base in replicas],
        listen=f"{HOST}:{port}",
        cache_dir=runtime / "cache",
        runtime_dir=runtime,
        user=render.current_user(),
        encoder=f"{HOST}:{free_port()}",
        # wrk is one client address: the per-client limits would answer it 429
        limits=render.Limits(rate=1_000_000, burst=1_000_000, connections=60_000),
    )
    conf = runtime / "nginx.conf"
    conf.write_text(render.render(site, nginx=nginx))
    error_log = runtime / "error.log"
    with (runtime / "stdout.log").open("wb") as log:
        proc = procs.start([nginx, "-p", str(runtime), "-e", str(error_log), "-c", str(conf), "-g", "daemon off;"], log)
    base = f"http://{HOST}:{port}"
    wait_ready(f"{base}/health", proc, error_log)
    return proc, base


def warm(front: str, urls: dict[str, str], attempts: int = 20) -> None:
    """Request each URL through the front, plain and gzip, until it is a cache HIT."""
    for url in urls.values():
        for headers in ({}, GZIP):
            for _ in range(attempts):
                if fetch(front + url, headers).headers.get("x-cache-status") == "HIT":
                    break
            else:
                raise BenchError(f"{url} {headers} is not a cache HIT after {attempts} requests through the front")


def check_replica_same(replica: str, front: str, urls: dict[str, str]) -> dict[str, bytes]:
    """Fail unless the front's plain answers are a replica's and its gzip ones decompress to them.

    Returns the front's gzip bodies, by scenario.
    """
    compressed: dict[str, bytes] = {}
    for scenario, url in urls.items():
        direct, through, packed = fetch(replica + url), fetch(front + url), fetch(front + url, GZIP)
        if (direct.status, direct.body, direct.headers.get("etag")) != (
            through.status,
            through.body,
            through.headers.get("etag"),
        ):
            raise BenchError(f"{url}: the front's answer differs from the replica's")
        gzipped = packed.headers.get("content-encoding") == "gzip"  # not below gzip_min_length (1 KB)
        if (gzip.decompress(packed.body) if gzipped else packed.body) != direct.body:
            raise BenchError(f"{url}: the front's gzip answer is not the replica's body")
        compressed[f"{scenario}-gzip"] = packed.body
    return compressed


def run_wrk(
    procs: Processes, target: Target, scenario: str, url: str, args: argparse.Namespace, duration: int | None = None
) -> WrkResult:
    """One wrk run against TARGET with SCENARIO's request headers."""
    return api_run_wrk(procs, target, scenario, url, args, duration, headers=request_headers(scenario))


def replicas_cpu(pgids: list[int]) -> float | None:
    """CPU seconds used so far by all replica processes."""
    values = [group_cpu_seconds(pgid) for pgid in pgids]
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def median_of(results: list[WrkResult], server: str, scenario: str, key: str) -> float | None:
    """Median of KEY over the rounds for one server and scenario, if measured."""
    values = [getattr(r, key) for r in results if r.server == server and r.scenario == scenario]
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def summarize(results: list[WrkResult], replica_cpu: dict[str, list[float]]) -> dict[str, Any]:
    """Per-scenario medians: front and static req/s, their ratio, CPU per request."""
    rows: dict[str, dict[str, Any]] = {}
    for scenario in SCENARIOS:
        front = median_of(results, "front", scenario, "requests_per_s")
        static = median_of(results, "static", scenario, "requests_per_s")
        idle = replica_cpu[scenario]
        rows[scenario] = {
            "front_rps": round(front or 0, 1),
            "static_rps": round(static or 0, 1),
            "front_over_static": round(front / static, 3) if front and static else None,
            "front_cpu_us_per_req": median_of(results, "front", scenario, "cpu_us_per_request"),
            "static_cpu_us_per_req": median_of(results, "static", scenario, "cpu_us_per_request"),
            "replicas_cpu_s_during_front_runs": round(statistics.median(idle), 3) if idle else None,
        }
    return {"scenarios": rows, "target_front_over_static": TARGET_RATIO}


def print_table(summary: dict[str, Any], sizes: dict[str, int]) -> None:
    """The human-readable result table."""

    def us(value: float | None) -> str:
        return f"{value:.0f}" if value is not None else "-"

    print(
        f"\n{'scenario':<9} {'bytes':>7} {'front req/s':>12} {'static req/s':>13} {'front/static':>13}"
        f" {'front µs CPU/req':>17} {'static µs CPU/req':>18} {'replicas CPU s':>15}"
    )
    for scenario, row in summary["scenarios"].items():
        ratio = row["front_over_static"]
        flag = f"  <-- below {TARGET_RATIO}" if ratio is not None and ratio < TARGET_RATIO else ""
        print(
            f"{scenario:<9} {sizes[scenario]:>7} {row['front_rps']:>12,.0f} {row['static_rps']:>13,.0f}"
            f" {ratio:>13.3f} {us(row['front_cpu_us_per_req']):>17} {us(row['static_cpu_us_per_req']):>18}"
            f" {row['replicas_cpu_s_during_front_runs']!s:>15}{flag}"
        )


def benchmark(args: argparse.Namespace, procs: Processes, tmp: Path) -> dict[str, Any]:
    """Start replicas, front and static nginx, check they agree, run every wrk pass."""
    nginx_bin, wrk_bin = find_tool("nginx"), find_tool("wrk")
    repo = prepare_repo(args, tmp)
    replicas: list[tuple[subprocess.Popen[bytes], str]] = []
    for n in (1, 2):
        home = tmp / f"replica{n}"
        home.mkdir()
        replicas.append(start_api(procs, repo, args.workers, home))
    front_proc, front = start_front(procs, tmp, [base for _, base in replicas])
    urls, path_id = api_urls(front)
    compressed = check_replica_same(replicas[0][1], front, urls)
    first = {scenario: fetch(front + url).body for scenario, url in urls.items()}
    statics: dict[str, tuple[subprocess.Popen[bytes], str]] = {}
    for name, bodies in (("plain", first), ("gzip", {s.removesuffix("-gzip"): b for s, b in compressed.items()})):
        home = tmp / f"static-{name}"  # the gzip one serves the compressed bytes as they are
        home.mkdir()
        statics[name] = start_nginx(procs, home, bodies, path_id)
    bodies, etags = check_same(front, statics["plain"][1], urls)
    for scenario, url in urls.items():
        if fetch(statics["gzip"][1] + url).body != compressed[f"{scenario}-gzip"]:
            raise BenchError(f"{url}: the static gzip server does not serve the front's gzip bytes")
    warm(front, urls)
    sizes = {scenario: len(body) for scenario, body in bodies.items()} | {s: len(b) for s, b in compressed.items()}
    print(f"replicas {', '.join(base for _, base in replicas)}  front {front}  repo {repo}")
    print(
        f"bytes: {sizes}; the front's plain answers are the replica's, its gzip ones decompress to them; "
        "all are cache HITs"
    )
    front_target = Target("front", front, etags["api"], front_proc.pid)
    static_targets = {name: Target("static", base, "", proc.pid) for name, (proc, base) in statics.items()}
    for target in (front_target, static_targets["plain"]):
        run_wrk(procs, target, "path", urls["path"], args, duration=args.warmup)
    pgids = [proc.pid for proc, _ in replicas]
    results: list[WrkResult] = []
    replica_cpu: dict[str, list[float]] = {scenario: [] for scenario in SCENARIOS}
    for round_no in range(1, args.rounds + 1):
        for scenario in SCENARIOS:
            static_target = static_targets["gzip" if scenario.endswith("-gzip") else "plain"]
            url = urls[scenario.removesuffix("-gzip")]
            for target in (front_target, static_target):
                before = replicas_cpu(pgids)
                result = run_wrk(procs, target, scenario, url, args)
                after = replicas_cpu(pgids)
                if target is front_target and before is not None and after is not None:
                    replica_cpu[scenario].append(after - before)
                results.append(result)
                print(progress_line(round_no, result, args.duration), flush=True)
    summary = summarize(results, replica_cpu)
    print_table(summary, sizes)
    return {
        "started": args.started,
        "config": {
            "repo": str(repo),
            "generated_paths": args.generate,
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
            "replicas": len(replicas),
            "workers_per_replica": args.workers,
            "rounds": args.rounds,
            "warmup_s": args.warmup,
        },
        "urls": urls,
        "bytes": sizes,
        "etags": etags,
        "versions": tool_versions(nginx_bin, wrk_bin),
        "summary": summary,
        "runs": [asdict(r) | {"cpu_us_per_request": r.cpu_us_per_request} for r in results],
    }


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", default=str(CHECKOUT), help="content git repository (default: this checkout)")
    parser.add_argument(
        "--generate",
        type=int,
        metavar="N",
        default=0,
        help="serve a temporary git repository of N generated paths instead of --repo",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default: 10)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default: 64)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default: 2)")
    parser.add_argument("--workers", type=int, default=1, help="granian workers per replica (default: 1)")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved passes; medians reported (default: 1)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per server (default: 2)")
    args = parser.parse_args()
    args.started = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return args


def main() -> int:
    """Run the benchmark; always stop every process, even on error or Ctrl-C."""
    args = parse_args()
    procs = Processes()
    tmp = Path(tempfile.mkdtemp(prefix="pathapi-bench-cachefront-"))
    tmp.chmod(0o755)  # the static nginx's workers run as nobody when started as root
    try:
        with interruptible():
            report = benchmark(args, procs, tmp)
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / f"cachefront-{args.started}.json"
        out.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nresults: {out.relative_to(CHECKOUT)}")
        return 0
    except BenchError as err:
        print(f"bench/cachefront.py: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench/cachefront.py: interrupted", file=sys.stderr)
        return 130
    finally:
        procs.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
