"""Helpers for browser tests: a studio server on a free port, Chromium, and axe-core."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

from tests.downloads import installing

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve APP on 127.0.0.1 and a free port in a thread; yield its origin."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def cache_dir() -> Path:
    """Where downloaded test tools are kept, outside the repository."""
    configured = os.environ.get("PATHAPI_TEST_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "pathapi-tests"


def axe_script() -> Path:
    """axe.min.js from the npm registry (``npm pack axe-core``), fetched once into the cache."""
    target = cache_dir() / "axe-core" / "axe.min.js"
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed to fetch axe-core: apt-get install -y npm (see .ci/run)")
    work = target.parent
    with installing(work):  # another test process may be fetching it right now
        if target.is_file():
            return target
        packed = (
            subprocess.run(
                [npm, "pack", "axe-core", "--silent"], cwd=work, check=True, capture_output=True, text=True, timeout=300
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        with tarfile.open(work / packed) as archive:
            member = archive.extractfile("package/axe.min.js")
            assert member is not None
            partial = target.with_suffix(".partial")
            partial.write_bytes(member.read())
            partial.replace(target)  # whole or absent
    return target


def with_axe(context: Any) -> Any:
    """CONTEXT with axe-core loaded into every page it opens, before the page's own scripts (a second
    faster than adding it to each page that is checked)."""
    context.add_init_script(path=str(axe_script()))
    return context


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core violations of impact serious or critical on the loaded PAGE (axe is added unless the page's
    context has it already: ``with_axe``)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
