"""Every headline figure in one run, each beside its reference: ``make bench`` (bench/README.md).

    .venv/bin/python bench/all.py [--documents 10000] [--paths 1000] [--duration 5] [--skip-http]

On one generated repository (DOCUMENTS paths, git) it measures, in this order, one thing
at a time: the raw floor (``git ls-tree`` + one ``git cat-file --batch`` + orjson on every
blob); ``pathapi validate`` on it; ``pathapi validate`` vs check-jsonschema on PATHS paths;
a cold ``pathapi serve`` (first 200) and its first answer (``/health``: starting); the
memory (PSS of the whole process group) of 1 vs 4 workers; a rebuild after one change vs
a full build; search q/s and the sync delta after one change, each vs one document, on one
running server (bench/served.py); ``/history`` with 1,000 vs 10 releases (bench/history.py, its
own 1,000-path repository); then bench/api.py (API vs nginx: doc, list, 304) on the big
repository. Validation is also compared by CPU time (user + system of the child processes),
which other engineers' load on a shared machine disturbs less than wall time.
Prints one table, writes ``bench/results/all-<UTC time>.{json,md,png}``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import pathapi  # noqa: E402
from generate import write_repository  # noqa: E402
from history import measure as history_figures  # noqa: E402
from pathapi.store.git import ContentRepository  # noqa: E402
from rebuild import change_one_path, timed_build  # noqa: E402
from served import measure_served  # noqa: E402

RESULTS = BENCH / "results"
BIN = Path(sys.executable).parent
Row = dict[str, Any]


CPU: dict[str, float] = {}  # CPU seconds (user + system) of the last run of each command, by its first argument


def run(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and exit status of a command (output discarded); its CPU seconds go to CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[Path(args[0]).name] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, done.returncode


def raw_floor(root: Path) -> float:
    """Seconds to list every content blob and read and parse all of them with one cat-file (its CPU
    seconds, this process's and git's, go to CPU["floor"])."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time()
    start = time.perf_counter()
    listing = subprocess.run(
        ["git", "-C", str(root), "ls-tree", "-r", "-z", "HEAD", "--", "content", "schemas"],
        capture_output=True,
        check=True,
    ).stdout
    blobs = [r.split(b"\t", 1)[0].split()[2] for r in listing.split(b"\0") if r]
    done = subprocess.run(
        ["git", "-C", str(root), "cat-file", "--batch"],
        input=b"\n".join(blobs) + b"\n",
        capture_output=True,
        check=True,
    ).stdout
    offset, parsed = 0, 0
    while offset < len(done):
        end = done.index(b"\n", offset)
        size = int(done[offset:end].split()[2])
        orjson.loads(done[end + 1 : end + 1 + size])
        offset, parsed = end + 2 + size, parsed + 1
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    CPU["floor"] = min(CPU.get("floor", float("inf")), time.process_time() - cpu + children)
    return wall


def compile_package() -> None:
    """Write pathapi's bytecode, as an installed package has it (pip compiles on install): a cold start
    then measures the server, not Python compiling its sources (PYTHONDONTWRITEBYTECODE may be set)."""
    subprocess.run([str(BIN / "python"), "-m", "compileall", "-q", str(Path(pathapi.__file__).parent)], check=True)


