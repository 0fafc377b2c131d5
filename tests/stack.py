"""Two ``pathapi serve`` replicas behind nginx running deploy/nginx.conf, on free ports, for tests."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from tests.servers import HOST, free_port, get, stop_group
from tests.support import ROOT

TOKEN = "scaleout-preview-token"


STARTUP_TIMEOUT = 30.0


LOG_LINE = re.compile(
    r'"(?P<request>[^"]*)" (?P<status>\d+) \d+ cache=(?P<cache>\S+) '
    r"upstream=(?P<upstream>.*?) upstream_status=(?P<upstream_status>.*?) rt="
)


def load_render() -> ModuleType:
    """deploy/render.py, the renderer operators use too (deploy/ is not a package)."""
    spec = importlib.util.spec_from_file_location("pathapi_deploy_render", ROOT / "deploy" / "render.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is executed
    spec.loader.exec_module(module)
    return module


def nginx_binary() -> str:
    """nginx on PATH (or in /usr/sbin); a failure, never a skip, when it is missing."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        pytest.fail(
            "nginx is not installed: tests/test_scaleout.py needs it "
            "(apt-get install -y nginx-light; .ci/run installs it)"
        )
    return found


@dataclass
class Stack:
    """Replicas and the nginx in front of them, all in their own process groups."""

    tmp: Path
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    replicas: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)
    front: str = ""

    @property
    def access_log(self) -> Path:
        """nginx's access log (format ``pathapi`` of deploy/nginx.conf)."""
        return self.tmp / "nginx" / "access.log"

    def spawn(self, name: str, command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        """Start COMMAND in its own process group, its output in NAME.log."""
        with (self.tmp / f"{name}.log").open("wb") as out:
            proc = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=self.tmp, start_new_session=True
            )
        self.procs.append(proc)
        return proc

    def wait_ready(self, name: str, proc: subprocess.Popen[bytes], url: str) -> None:
        """Return once URL answers 200; fail at once if PROC exits, or after STARTUP_TIMEOUT."""
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                log = (self.tmp / f"{name}.log").read_text(errors="replace")[-3000:]
                pytest.fail(f"{name} exited with {proc.returncode}:\n{log}")
            with contextlib.suppress(OSError):
                if get(url, timeout=2).status == 200:
                    return
            time.sleep(0.1)
        pytest.fail(f"{name} did not answer {url} within {STARTUP_TIMEOUT:.0f} s")

    def close(self) -> None:
        """Stop everything still running, nginx first."""
        for proc in reversed(self.procs):
            stop_group(proc)

    def log_lines(self, wanted: Callable[[dict[str, str]], bool], timeout: float = 5.0) -> list[dict[str, str]]:
        """Access log entries matching WANTED, waiting for nginx's buffered log (flush=1s)."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.access_log.read_text(errors="replace") if self.access_log.exists() else ""
            found = [m.groupdict() for m in map(LOG_LINE.search, text.splitlines()) if m and wanted(m.groupdict())]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.2)


def start_stack(tmp: Path, repo: Path, poll: float = 0) -> Stack:
    """Two replicas of REPO (max-age 1 s, previews on, following it every POLL s) on free ports,
    then nginx with deploy/nginx.conf."""
    nginx = nginx_binary()
    stack = Stack(tmp)
    try:
        env = {**os.environ, "PATHAPI_MAX_AGE": "1", "PATHAPI_PREVIEW_TOKEN": TOKEN}
        cli = Path(sys.executable).parent / "pathapi"
        for n in range(2):  # both start at once; each validates the commit before it answers
            port = free_port()
            command = [
                str(cli),
                "serve",
                "--repo",
                str(repo),
                "--host",
                HOST,
                "--port",
                str(port),
                "--workers",
                "1",
                "--poll",
                str(poll),
            ]
            stack.replicas.append((f"http://{HOST}:{port}", stack.spawn(f"replica{n}", command, env)))
        for n, (base, proc) in enumerate(stack.replicas):
            stack.wait_ready(f"replica{n}", proc, f"{base}/health/ready")
            stack.wait_ready(f"replica{n}", proc, f"{base}/v1/search?q=polku")  # 503 "warming" until indexed
        render = load_render()
        runtime = tmp / "nginx"
        runtime.mkdir()
        port = free_port()
        site = render.Site(
            upstreams=[base.removeprefix("http://") for base, _ in stack.replicas],
            listen=f"{HOST}:{port}",
            cache_dir=runtime / "cache",
            runtime_dir=runtime,
            user=render.current_user(),
            encoder=f"{HOST}:{free_port()}",
            limits=render.Limits(rate=100000, burst=100000, connections=1000),
        )  # tests load it
        conf = runtime / "nginx.conf"
        conf.write_text(render.render(site, nginx=nginx))
        stack.front = f"http://{HOST}:{port}"
        command = [nginx, "-p", str(runtime), "-e", str(runtime / "error.log"), "-c", str(conf), "-g", "daemon off;"]
        stack.wait_ready("nginx", stack.spawn("nginx", command), f"{stack.front}/health/ready")
        return stack
    except BaseException:
        stack.close()
        raise
