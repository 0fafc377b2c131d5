"""An example receiver of pathapi release events: verify, deduplicate, rebuild a static site, purge a CDN.

    PATHAPI_EVENTS_SECRET=… python deploy/events_receiver.py --port 9000 \\
        --rebuild 'pathapi export /srv/site-{version} --version {version}' \\
        --purge-url https://cdn.example.fi/purge --api https://api.example.fi

and on the API side ``PATHAPI_EVENTS_URLS=http://receiver:9000/``. Only the standard library.

Every replica (and every worker) sends the same event; its ``id`` is the version, so the
second copy is answered ``200 duplicate`` and ignored. The answer comes at once (``202``);
the rebuild and purge run afterwards, one event at a time, so pathapi never waits for them.
A wrong or missing ``X-Pathapi-Signature-256`` is a ``401`` and nothing runs.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import logging
import os
import queue
import shlex
import subprocess
import threading
import urllib.request
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SIGNATURE_HEADER = "X-Pathapi-Signature-256"
MAX_BODY = 1_048_576
log = logging.getLogger("events_receiver")


def verified(secret: str, body: bytes, given: str) -> bool:
    """Whether GIVEN is ``sha256=<hex HMAC-SHA256 of BODY>`` under SECRET (compared in constant time)."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), given.encode())


def purge_paths(event: dict[str, Any]) -> list[str]:
    """API paths whose cached copies the event makes stale: each changed document, its list, app sync."""
    paths = set()
    for change in event.get("changed", []):
        collection = f"/v1/{change['type']}s"
        paths |= {f"{collection}/{change['id']}", collection}
    if paths:
        paths |= {"/v1/sync", "/v1/bundle", "/v1/search"}
    return sorted(paths)


def rebuild(template: str, event: dict[str, Any]) -> None:
    """Run the rebuild command (no shell), with {version} and {release} filled in."""
    values = {"version": event["version"], "release": event.get("release") or ""}
    command = [part.format(**values) for part in shlex.split(template)]
    env = {**os.environ, "PATHAPI_VERSION": values["version"], "PATHAPI_RELEASE": values["release"]}
    subprocess.run(command, check=True, env=env, timeout=3600)


def purge(purge_url: str, api: str, paths: list[str], token: str | None) -> None:
    """Ask the CDN to drop PATHS (prefix purge: query-string variants go too)."""
    body = json.dumps({"prefixes": [api.rstrip("/") + p for p in paths]}).encode()
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(purge_url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


class Receiver:
    """Accepts signed events, remembers the last ids seen, and hands new ones to a worker."""

    def __init__(self, secret: str, act: Callable[[dict[str, Any]], None], remember: int = 1000) -> None:
        self.secret = secret
        self.act = act
        self.seen: deque[str] = deque(maxlen=remember)
        self.work: queue.Queue[dict[str, Any]] = queue.Queue(maxsize=100)
        self.lock = threading.Lock()
        threading.Thread(target=self._worker, daemon=True).start()

    def receive(self, body: bytes, signature: str) -> tuple[int, str]:
        """Status and text for one POST."""
        if not verified(self.secret, body, signature):
            return 401, f"bad or missing {SIGNATURE_HEADER}"
        event = json.loads(body)
        with self.lock:
            if event["id"] in self.seen:
                return 200, "duplicate"
            self.seen.append(event["id"])
        try:
            self.work.put_nowait(event)
        except queue.Full:
            return 503, "busy"  # pathapi retries later
        return 202, "accepted"

    def _worker(self) -> None:
        while True:
            event = self.work.get()
            try:
                self.act(event)
            except Exception:  # keep serving the next events
                log.exception("handling release %s failed", event.get("id"))


def server(receiver: Receiver, host: str, port: int) -> ThreadingHTTPServer:
    """An HTTP server that passes POST bodies to RECEIVER."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            status, text = (
                (413, "too large")
                if length > MAX_BODY
                else receiver.receive(self.rfile.read(length), self.headers.get(SIGNATURE_HEADER, ""))
            )
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return ThreadingHTTPServer((host, port), Handler)


def main() -> None:
    """Run the receiver until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--rebuild", help="command to run per release, e.g. 'pathapi export /srv/site-{version}'")
    parser.add_argument("--purge-url", help="the CDN's purge endpoint (POST {prefixes: [...]})")
    parser.add_argument("--api", default="https://api.example.fi", help="public base URL of the API")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)

    def act(event: dict[str, Any]) -> None:
        log.info("release %s (%s): %d changes", event["version"], event.get("release"), len(event["changed"]))
        if args.rebuild:
            rebuild(args.rebuild, event)
        if args.purge_url and purge_paths(event):
            purge(args.purge_url, args.api, purge_paths(event), os.environ.get("CDN_TOKEN"))

    server(Receiver(os.environ["PATHAPI_EVENTS_SECRET"], act), args.host, args.port).serve_forever()


if __name__ == "__main__":
    main()