def group_cpu(pgid: int) -> float:
    """CPU seconds used so far by the processes of group PGID, with their reaped children (a helper)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != pgid:
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
        except (OSError, ProcessLookupError, ValueError, IndexError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def check_jsonschema(root: Path, tmp: Path) -> float | None:
    """Seconds check-jsonschema takes on the paths of ROOT (schemas without $id, resolved as files)."""
    tool = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    if tool is None:
        return None
    schemas = tmp / "cjs-schemas"
    schemas.mkdir(exist_ok=True)
    for schema in (root / "schemas").glob("*.json"):
        data = json.loads(schema.read_text())
        data.pop("$id", None)
        (schemas / schema.name).write_text(json.dumps(data))
    files = sorted(str(p) for p in (root / "content" / "paths").glob("*.json"))
    seconds, status = run([tool, "--schemafile", str(schemas / "path.schema.json"), *files])
    return seconds if status == 0 else None


def pss_mb(pgid: int) -> float:
    """Proportional set size of every process in group PGID, in MB (shared pages counted once)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != pgid:
                continue
            for line in (entry / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except (OSError, ProcessLookupError):
            continue
    return total / 1024


def get(url: str) -> int:
    """HTTP status of a GET (0 when nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as err:
        err.close()
        return int(err.code)
    except OSError:
        return 0


def serve(root: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    """``pathapi serve`` in its own process group, no cache of known-valid blobs."""
    env = {**os.environ, "PATHAPI_CACHE_DIR": "off"}
    return subprocess.Popen(
        [str(BIN / "pathapi"), "serve", "--repo", str(root), "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End a server and its workers."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def probe(port: int, path: str) -> int:
    """HTTP status of a GET of PATH on 127.0.0.1:PORT (0 when nothing answers), asked with a bare socket:
    polling every 20 ms through a cold start, this process takes as little CPU from it as it can (urllib
    took 0.39 ms a request, this 0.24, most of it the kernel's)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
            connection.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = connection.recv(64)
            while connection.recv(1 << 16):
                pass
        return int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    except (OSError, ValueError, IndexError):
        return 0


def cold_start(root: Path, port: int) -> tuple[float, float]:
    """Seconds from launch to the first answer (/health, starting) and to the first 200 of a path list."""
    start = time.perf_counter()
    proc = serve(root, port, 1)
    first = ready = None
    try:
        while ready is None and time.perf_counter() - start < 600:
            if first is None and probe(port, "/health"):  # asked until it first answers
                first = time.perf_counter() - start
            if probe(port, "/v1/paths") == 200:
                ready = time.perf_counter() - start
                CPU["cold start"] = group_cpu(proc.pid)
            time.sleep(0.02)
    finally:
        stop(proc)
    return first or float("nan"), ready or float("nan")


def memory(root: Path, port: int, workers: int) -> float:
    """PSS (MB) of a ready server with WORKERS workers, after 200 reads spread over them."""
    proc = serve(root, port, workers)
    try:
        deadline = time.monotonic() + 600
        while get(f"http://127.0.0.1:{port}/health") != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.5)  # every worker up
        for number in range(200):
            get(f"http://127.0.0.1:{port}/v1/paths?page={number % 10 + 1}")
        return pss_mb(proc.pid)
    finally:
        stop(proc)


def rebuild(root: Path) -> tuple[float, float]:
    """Seconds of a full snapshot build and of a rebuild after one changed path."""
    repo = ContentRepository(root)
    full, snapshot = timed_build(repo, repo.head().sha, None)
    sha = change_one_path(root, 1)
    again, _ = timed_build(repo, sha, snapshot)
    return full, again


def http(root: Path, duration: int) -> dict[str, Any] | None:
    """bench/api.py on ROOT: its summary (API vs nginx req/s per scenario), None when it cannot run."""
    before = set(RESULTS.glob("api-*.json"))
    done = subprocess.run(
        [sys.executable, str(BENCH / "api.py"), "--repo", str(root), "--duration", str(duration)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    written = sorted(set(RESULTS.glob("api-*.json")) - before)
    if done.returncode != 0 or not written:
        print(f"bench/api.py gave no result (exit {done.returncode}): {done.stderr[-2000:]}", flush=True)
        return None
    return json.loads(written[-1].read_text()).get("summary")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ratio(value: float | None, reference: float | None) -> float | None:
    return None if value is None or not reference else value / reference


def rows(m: dict[str, Any], documents: int, paths: int) -> list[Row]:
    """The table: figure, value, reference, ratio, target."""
    out = [
        {
            "figure": f"validate {paths} paths: check-jsonschema / pathapi",
            "value": m["cjs"],
            "reference": m["validate_small"],
            "unit": "s",
            "target": ">= 10",
        },
        {
            "figure": f"validate {documents} paths: pathapi / raw floor",
            "value": m["validate"],
            "reference": m["floor"],
            "unit": "s",
            "target": "",
        },
        {
            "figure": "cold start, first 200: pathapi / raw floor",
            "value": m["ready"],
            "reference": m["floor"],
            "unit": "s",
            "target": "<= 5",
        },
        {
            "figure": "cold start, first answer (/health starting) / first 200",
            "value": m["first"],
            "reference": m["ready"],
            "unit": "s",
            "target": "",
        },
        {
            "figure": "memory (PSS): 4 workers / 1 worker",
            "value": m["pss4"],
            "reference": m["pss1"],
            "unit": "MB",
            "target": "<= 1.5",
        },
        {
            "figure": "rebuild after one change / full build",
            "value": m["rebuild"],
            "reference": m["full"],
            "unit": "s",
            "target": "",
        },
    ]
    if m.get("ready_cpu") and m.get("floor_cpu"):
        out.insert(
            3,
            {
                "figure": "cold start, first 200, CPU time: pathapi / raw floor",
                "value": m["ready_cpu"],
                "reference": m["floor_cpu"],
                "unit": "s",
                "target": "",
            },
        )
    if m.get("cjs_cpu") and m.get("validate_small_cpu"):
        out.insert(
            1,
            {
                "figure": f"validate {paths} paths, CPU time: check-jsonschema / pathapi",
                "value": m["cjs_cpu"],
                "reference": m["validate_small_cpu"],
                "unit": "s",
                "target": ">= 10",
            },
        )
    served = m.get("served") or {}
    if served:
        out += [
            {
                "figure": "search q/s (uncached queries) / one document req/s",
                "value": served["search_rps"],
                "reference": served["doc_rps"],
                "unit": "req/s",
                "target": "",
            },
            {
                "figure": "sync delta after one change / one document req/s",
                "value": served["delta_rps"],
                "reference": served["doc_rps_after"],
                "unit": "req/s",
                "target": "",
            },
            {
                "figure": "cold start: all workers search / first 200",
                "value": served["search_ready_s"],
                "reference": served["ready_s"],
                "unit": "s",
                "target": "",
            },
        ]
    for label, key in (("first request", 0), ("later requests", 1)):
        history = m.get("history") or {}
        if history:
            high, low = history[max(history, key=int)], history[min(history, key=int)]
            out.append(
                {
                    "figure": f"/history {max(history, key=int)} / {min(history, key=int)} releases ({label})",
                    "value": high["unchanged"][key],
                    "reference": low["unchanged"][key],
                    "unit": "s",
                    "target": "<= 2",
                }
            )
    for scenario, figures in ((m.get("http") or {}).get("scenarios") or {}).items():
        if isinstance(figures, dict) and "api_rps" in figures:
            out.append(
                {
                    "figure": f"API / nginx req/s ({scenario})",
                    "value": figures["api_rps"],
                    "reference": figures["nginx_rps"],
                    "unit": "req/s",
                    "target": "",
                }
            )
    for row in out:
        row["ratio"] = ratio(row["value"], row["reference"])
    return out


def table(found: list[Row]) -> str:
    """The rows as a Markdown table."""

    def num(value: float | None) -> str:
        return "n/a" if value is None else f"{value:,.3f}" if value < 10 else f"{value:,.0f}"

    lines = ["| figure | value | reference | ratio | target |", "|---|---:|---:|---:|---|"]
    lines += [
        f"| {r['figure']} | {num(r['value'])} {r['unit']} | {num(r['reference'])} {r['unit']} | "
        f"{num(r['ratio'])} | {r['target']} |"
        for r in found
    ]
    return "\n".join(lines) + "\n"


def chart(found: list[Row], out: Path) -> bool:
    """A PNG bar chart of the ratios (log scale), when matplotlib is installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    shown = [r for r in found if r["ratio"]]
    fig, axis = plt.subplots(figsize=(9, 0.5 * len(shown) + 1.2))
    axis.barh([r["figure"] for r in shown], [r["ratio"] for r in shown], color="#3465a4")
    axis.set_xscale("log")
    axis.axvline(1.0, color="black", linewidth=0.8)
    axis.invert_yaxis()
    axis.set_xlabel("ratio (value / reference), log scale")
    for number, row in enumerate(shown):
        axis.text(row["ratio"], number, f" {row['ratio']:.2f}", va="center", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return True


def measure(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """Every figure, one at a time."""
    big, small = tmp / "big", tmp / "small"
    print(f"generating {args.documents} and {args.paths} paths ...", flush=True)
    write_repository(big, args.documents, git=True)
    write_repository(small, args.paths, git=True)
    m: dict[str, Any] = {"floor": statistics.median(raw_floor(big) for _ in range(3))}
    print(f"raw floor {m['floor']:.2f} s", flush=True)
    m["validate"], status = run([str(BIN / "pathapi"), "validate", str(big)])
    if status != 0:  # a rejected repository times error reporting, not the build: never report it
        raise SystemExit(f"pathapi validate rejects the generated repository (exit {status}): fix bench/generate.py")
    m["validate_small"], _ = run([str(BIN / "pathapi"), "validate", str(small)])
    m["validate_small_cpu"] = CPU.get("pathapi")
    m["cjs"] = check_jsonschema(small, tmp)
    m["cjs_cpu"] = CPU.get("check-jsonschema") if m["cjs"] else None
    print(
        f"validate {m['validate']:.2f} s; {args.paths} paths {m['validate_small']:.2f} s, check-jsonschema {m['cjs']}",
        flush=True,
    )
    compile_package()
    floors, starts, cpus = [m["floor"]], [], []
    for _ in range(3):  # each start beside a floor measured just before it: the load of the moment is shared
        floors.append(raw_floor(big))
        starts.append(cold_start(big, free_port()))
        cpus.append(CPU["cold start"])
    m["floor"] = statistics.median(floors)
    m["first"] = statistics.median(first for first, _ in starts)
    m["ready"] = statistics.median(ready for _, ready in starts)
    m["ready_cpu"], m["floor_cpu"] = statistics.median(cpus), CPU.get("floor")
    print(
        f"cold start (median of 3): first answer {m['first']:.2f} s, first 200 {m['ready']:.2f} s "
        f"(floor {m['floor']:.2f} s; each: {', '.join(f'{r:.2f}' for _, r in starts)})",
        flush=True,
    )
    m["pss1"] = memory(big, free_port(), 1)
    m["pss4"] = memory(big, free_port(), 4)
    print(f"memory: 1 worker {m['pss1']:.0f} MB, 4 workers {m['pss4']:.0f} MB", flush=True)
    m["full"], m["rebuild"] = rebuild(big)
    print(f"build {m['full']:.2f} s, rebuild after one change {m['rebuild']:.3f} s", flush=True)
    if not args.skip_http:
        m["served"] = measure_served(big, args.duration, tmp)
        print(f"served: {m['served']}", flush=True)
    logging.disable(logging.INFO)  # the in-process app's request log
    m["history"] = history_figures(1000, [10, 1000], 20)
    m["http"] = None if args.skip_http else http(big, args.duration)
    return m


def main() -> int:
    """Measure, print the table, write bench/results/all-<time>.{json,md,png}."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000, help="paths in the big repository (10000)")
    parser.add_argument("--paths", type=int, default=1000, help="paths for validate vs check-jsonschema (1000)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run in bench/api.py (5)")
    parser.add_argument(
        "--skip-http", action="store_true", help="leave out what needs wrk and nginx: bench/api.py and bench/served.py"
    )
    args = parser.parse_args()
    started = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    with tempfile.TemporaryDirectory(prefix="pathapi-bench-all-") as tmp:
        measured = measure(args, Path(tmp))
    found = rows(measured, args.documents, args.paths)
    text = table(found)
    print("\n" + text)
    RESULTS.mkdir(exist_ok=True)
    base = RESULTS / f"all-{started}"
    base.with_suffix(".json").write_text(
        json.dumps({"started": started, "args": vars(args), "measured": measured, "rows": found}, indent=2, default=str)
        + "\n"
    )
    base.with_suffix(".md").write_text(text)
    if chart(found, base.with_suffix(".png")):
        print(f"chart: {base.with_suffix('.png')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
