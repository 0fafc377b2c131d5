"""Benchmark the API on granian against nginx serving the very same bytes as static files.

    .venv/bin/python bench/api.py [--repo PATH | --generate N] [--duration 10] [--connections 64]

1. Starts ``pathapi serve`` (granian, 2 workers) on a free 127.0.0.1 port for the repository
   (default: this checkout, served from its git HEAD; ``--generate N`` instead serves a
   temporary git repository of N generated paths, see bench/generate.py).
2. Fetches the exact bytes of one path (``/v1/paths/<first id>?lang=fi``) and of the list
   (``/v1/paths?lang=fi``), and the path's ETag.
3. Writes those bytes as static files and starts nginx (2 workers, keep-alive, ETags, no
   access log) on another free 127.0.0.1 port, serving them at the same URLs.
4. Checks both servers return byte-identical bodies and both answer If-None-Match with 304.
5. Runs wrk against each server in turn -- never both at once -- for three scenarios: one
   path, the list, and a 304 (If-None-Match with that server's own ETag). Scenarios and
   servers are interleaved so slow drift of the machine hits both sides alike.
6. Prints req/s per scenario, the API/nginx ratio, the API's list/path ratio, and writes
   everything to bench/results/api-<timestamp>.json.

Every process started here is in its own process group and is ended on exit, error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
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
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

BENCH = Path(__file__).resolve().parent
CHECKOUT = BENCH.parent
RESULTS = BENCH / "results"
HOST = "127.0.0.1"
SERVERS = ("api", "nginx")
SCENARIOS = ("path", "list", "304")
STARTUP_TIMEOUT = 600.0  # a cold 10,000-document start on a busy machine


class BenchError(Exception):
    """The benchmark cannot run or its preconditions fail; the message says why."""


@dataclass
class Processes:
    """Processes started by the benchmark, each in its own session and process group."""

    running: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, command: list[str], log: IO[bytes] | int | None = None, **kw: Any) -> subprocess.Popen[bytes]:
        """Start COMMAND in a new process group; it is ended by close()."""
        proc = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT if log else None,
            start_new_session=True,
            **kw,
        )
        self.running.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[bytes], grace: float = 5.0) -> None:
        """End PROC's whole process group: SIGTERM, then SIGKILL after GRACE seconds."""
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, grace)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        with contextlib.suppress(ProcessLookupError):  # workers that outlived their parent
            os.killpg(proc.pid, signal.SIGKILL)
        if proc in self.running:
            self.running.remove(proc)

    def close(self) -> None:
        """Stop every process still running, newest first."""
        for proc in reversed(list(self.running)):
            self.stop(proc)


@dataclass(frozen=True)
class Target:
    """One server under test: its base URL, the path's ETag it sends, its process group."""

    name: str
    base: str
    etag: str
    pgid: int


@dataclass(frozen=True)
class WrkResult:
    """What one wrk run measured, plus the server's CPU time during it."""

    server: str
    scenario: str
    requests_per_s: float
    requests: int
    seconds: float
    transfer_per_s: str
    latency_avg: str
    latency_p99: str
    errors: str
    server_cpu_s: float | None
    wrk_cpu_s: float
    other_cpu_s: float | None

    @property
    def cpu_us_per_request(self) -> float | None:
        """Server CPU microseconds spent per request (all its processes), if known."""
        if self.server_cpu_s is None or not self.requests:
            return None
        return self.server_cpu_s / self.requests * 1e6


@dataclass(frozen=True)
class Fetched:
    """One HTTP response as received: status, headers and exact body bytes."""

    status: int
    headers: dict[str, str]
    body: bytes


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str, headers: dict[str, str] | None = None, timeout: float = 10.0) -> Fetched:
    """GET URL with urllib; 3xx/4xx/5xx are returned, not raised."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Fetched(
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as err:
        return Fetched(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())


def log_tail(log: Path, lines: int = 30) -> str:
    """The last LINES lines of LOG, to show why a server did not come up."""
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = STARTUP_TIMEOUT) -> None:
    """Poll URL until it answers 200; fail at once if PROC exits or answers 5xx other than 503 (starting)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"{proc.args!r} exited with {proc.returncode}:\n{log_tail(log)}")
        with contextlib.suppress(OSError):
            status = fetch(url, timeout=2).status
            if status == 200:
                return
            if status >= 500 and status != 503:
                raise BenchError(f"{url} answered {status}; last lines of its log:\n{log_tail(log)}")
        time.sleep(0.2)
    raise BenchError(f"{url} did not answer within {timeout:.0f} s:\n{log_tail(log)}")


