"""The server's own writable directory: repository mirrors and multiprocess metrics live here."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

VARIABLE = "PATHAPI_RUNTIME_DIR"


def runtime_directory() -> Path:
    """PATHAPI_RUNTIME_DIR, else a new temporary one removed at exit and shared with worker processes."""
    configured = os.environ.get(VARIABLE)
    if configured:
        path = Path(configured)
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        return path
    path = Path(tempfile.mkdtemp(prefix="pathapi-run-"))
    os.environ[VARIABLE] = str(path)
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def prepare_metrics(runtime: Path) -> None:
    """Give every worker one emptied metrics directory; call before prometheus_client is imported."""
    directory = runtime / "metrics"
    directory.mkdir(exist_ok=True)
    for stale in directory.iterdir():
        stale.unlink(missing_ok=True)  # another server sharing the directory may have removed it
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)
