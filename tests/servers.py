"""Helpers for tests that run servers and processes: free ports, plain HTTP, waiting, stopping."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from flask import Flask

from pathapi.api.runtime import EXTENSION, Runtime
from tests.support import GIT_ENV, ContentRepo

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Response:
    """One HTTP response: status, lower-cased headers, body bytes."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def cache(self) -> str:
        """What nginx's cache did (X-Cache-Status), or '' when the header is absent."""
        return self.headers.get("x-cache-status", "")


def merged(headers: Message) -> dict[str, str]:
    """Lower-cased header names; a header sent more than once (Vary) joined with commas, as HTTP does."""
    return {name.lower(): ", ".join(headers.get_all(name) or []) for name in set(headers.keys())}


def get(url: str, headers: dict[str, str] | None = None, timeout: float = 10.0) -> Response:
    """GET URL; 3xx/4xx/5xx are returned, not raised."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return Response(answer.status, merged(answer.headers), answer.read())
    except urllib.error.HTTPError as err:
        with err:
            return Response(err.code, merged(err.headers), err.read())


def stop_group(proc: subprocess.Popen[bytes], sig: signal.Signals = signal.SIGTERM) -> None:
    """End PROC's process group with SIG, then SIGKILL if it lingers; reap it."""
    for signum in (sig, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signum)
        try:
            proc.wait(timeout=10)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError):  # workers that outlived their parent
        os.killpg(proc.pid, signal.SIGKILL)


def runtime_of(app: Flask) -> Runtime:
    """The app's Runtime (read service, follower)."""
    value: Runtime = app.extensions[EXTENSION]
    return value


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> None:
    """Poll CONDITION until it holds, failing after SECONDS."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("condition not reached in time")
        time.sleep(0.05)


def clone(repo: ContentRepo, target: Path) -> Path:
    """A clone of REPO (its origin) at TARGET; no hard links, so writes to REPO cannot show through."""
    subprocess.run(["git", "clone", "-q", "--no-local", str(repo.root), str(target)], check=True, env=GIT_ENV)
    return target


def terminate(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server as a container runtime does (SIGTERM to its main process), then make sure."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)
        raise