def find_tool(name: str) -> str:
    """Absolute path of NAME on PATH or in /usr/sbin, else a BenchError with the install hint."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise BenchError(f"{name} not found: apt-get update && apt-get install -y nginx-light wrk")
    return found


def pathapi_command() -> list[str]:
    """The pathapi console script of this interpreter's environment, or ``python -m pathapi``."""
    script = Path(sys.executable).parent / "pathapi"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pathapi"]


def start_api(procs: Processes, repo: Path, workers: int, tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``pathapi serve`` on granian; return the process and its base URL once it answers."""
    port = free_port()
    log_path = tmp / "api.log"
    command = [
        *pathapi_command(),
        "serve",
        "--repo",
        str(repo),
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    with log_path.open("wb") as log:
        proc = procs.start(command, log, cwd=tmp)
    base = f"http://{HOST}:{port}"
    wait_ready(f"{base}/v1/paths", proc, log_path)
    return proc, base


def nginx_temp_paths(nginx: str, tmp: Path) -> str:
    """``*_temp_path`` directives under TMP for the HTTP modules this nginx was built with."""
    built = subprocess.run([nginx, "-V"], capture_output=True, text=True, check=True).stderr
    lines = [f"client_body_temp_path {tmp}/client_body;"]
    for module in ("proxy", "fastcgi", "uwsgi", "scgi"):
        if f"--without-http_{module}_module" not in built:
            lines.append(f"{module}_temp_path {tmp}/{module};")
    return "\n    ".join(lines)


def nginx_config(nginx: str, tmp: Path, www: Path, port: int, path_id: str) -> str:
    """An nginx.conf serving WWW's files at the API's URLs (query strings are ignored)."""
    return f"""\
worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
lock_file {tmp}/nginx.lock;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    types {{ }}
    default_type application/json;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    etag on;
    server_tokens off;
    {nginx_temp_paths(nginx, tmp)}
    server {{
        listen {HOST}:{port} backlog=2048;
        location = /v1/paths {{ alias {www}/paths-list.json; }}
        location = /v1/paths/{path_id} {{ alias {www}/paths/{path_id}.json; }}
        location / {{ return 404; }}
    }}
}}
"""


def start_nginx(
    procs: Processes, tmp: Path, bodies: dict[str, bytes], path_id: str
) -> tuple[subprocess.Popen[bytes], str]:
    """Write BODIES as static files and serve them with nginx; return the process and base URL."""
    nginx = find_tool("nginx")
    www = tmp / "www"
    (www / "paths").mkdir(parents=True)
    (www / "paths" / f"{path_id}.json").write_bytes(bodies["path"])
    (www / "paths-list.json").write_bytes(bodies["list"])
    for folder in (tmp, www, www / "paths"):  # nginx workers run as nobody when started as root
        folder.chmod(0o755)
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_config(nginx, tmp, www, port, path_id))
    log_path = tmp / "nginx.log"
    with log_path.open("wb") as log:
        proc = procs.start([nginx, "-p", str(tmp), "-e", str(tmp / "nginx-error.log"), "-c", str(conf)], log)
    base = f"http://{HOST}:{port}"
    wait_ready(f"{base}/v1/paths", proc, tmp / "nginx-error.log")
    return proc, base


def api_urls(api: str) -> tuple[dict[str, str], str]:
    """The scenario URLs (relative) and the id of the first path in the API's list."""
    listing = fetch(f"{api}/v1/paths?lang=fi")
    if listing.status != 200:
        raise BenchError(f"GET /v1/paths?lang=fi answered {listing.status}: {listing.body[:300]!r}")
    items = json.loads(listing.body).get("items") or []
    if not items:
        raise BenchError("the repository serves no paths at HEAD; use --generate 1000 or --repo /tmp/mini")
    path_id = str(items[0]["id"])
    return {"path": f"/v1/paths/{path_id}?lang=fi", "list": "/v1/paths?lang=fi"}, path_id


