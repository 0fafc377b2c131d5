"""Render deploy/nginx.conf for given replicas, listen address and file locations.

    python deploy/render.py --upstream 10.0.0.11:8000 --upstream 10.0.0.12:8000 --listen 80 > pathapi.conf
    python deploy/render.py --upstream 127.0.0.1:8001 --listen 127.0.0.1:8080 \\
        --cache-dir /tmp/front/cache --runtime-dir /tmp/front      # unprivileged, for a trial run

    python deploy/render.py --upstream 10.0.0.11:8000 --listen 80 --tls /etc/ssl/api.pem /etc/ssl/api.key \\
        --https-listen 443 --trusted-proxy 10.0.0.0/8 --rate 100 --burst 400 --conn 200

Only the lines an operator would edit change: the upstream ``server`` lines, ``listen``, the
``proxy_cache_path`` directory, the internal encoder hop's loopback address, the limits per
client, the trusted proxies, with ``--tls`` the ``#tls`` lines (uncommented, certificate
paths set; ``--listen`` then only redirects to HTTPS) and, with ``--runtime-dir``, the pid
file, logs and temporary files (which otherwise live in /run, /var/log and /var/lib/nginx).
Everything else -- the caching, failover, gzip, language and header rules -- is the file as
shipped; tests/test_scaleout.py, tests/test_front.py and bench/cachefront.py use this module so
they run the operators' configuration, not a copy.
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
    tls: tuple[Path, Path] | None = None  # certificate (full chain) and key: serve HTTPS, redirect HTTP
    https_listen: str = "443"
    trusted_proxies: Sequence[str] = ()  # addresses whose X-Forwarded-For/-Proto are believed
    limits: Limits | None = None


@dataclass(frozen=True)
class Limits:
    """Per client: requests per second, the burst answered at once, concurrent requests."""

    rate: int = 50
    burst: int = 200
    connections: int = 100


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


def with_tls(text: str, site: Site) -> str:
    """TEXT serving HTTPS on SITE.https_listen with SITE.tls, and redirecting SITE.listen (HTTP) to it."""
    assert site.tls is not None
    cert, key = site.tls
    text = replace_once(text, r"^        listen 80; .*\n", "")  # the public server: HTTPS only
    if not re.search(r"(?m)^\s*#tls ", text):
        raise RenderError("no '#tls' lines in the configuration")
    text = re.sub(r"(?m)^(\s*)#tls ", r"\1", text)
    text = replace_once(text, r"^        listen 80;", f"        listen {site.listen};")
    text = replace_once(text, r"listen 443 ssl http2;", f"listen {site.https_listen} ssl http2;")
    port = site.https_listen.rpartition(":")[2]
    if port != "443":  # the redirect names the port (a trial run on high ports)
        text = replace_once(
            text, r"return 308 https://\$host\$request_uri;", f"return 308 https://$host:{port}$request_uri;"
        )
    text = replace_once(text, r"ssl_certificate /etc/ssl/pathapi/fullchain\.pem;", f"ssl_certificate {cert};")
    return replace_once(text, r"ssl_certificate_key /etc/ssl/pathapi/privkey\.pem;", f"ssl_certificate_key {key};")


def with_proxies(text: str, proxies: Sequence[str]) -> str:
    """TEXT believing X-Forwarded-For and X-Forwarded-Proto from PROXIES (addresses or CIDR blocks)."""
    if not proxies:
        return text
    for proxy in proxies:
        if not re.fullmatch(r"[0-9A-Fa-f.:]+(/\d{1,3})?", proxy):
            raise RenderError(f"not an address or CIDR block: {proxy!r}")
    real = "".join(f"    set_real_ip_from {proxy};\n" for proxy in proxies)
    text = replace_once(text, r"^    # set_real_ip_from 10\.0\.0\.0/8;\n", real)
    return replace_once(text, r"^        # 10\.0\.0\.0/8 1;\n", "".join(f"        {proxy} 1;\n" for proxy in proxies))


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
    if site.tls:
        text = with_tls(text, site)
    else:
        text = replace_once(text, r"^        listen 80;", f"        listen {site.listen};")
    text = with_proxies(text, site.trusted_proxies)
    if site.limits is not None:
        text = replace_once(text, r"rate=50r/s;", f"rate={site.limits.rate}r/s;")
        text = replace_once(text, r"burst=200 nodelay;", f"burst={site.limits.burst} nodelay;")
        text = replace_once(
            text, r"limit_conn pathapi_conn 100;", f"limit_conn pathapi_conn {site.limits.connections};"
        )
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
    parser.add_argument(
        "--tls",
        nargs=2,
        type=Path,
        metavar=("CERT", "KEY"),
        help="serve HTTPS with this certificate (full chain) and key; --listen then redirects",
    )
    parser.add_argument("--https-listen", default="443", help="HTTPS listen address with --tls (default: 443)")
    parser.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="CIDR",
        help="a load balancer or TLS terminator in front whose X-Forwarded-* are believed",
    )
    parser.add_argument("--rate", type=int, default=50, help="requests per second per client (default: 50)")
    parser.add_argument("--burst", type=int, default=200, help="requests beyond the rate answered at once (200)")
    parser.add_argument("--conn", type=int, default=100, help="concurrent requests per client (default: 100)")
    args = parser.parse_args(argv)
    site = Site(
        args.upstream,
        args.listen,
        args.cache_dir,
        args.runtime_dir,
        args.user,
        args.encoder,
        tuple(args.tls) if args.tls else None,
        args.https_listen,
        args.trusted_proxy,
        Limits(args.rate, args.burst, args.conn),
    )
    try:
        sys.stdout.write(render(site, nginx=args.nginx))
    except RenderError as err:
        print(f"render.py: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
