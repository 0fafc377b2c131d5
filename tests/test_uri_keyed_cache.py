"""The API behind a cache keyed on the URI alone (most CDNs' default): Vary keeps every client's answer its own.

nginx here is configured like a naive CDN: ``proxy_cache_key $scheme$host$request_uri``, no
bypass for Authorization, nothing but the API's own Cache-Control and Vary to go by.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pathapi.publishing import release
from pathapi.store.git import ContentRepository
from tests.servers import HOST, free_port, get
from tests.stack import Stack, nginx_binary
from tests.support import ROOT, ContentRepo, channel, standard_content

pytestmark = pytest.mark.hostile
PREVIEW, INTRANET = "uri-cache-preview", "uri-cache-intranet"
CLIENTS: dict[str, dict[str, str]] = {
    "anonymous": {},
    "fi": {"Accept-Language": "fi"},
    "sv": {"Accept-Language": "sv"},
    "en": {"Accept-Language": "en-GB, en;q=0.9"},
    "preview": {"Authorization": f"Bearer {PREVIEW}"},
    "preview-sv": {"Authorization": f"Bearer {PREVIEW}", "Accept-Language": "sv"},
    "intranet": {"Authorization": f"Bearer {INTRANET}"},
    "forged": {"Authorization": "Bearer guess"},
}
URLS = [
    "/v1/paths/ehkaisy",
    "/v1/paths",
    "/v1/channels",
    "/v1/sync",
    "/v1/bundle",
    "/v1/search?q=polku",
    "/v1/releases",
    "/v1/releases/2026-11-23.1",
    "/v1/paths/ehkaisy/history",
    "/v1/paths/luonnos",
    "/v1/channels/sisainen",
    "/v1/paths/puuttuu",
]
NGINX_CONF = """
{user}
worker_processes 1;
pid {rt}/nginx.pid;
error_log {rt}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {rt}/body;
    proxy_temp_path {rt}/proxy;
    fastcgi_temp_path {rt}/fastcgi;
    uwsgi_temp_path {rt}/uwsgi;
    scgi_temp_path {rt}/scgi;
    proxy_cache_path {rt}/cache levels=1:2 keys_zone=uri:1m max_size=64m inactive=1h use_temp_path=off;
    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://{upstream};
            proxy_http_version 1.1;
            proxy_cache uri;
            proxy_cache_key $scheme$host$request_uri;
            add_header X-Cache-Status $upstream_cache_status always;
        }}
    }}
}}
"""


def search_ready(base: str) -> None:
    """Wait until search answers: 503 "warming" until the server's parent built the index, never again after."""
    deadline = time.monotonic() + 60
    while get(f"{base}/v1/search?q=polku", {}).status != 200:
        assert time.monotonic() < deadline, "search did not warm up"
        time.sleep(0.1)


@pytest.fixture
def front(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(nginx with an empty cache, replica) base URLs: one ``pathapi serve`` with preview and intranet tokens."""
    tmp = tmp_path
    repo = ContentRepo(tmp / "repo")
    standard_content(repo)
    repo.write(channel("sisainen", audience=["intranet"], name={"fi": "Sisäinen linja"}))
    repo.commit("Content with an intranet-only channel")
    release(ContentRepository(repo.root), "HEAD", "Ensimmäinen", date(2026, 11, 23))
    stack = Stack(tmp)
    try:
        env = {
            **os.environ,
            "PATHAPI_PREVIEW_TOKEN": PREVIEW,
            "PATHAPI_INTRANET_TOKEN": INTRANET,
            "PATHAPI_MAX_AGE": "600",
            "PATHAPI_CACHE_DIR": "off",
            "PYTHONPATH": str(ROOT / "src"),
        }  # this checkout's code, whatever the cwd
        port = free_port()
        cli = Path(sys.executable).parent / "pathapi"
        replica = f"http://{HOST}:{port}"
        proc = stack.spawn(
            "replica",
            [
                str(cli),
                "serve",
                "--repo",
                str(repo.root),
                "--host",
                HOST,
                "--port",
                str(port),
                "--workers",
                "1",
                "--poll",
                "0",
            ],
            env,
        )
        stack.wait_ready("replica", proc, f"{replica}/health")
        search_ready(replica)
        rt = tmp / "nginx"
        rt.mkdir()
        nginx_port = free_port()
        conf = rt / "nginx.conf"
        user = f"user {os.environ.get('USER', 'root')};" if os.geteuid() == 0 else ""
        conf.write_text(NGINX_CONF.format(user=user, rt=rt, host=HOST, port=nginx_port, upstream=f"{HOST}:{port}"))
        nginx = stack.spawn(
            "nginx", [nginx_binary(), "-p", str(rt), "-e", str(rt / "error.log"), "-c", str(conf), "-g", "daemon off;"]
        )
        stack.wait_ready("nginx", nginx, f"http://{HOST}:{nginx_port}/health")
        yield f"http://{HOST}:{nginx_port}", replica
    finally:
        stack.close()


@pytest.mark.slow
@pytest.mark.parametrize("order", ["forwards", "backwards"])
def test_no_language_or_view_reaches_the_wrong_client(front: tuple[str, str], order: str) -> None:
    cached, replica = front
    names = list(CLIENTS) if order == "forwards" else list(reversed(CLIENTS))
    hits = 0
    for url in URLS:
        expected = {name: get(replica + url, headers) for name, headers in CLIENTS.items()}
        for _round in range(2):
            for name in names:
                answer = get(cached + url, CLIENTS[name])
                want = expected[name]
                assert (answer.status, answer.body) == (want.status, want.body), (url, name, answer.cache)
                hits += answer.cache == "HIT"
    assert hits > len(URLS), "the cache should have answered many requests itself"
