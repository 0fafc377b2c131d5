"""Render deploy/nginx.conf for given replicas, listen address and file locations.

    python deploy/render.py --upstream 10.0.0.11:8000 --upstream 10.0.0.12:8000 --listen 80 > pathapi.conf
    python deploy/render.py --upstream 127.0.0.1:8001 --listen 127.0.0.1:8080 \\
        --cache-dir /tmp/front/cache --runtime-dir /tmp/front      # unprivileged, for a trial run

Only the lines an operator would edit change: the upstream ``server`` lines, ``listen``, the
``proxy_cache_path`` directory, the internal encoder hop's loopback address and, with
``--runtime-dir``, the pid file, logs and temporary files (which otherwise live in /run,
/var/log and /var/lib/nginx). Everything else -- the
caching, failover and gzip rules -- is the file as shipped; tests/test_scaleout.py and
bench/cachefront.py use this module so they run the operators' configuration, not a copy.
Each rewritten directive must occur exactly once, so a config edit that breaks rendering
fails loudly instead of silently testing something else.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

CONF = Path(__file__).resolve().parent / "nginx.conf"
UPSTREAM_BLOCK = re.compile(r"(?ms)^(\s*upstream pathapi \{\n)(.*?)(^\s*\})")
SERVER_LINE = re.compile(r"(?m)^(\s*)server\s+[^;\n]+;[^\n]*\n")
TEMP_MODULES = ("proxy", "fastcgi", "uwsgi", "scgi")
ENCODER = "127.0.0.1:8079"


class RenderError(Exception):
    """The configuration no longer has the shape this renderer rewrites."""


@dataclass(frozen=True)
class Site:
    """Where this nginx runs: its replicas, its listen address and its files."""

    upstreams: Sequence[str]
    listen: str = "80"
    cache_dir: Path | None = None
    runtime_dir: Path | None = None
    user: str | None = None
    encoder: str | None = None  # the internal gzip hop's loopback address (default 127.0.0.1:8079)


def replace_once(text: str, pattern: str, replacement: str) -> str:
    """TEXT with the single match of PATTERN (a regex) replaced; RenderError unless exactly one."""
    found = re.findall(pattern, text, flags=re.MULTILINE)
    if len(found) != 1:
        raise RenderError(f"expected one match of {pattern!r} in the configuration, found {len(found)}")
    return re.sub(pattern, lambda _: replacement, text, flags=re.MULTILINE)


def with_upstreams(text: str, upstreams: Sequence[str]) -> str:
    """TEXT with the ``server`` lines of ``upstream pathapi`` replaced by one per address."""
    if not upstreams:
        raise RenderError("give at least one upstream address")
    block = UPSTREAM_BLOCK.search(text)
    if not block:
        raise RenderError("no 'upstream pathapi { … }' block in the configuration")
    body = block.group(2)
    first = SERVER_LINE.search(body)
    if not first:
        raise RenderError("the upstream block has no 'server' line")
    lines = "".join(f"{first.group(1)}server {address};\n" for address in upstreams)
    body = body[: first.start()] + lines + SERVER_LINE.sub("", body[first.start() :])
    return text[: block.start(2)] + body + text[block.end(2) :]


def temp_paths(nginx: str, runtime_dir: Path) -> str:
    """``*_temp_path`` lines under RUNTIME_DIR for the HTTP modules this nginx was built with."""
    built = subprocess.run([nginx, "-V"], capture_output=True, text=True, check=True).stderr
    lines = [f"client_body_temp_path {runtime_dir}/client_body;"]
    lines += [f"{m}_temp_path {runtime_dir}/{m};" for m in TEMP_MODULES if f"--without-http_{m}_module" not in built]
    return "".join(f"    {line}\n" for line in lines)


def render(site: Site, text: str | None = None, nginx: str = "nginx") -> str:
    """deploy/nginx.conf (or TEXT) rewritten for SITE; NGINX is asked which temp paths it uses."""
    text = CONF.read_text() if text is None else text
    text = with_upstreams(text, site.upstreams)
    text = replace_once(text, r"(?<= )listen 80;", f"listen {site.listen};")
    if site.encoder is not None:
        for directive in ("server", "listen"):
            text = replace_once(text, rf"(?<= ){directive} {re.escape(ENCODER)};", f"{directive} {site.encoder};")
    if site.cache_dir is not None:
        text = replace_once(text, r"proxy_cache_path /var/cache/nginx/pathapi ", f"proxy_cache_path {site.cache_dir} ")
    if site.user is not None:
        text = replace_once(text, r"^user www-data;", f"user {site.user};")
    if site.runtime_dir is not None:
        run = site.runtime_dir
        text = replace_once(text, r"^pid /run/nginx\.pid;", f"pid {run}/nginx.pid;")
        text = replace_once(text, r"^error_log /var/log/nginx/error\.log ", f"error_log {run}/error.log ")
        text = replace_once(text, r"access_log /var/log/nginx/pathapi\.access\.log ", f"access_log {run}/access.log ")
        text = replace_once(text, r"^http \{\n", "http {\n" + temp_paths(nginx, run))
    return text


def current_user() -> str | None:
    """The user to run workers as when started by root (root itself), else None (keep the file's)."""
    return getpass.getuser() if os.geteuid() == 0 else None


def main(argv: Sequence[str] | None = None) -> int:
    """Print deploy/nginx.conf rendered for the command line's replicas and paths."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--upstream", action="append", required=True, metavar="HOST:PORT", help="a replica")
    parser.add_argument("--listen", default="80", help="nginx's listen address (default: 80)")
    parser.add_argument("--cache-dir", type=Path, help="proxy_cache_path directory")
    parser.add_argument("--encoder", help=f"loopback HOST:PORT of the internal gzip hop (default: {ENCODER})")
    parser.add_argument("--runtime-dir", type=Path, help="pid file, logs and temporary files here")
    parser.add_argument("--user", help="user the workers run as (default: the file's www-data)")
    parser.add_argument("--nginx", default="nginx", help="nginx binary, asked for its temp paths")
    args = parser.parse_args(argv)
    site = Site(args.upstream, args.listen, args.cache_dir, args.runtime_dir, args.user, args.encoder)
    try:
        sys.stdout.write(render(site, nginx=args.nginx))
    except RenderError as err:
        print(f"render.py: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