def check_same(api: str, nginx: str, urls: dict[str, str]) -> tuple[dict[str, bytes], dict[str, str]]:
    """Fail unless both servers return 200 and byte-identical bodies; return bodies and ETags."""
    bodies: dict[str, bytes] = {}
    etags: dict[str, str] = {}
    for scenario, url in urls.items():
        ours, theirs = fetch(api + url), fetch(nginx + url)
        if ours.status != 200 or theirs.status != 200:
            raise BenchError(f"{url}: api answered {ours.status}, nginx {theirs.status}")
        if ours.body != theirs.body:
            raise BenchError(f"{url}: bodies differ: api {len(ours.body)} bytes, nginx {len(theirs.body)} bytes")
        for name, got in (("api", ours), ("nginx", theirs)):
            if not got.headers.get("content-type", "").startswith("application/json"):
                raise BenchError(f"{url}: {name} sent Content-Type {got.headers.get('content-type')!r}")
        bodies[scenario] = ours.body
        if scenario == "path":
            etags = {"api": ours.headers.get("etag", ""), "nginx": theirs.headers.get("etag", "")}
    return bodies, etags


def check_304(targets: list[Target], url: str) -> None:
    """Fail unless each target answers If-None-Match with its own ETag by 304 and no body."""
    for target in targets:
        if not target.etag:
            raise BenchError(f"{target.name} sent no ETag for {url}")
        got = fetch(target.base + url, {"If-None-Match": target.etag})
        if got.status != 304 or got.body:
            raise BenchError(
                f"{target.name}: If-None-Match {target.etag} on {url} gave {got.status}, {len(got.body)} body bytes"
            )


def group_cpu_seconds(pgid: int) -> float | None:
    """User+system CPU seconds of every live process in process group PGID (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    try:
        entries = os.listdir("/proc")
    except OSError:
        return None
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # after "pid (comm) "
        if int(fields[2]) == pgid:  # fields: state ppid pgrp ... utime(11) stime(12)
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def machine_busy_seconds() -> float | None:
    """CPU seconds all cores spent in processes (and stolen) since boot, or None without /proc.

    Interrupt and softirq time -- the kernel's loopback TCP work for every server -- is
    left out, so busy minus the server's and wrk's time is what other processes took.
    """
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, _irq, _softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + steal) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """User+system CPU seconds of this process's reaped children (wrk, once it has exited)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def parse_wrk(output: str) -> dict[str, Any]:
    """Requests/s, request count, duration, transfer, latency and errors from wrk's report."""

    def find(pattern: str, default: str = "") -> str:
        match = re.search(pattern, output, re.MULTILINE)
        return match.group(1) if match else default

    rps = find(r"^Requests/sec:\s+([\d.]+)")
    if not rps:
        raise BenchError(f"could not read wrk's output:\n{output}")
    errors = [find(r"^\s*(Socket errors:.*)$"), find(r"^\s*(Non-2xx or 3xx responses:.*)$")]
    return {
        "requests_per_s": float(rps),
        "requests": int(find(r"^\s*(\d+) requests in", "0")),
        "seconds": float(find(r"requests in ([\d.]+)s", "0")),
        "transfer_per_s": find(r"^Transfer/sec:\s+(\S+)"),
        "latency_avg": find(r"^\s+Latency\s+(\S+)"),
        "latency_p99": find(r"^\s+99%\s+(\S+)"),
        "errors": "; ".join(e for e in errors if e),
    }


def run_wrk(
    procs: Processes,
    target: Target,
    scenario: str,
    url: str,
    args: argparse.Namespace,
    duration: int | None = None,
    headers: dict[str, str] | None = None,
) -> WrkResult:
    """One wrk run against TARGET with HEADERS; the 304 scenario sends If-None-Match with its ETag."""
    seconds = max(1, duration if duration is not None else args.duration)  # wrk takes whole seconds
    command = [
        find_tool("wrk"),
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "5s",
    ]
    if scenario == "304":
        command += ["-H", f"If-None-Match: {target.etag}"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(target.base + url)
    before = (group_cpu_seconds(target.pgid), children_cpu_seconds(), machine_busy_seconds())
    proc = procs.start(command, subprocess.PIPE)
    try:
        output, _ = proc.communicate(timeout=seconds + 30)
    finally:
        procs.stop(proc)
    after = (group_cpu_seconds(target.pgid), children_cpu_seconds(), machine_busy_seconds())
    if proc.returncode != 0:
        raise BenchError(f"wrk failed ({proc.returncode}):\n{output.decode(errors='replace')}")
    parsed = parse_wrk(output.decode(errors="replace"))
    server = None if before[0] is None or after[0] is None else after[0] - before[0]
    wrk = after[1] - before[1]
    busy = None if before[2] is None or after[2] is None else after[2] - before[2]
    other = None if busy is None or server is None else max(0.0, busy - server - wrk)
    return WrkResult(
        target.name,
        scenario,
        **parsed,
        server_cpu_s=rnd(server),
        wrk_cpu_s=round(wrk, 3),
        other_cpu_s=rnd(other),
    )


def rnd(value: float | None) -> float | None:
    """VALUE rounded to milliseconds, or None."""
    return None if value is None else round(value, 3)


def progress_line(round_no: int, result: WrkResult, duration: int) -> str:
    """One line per wrk run: req/s, latency, and where the machine's CPU went."""
    cores = os.cpu_count() or 1

    def share(seconds: float | None) -> str:
        return f"{seconds / (duration * cores):4.0%}" if seconds is not None else "   -"

    line = (
        f"round {round_no} {result.scenario:<5} {result.server:<6}"
        f" {result.requests_per_s:>10,.0f} req/s"
        f"  avg {result.latency_avg:>8} p99 {result.latency_p99:>8}"
        f"  CPU: server {share(result.server_cpu_s)} wrk {share(result.wrk_cpu_s)}"
        f" other {share(result.other_cpu_s)}"
    )
    if result.other_cpu_s is not None and result.other_cpu_s > 0.1 * duration * cores:
        line += "  <-- other processes busy: noisy"
    return line + (f"  ({result.errors})" if result.errors else "")


def median_rps(results: list[WrkResult], server: str, scenario: str) -> float:
    """Median req/s over the rounds for one server and scenario."""
    return statistics.median(r.requests_per_s for r in results if r.server == server and r.scenario == scenario)


def median_cpu(results: list[WrkResult], server: str, scenario: str) -> float | None:
    """Median server CPU µs per request over the rounds, if measured."""
    values = [r.cpu_us_per_request for r in results if r.server == server and r.scenario == scenario]
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def summarize(results: list[WrkResult]) -> dict[str, Any]:
    """Per-scenario medians and ratios: API/nginx, and the API's list vs one path."""
    rows: dict[str, dict[str, Any]] = {}
    for scenario in SCENARIOS:
        api, nginx = median_rps(results, "api", scenario), median_rps(results, "nginx", scenario)
        rows[scenario] = {
            "api_rps": round(api, 1),
            "nginx_rps": round(nginx, 1),
            "api_over_nginx": round(api / nginx, 3) if nginx else None,
            "api_cpu_us_per_req": median_cpu(results, "api", scenario),
            "nginx_cpu_us_per_req": median_cpu(results, "nginx", scenario),
        }
    path_rps: float = rows["path"]["api_rps"]
    list_rps: float = rows["list"]["api_rps"]
    list_vs_path = round(list_rps / path_rps, 3) if path_rps else None
    return {"scenarios": rows, "api_list_over_path": list_vs_path}


def print_table(summary: dict[str, Any], sizes: dict[str, int]) -> None:
    """The human-readable result table."""

    def us(value: float | None) -> str:
        return f"{value:.0f}" if value is not None else "-"

    print(
        f"\n{'scenario':<8} {'bytes':>7} {'API req/s':>11} {'nginx req/s':>12} {'API/nginx':>10}"
        f" {'API µs CPU/req':>15} {'nginx µs CPU/req':>17}"
    )
    for scenario, row in summary["scenarios"].items():
        ratio = row["api_over_nginx"]
        flag = "  <-- below 0.10" if ratio is not None and ratio < 0.10 else ""
        api_cpu, nginx_cpu = us(row["api_cpu_us_per_req"]), us(row["nginx_cpu_us_per_req"])
        print(
            f"{scenario:<8} {sizes.get(scenario, 0):>7} {row['api_rps']:>11,.0f}"
            f" {row['nginx_rps']:>12,.0f} {ratio:>10.3f} {api_cpu:>15} {nginx_cpu:>17}{flag}"
        )
    print(f"\nAPI list vs one path: {summary['api_list_over_path']:.3f} (list req/s / path req/s)")


def tool_versions(nginx: str, wrk: str) -> dict[str, str]:
    """Versions of the tools and runtime, for the results file."""

    def first_line(command: list[str]) -> str:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        return (done.stdout or done.stderr).splitlines()[0] if (done.stdout or done.stderr) else ""

    try:
        import granian

        granian_version = str(granian.__version__)
    except ImportError:
        granian_version = ""
    return {
        "python": platform.python_version(),
        "granian": granian_version,
        "nginx": first_line([nginx, "-v"]),
        "wrk": first_line([wrk, "-v"]),
        "cpus": str(os.cpu_count()),
        "machine": platform.platform(),
        "pathapi_commit": first_line(["git", "-C", str(CHECKOUT), "rev-parse", "HEAD"]),
        "pathapi_src_dirty": first_line(["git", "-C", str(CHECKOUT), "status", "--porcelain", "--", "src"]),
        "pythonpath": os.environ.get("PYTHONPATH", ""),
    }


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into KeyboardInterrupt (even if inherited as ignored), then
    ignore both while the caller cleans up, so a second Ctrl-C cannot cut cleanup short."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def prepare_repo(args: argparse.Namespace, tmp: Path) -> Path:
    """The repository to serve: --repo, or a generated git repository for --generate N."""
    if not args.generate:
        return Path(args.repo).resolve()
    sys.path.insert(0, str(BENCH))
    from generate import write_repository

    root = tmp / "repo"
    root.mkdir()
    write_repository(root, args.generate, git=True)
    print(f"generated a git repository with {args.generate} paths in {root}")
    return root


def benchmark(args: argparse.Namespace, procs: Processes, tmp: Path) -> dict[str, Any]:
    """Start both servers, check they agree, run every wrk pass and return the results."""
    nginx_bin, wrk_bin = find_tool("nginx"), find_tool("wrk")
    repo = prepare_repo(args, tmp)
    api_proc, api = start_api(procs, repo, args.workers, tmp)
    urls, path_id = api_urls(api)
    first = {"path": fetch(api + urls["path"]).body, "list": fetch(api + urls["list"]).body}
    nginx_proc, nginx = start_nginx(procs, tmp, first, path_id)
    bodies, etags = check_same(api, nginx, urls)
    targets = [
        Target("api", api, etags["api"], api_proc.pid),
        Target("nginx", nginx, etags["nginx"], nginx_proc.pid),
    ]
    check_304(targets, urls["path"])
    sizes = {scenario: len(body) for scenario, body in bodies.items()} | {"304": 0}
    print(f"api {api}  nginx {nginx}  repo {repo}")
    print(
        f"same bytes from both: path {sizes['path']} B, list {sizes['list']} B; "
        f"ETag api {etags['api']} nginx {etags['nginx']}"
    )
    for target in targets:
        run_wrk(procs, target, "path", urls["path"], args, duration=args.warmup)
    results: list[WrkResult] = []
    for round_no in range(1, args.rounds + 1):
        for scenario in SCENARIOS:
            for target in targets:
                url = urls["path"] if scenario == "304" else urls[scenario]
                result = run_wrk(procs, target, scenario, url, args)
                results.append(result)
                print(progress_line(round_no, result, args.duration), flush=True)
    summary = summarize(results)
    print_table(summary, sizes)
    return {
        "started": args.started,
        "config": {
            "repo": str(repo),
            "generated_paths": args.generate,
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
            "workers": args.workers,
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


def write_results(report: dict[str, Any], started: str) -> Path:
    """Save REPORT as bench/results/api-<timestamp>.json."""
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"api-{started}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    return out


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
    parser.add_argument("--workers", type=int, default=2, help="granian workers (default: 2)")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved passes; medians reported (default: 1)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per server (default: 2)")
    args = parser.parse_args()
    args.started = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return args


def main() -> int:
    """Run the benchmark; always stop the servers, even on error or Ctrl-C."""
    args = parse_args()
    procs = Processes()
    tmp = Path(tempfile.mkdtemp(prefix="pathapi-bench-api-"))
    try:
        with interruptible():
            report = benchmark(args, procs, tmp)
        print(f"\nresults: {write_results(report, args.started).relative_to(CHECKOUT)}")
        return 0
    except BenchError as err:
        print(f"bench/api.py: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench/api.py: interrupted", file=sys.stderr)
        return 130
    finally:
        procs.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
