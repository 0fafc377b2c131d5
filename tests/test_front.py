"""The nginx front as shipped (deploy/nginx.conf via deploy/render.py), run on 127.0.0.1: every variant
passes `nginx -t`; language negotiation in the cache key; limits; security headers; TLS; CSP in Chromium."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pathapi.delivery.localize import negotiate
from tests.servers import HOST, free_port, get
from tests.stack import TOKEN, Stack, load_render, nginx_binary, start_stack
from tests.support import ContentRepo, standard_content

pytestmark = pytest.mark.slow
render = load_render()
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


def certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key (openssl; a failure, never a skip, when missing)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("openssl is needed to make the test certificate")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def rendered(directory: Path, upstreams: list[str], **options: Any) -> tuple[Path, Any]:
    """deploy/nginx.conf rendered into DIRECTORY for UPSTREAMS on free loopback ports; (file, Site)."""
    directory.mkdir(parents=True, exist_ok=True)
    options.setdefault("listen", f"{HOST}:{free_port()}")
    site = render.Site(
        upstreams=upstreams,
        cache_dir=directory / "cache",
        runtime_dir=directory,
        user=render.current_user(),
        encoder=f"{HOST}:{free_port()}",
        **options,
    )
    conf = directory / "nginx.conf"
    conf.write_text(render.render(site, nginx=nginx_binary()))
    return conf, site


def run_nginx(stack: Stack, name: str, conf: Path, address: str) -> None:
    """Start nginx with CONF as one more process of STACK; return when ADDRESS (host:port) accepts."""
    runtime = conf.parent
    command = [
        nginx_binary(),
        "-p",
        str(runtime),
        "-e",
        str(runtime / "error.log"),
        "-c",
        str(conf),
        "-g",
        "daemon off;",
    ]
    proc = stack.spawn(name, command)
    host, port = address.rsplit(":", 1)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection((host, int(port)), timeout=1).close()
            return
        except OSError:
            assert proc.poll() is None, (runtime / "error.log").read_text()
            assert time.monotonic() < deadline, f"{name} did not start"
            time.sleep(0.05)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Two replicas of the standard corpus behind the front as shipped (default limits); their branch head
    fails validation, so they serve the commit before it and their /health is 503 (degraded)."""
    repo = ContentRepo(tmp_path_factory.mktemp("front") / "repo")
    standard_content(repo)
    repo.commit("Initial content")
    repo.write_raw("content/topics/rikki.json", '{\n  "id": "rikki",\n}\n')
    repo.commit("Broken topic")
    running = start_stack(tmp_path_factory.mktemp("front-stack"), repo.root)
    try:
        yield running
    finally:
        running.close()


def upstreams(stack: Stack) -> list[str]:
    return [base.removeprefix("http://") for base, _ in stack.replicas]


def test_every_rendered_variant_passes_nginx_t(tmp_path: Path) -> None:
    cert, key = certificate(tmp_path)
    variants: dict[str, dict[str, Any]] = {
        "shipped": {},
        "tls": {"tls": (cert, key), "https_listen": f"{HOST}:{free_port()}"},
        "behind-a-terminator": {"trusted_proxies": ["10.0.0.0/8", "192.0.2.7", "2001:db8::/32"]},
        "limits": {"limits": render.Limits(rate=5, burst=10, connections=2)},
        "all": {
            "tls": (cert, key),
            "https_listen": f"{HOST}:{free_port()}",
            "trusted_proxies": ["10.1.2.0/24"],
            "limits": render.Limits(rate=500, burst=1000, connections=50),
        },
    }
    for name, options in variants.items():
        conf, _ = rendered(tmp_path / name, ["127.0.0.1:1", "127.0.0.1:2"], **options)
        done = subprocess.run(
            [nginx_binary(), "-t", "-p", str(conf.parent), "-e", str(conf.parent / "error.log"), "-c", str(conf)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, f"{name}: {done.stderr}"
    with pytest.raises(render.RenderError):
        render.render(render.Site(["127.0.0.1:1"], trusted_proxies=["10.0.0.0/8; evil"]), nginx=nginx_binary())


LANGUAGE_HEADERS = [
    "",
    "fi",
    "sv",
    "en",
    "FI",
    "sv-FI",
    "en-US,en;q=0.9",
    "fi-FI,fi;q=0.9,en-US;q=0.8,en;q=0.7",
    "sv-SE,sv;q=0.9,en;q=0.8",
    "de-DE,de;q=0.9,en;q=0.8",
    "de,sv;q=0.5,en;q=0.6",
    "fi;q=0, sv",
    "fi;q=0",
    "fi;q=0,sv;q=0",
    "fi;q=0,sv;q=0,en;q=0",
    "*",
    "fi;q=0.5, *",
    "xx",
    "fi,xx1",
    "en;q=0.1, sv;q=0.05",
    "da, en-GB;q=0.8, en;q=0.7",
    "nb-NO,nb;q=0.9,no;q=0.8,nn;q=0.7,en-US;q=0.6,en;q=0.5",
    "fi;q=abc, sv",
    "fin, sv",
    "en-gb",
    " en ",
    "fi ; q = 0.3 , sv ; q = 0.4",
    "sv;q=1.0, en",
    "x" * 3000 + ", sv",
]


def test_the_front_negotiates_the_language_like_the_api(tmp_path: Path) -> None:
    """The nginx maps (taken from the shipped file) against pathapi's own negotiate(), header by header."""
    text = (Path(render.CONF)).read_text()
    maps = re.search(r"(?ms)^    map \$http_accept_language .*?^    }\n    map \$pathapi_lang_found .*?^    }\n", text)
    assert maps is not None
    port = free_port()
    temp = "".join(f"{m}_temp_path {tmp_path}/{m}; " for m in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = tmp_path / "lang.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid; events {{}}\nhttp {{ access_log off; {temp}\n{maps.group(0)}"
        f"server {{ listen {HOST}:{port}; location / {{ return 200 $pathapi_lang; }} }} }}\n"
    )
    stack = Stack(tmp_path)
    try:
        run_nginx(stack, "lang", conf, f"{HOST}:{port}")
        for header in LANGUAGE_HEADERS:
            got = get(f"http://{HOST}:{port}/", {"Accept-Language": header} if header else {}).body.decode()
            assert got == negotiate(header or None), header
    finally:
        stack.close()


def test_hostile_language_variants_share_one_cache_entry(stack: Stack) -> None:
    url = f"{stack.front}/v1/paths/ehkaisy?expand=channels"
    first = get(url, {"Accept-Language": "fi,xx1"})
    assert (first.status, first.cache) == (200, "MISS")
    for header in ("fi,xx2", "fi", "", "FI;q=1", "fi-FI, de;q=0.5", "x" * 2000):
        again = get(url, {"Accept-Language": header} if header else {})
        assert (again.cache, again.body) == ("HIT", first.body), header
    swedish = [get(url, {"Accept-Language": h}) for h in ("sv", "sv-FI,sv;q=0.9,en;q=0.8", "fi;q=0.2, sv;q=0.7")]
    assert [a.cache for a in swedish] == ["MISS", "HIT", "HIT"]
    assert {a.headers["content-language"] for a in swedish} == {"sv"} and swedish[0].body != first.body
    direct = get(f"{stack.replicas[0][0]}/v1/paths/ehkaisy?expand=channels", {"Accept-Language": "sv"})
    assert direct.body == swedish[0].body and "accept-language" in direct.headers["vary"].lower()


def test_degraded_health_does_not_take_replicas_out_of_rotation(stack: Stack) -> None:
    """nginx counts a 503 as a failed replica; /health's 503 (degraded, still serving) must not count."""
    for _ in range(4):
        health = get(stack.front + "/health")
        assert (health.status, json.loads(health.body)["status"]) == (503, "degraded")
    fresh = get(stack.front + "/v1/paths?per_page=13")  # not cached: a replica must answer it
    assert (fresh.status, fresh.cache) == (200, "MISS")


def security_headers(response: Any) -> dict[str, str]:
    return {
        name: response.headers.get(name, "")
        for name in ("x-content-type-options", "x-frame-options", "referrer-policy", "content-security-policy")
    }


def test_every_answer_carries_the_security_headers(stack: Stack) -> None:
    api = {
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "same-origin",
        "content-security-policy": API_POLICY,
    }
    for url in ("/v1/paths?per_page=3", "/v1/paths?per_page=3", "/v1/paths/puuttuu", "/openapi.json"):
        assert security_headers(get(stack.front + url)) == api, url  # the second one is a cache HIT
    docs = get(stack.front + "/docs")
    script = re.search(rb"<script>(.*?)</script>", docs.body, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1)).digest()).decode()
    assert f"'sha256-{digest}'" in docs.headers["content-security-policy"], "update the /docs hash in nginx.conf"
    studio = get(stack.front + "/studio/")
    direct = get(stack.replicas[0][0] + "/studio/")
    assert studio.headers["content-security-policy"] == direct.headers["content-security-policy"]  # only its own
    assert studio.headers["x-frame-options"] == "DENY" and studio.headers["x-content-type-options"] == "nosniff"
    metrics = get(stack.front + "/metrics?x=1")
    assert (metrics.status, metrics.headers["content-type"]) == (404, "application/problem+json")
    assert json.loads(metrics.body)["status"] == 404 and security_headers(metrics)["x-frame-options"] == "DENY"
    assert get(stack.replicas[0][0] + "/metrics").status == 200  # Prometheus scrapes the replica itself


def test_limits_answer_429_problem_json_with_retry_after(stack: Stack, tmp_path: Path) -> None:
    conf, site = rendered(tmp_path, upstreams(stack), limits=render.Limits(rate=1, burst=5, connections=100))
    front = f"http://{site.listen}"
    limited = Stack(tmp_path)
    try:
        run_nginx(limited, "limited", conf, site.listen)
        answers = [get(f"{front}/v1/paths?per_page=4") for _ in range(12)]
        statuses = [a.status for a in answers]
        assert statuses[:5] == [200] * 5 and statuses.count(429) >= 5, statuses
        refused = next(a for a in answers if a.status == 429)
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["retry-after"] == "1" and refused.headers["cache-control"] == "no-store"
        assert refused.headers["access-control-allow-origin"] == "*"
        assert json.loads(refused.body)["status"] == 429 and security_headers(refused)["x-frame-options"] == "DENY"
        time.sleep(2.1)
        assert get(f"{front}/v1/paths?per_page=4").status == 200  # the client may come back
    finally:
        limited.close()


def test_concurrent_requests_per_client_are_limited(stack: Stack, tmp_path: Path) -> None:
    """Connections that keep a request in progress (a client that does not read its answer) count."""
    conf, site = rendered(tmp_path, upstreams(stack), limits=render.Limits(rate=1000, burst=1000, connections=2))
    host, port = site.listen.split(":")
    limited = Stack(tmp_path)
    stalled: list[socket.socket] = []
    try:
        run_nginx(limited, "limited", conf, site.listen)
        for _ in range(2):  # many large answers asked at once, never read: nginx is still sending them
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.connect((host, int(port)))
            sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n" * 60)
            stalled.append(sock)
        time.sleep(0.5)
        third = get(f"http://{site.listen}/v1/paths?per_page=4")
        assert third.status == 429, third.status
    finally:
        for sock in stalled:
            sock.close()
        limited.close()


def tls_get(url: str, context: ssl.SSLContext, headers: dict[str, str] | None = None) -> tuple[Any, str]:
    """GET URL over HTTPS; (response with its body read, negotiated TLS version)."""
    host, _, port = url.split("/")[2].partition(":")
    connection = http.client.HTTPSConnection(host, int(port), context=context, timeout=10)
    try:
        connection.request("GET", "/" + url.split("/", 3)[3], headers=headers or {})
        response = connection.getresponse()
        response.body = response.read()
        assert connection.sock is not None
        return response, str(connection.sock.version())
    finally:
        connection.close()


def signin_cookie(base: str, headers: dict[str, str], context: ssl.SSLContext | None = None) -> str:
    """The studio session cookie's Set-Cookie line after signing in through BASE."""
    request = urllib.request.Request(f"{base}/studio/signin", data=f"token={TOKEN}".encode(), headers=headers)
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), _NoRedirect())
    with opener.open(request, timeout=10) as answer:
        return str(answer.headers["Set-Cookie"])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None

    def http_error_303(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
        return fp


def test_tls_front_redirects_sets_hsts_and_tells_the_replicas(stack: Stack, tmp_path: Path) -> None:
    cert, key = certificate(tmp_path)
    https = f"{HOST}:{free_port()}"
    conf, site = rendered(tmp_path / "tls", upstreams(stack), tls=(cert, key), https_listen=https)
    fronts = Stack(tmp_path)
    context = ssl.create_default_context(cafile=str(cert))
    try:
        run_nginx(fronts, "tls", conf, https)
        plain = http.client.HTTPConnection(*site.listen.split(":"), timeout=10)
        plain.request("GET", "/v1/paths?per_page=2")
        redirect = plain.getresponse()
        assert (redirect.status, redirect.headers["Location"]) == (308, f"https://{https}/v1/paths?per_page=2")
        plain.close()
        direct = get(f"{stack.replicas[0][0]}/v1/paths?per_page=2")
        for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
            context.minimum_version = context.maximum_version = version
            answer, negotiated = tls_get(f"https://{https}/v1/paths?per_page=2", context)
            assert (answer.status, answer.body, negotiated) == (200, direct.body, version.name.replace("_", "."))
            assert answer.headers["Strict-Transport-Security"] == "max-age=63072000"
        context.maximum_version = ssl.TLSVersion.TLSv1_3
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        assert "Secure" in signin_cookie(f"https://{https}", {}, context)  # the replica learnt it was HTTPS
    finally:
        fronts.close()


def test_x_forwarded_proto_is_believed_only_from_trusted_proxies(stack: Stack, tmp_path: Path) -> None:
    """A TLS terminator in front says https; a client saying so itself changes nothing."""
    conf, site = rendered(tmp_path / "behind", upstreams(stack), trusted_proxies=["127.0.0.1"])
    fronts = Stack(tmp_path)
    try:
        run_nginx(fronts, "behind", conf, site.listen)
        claimed = {"X-Forwarded-Proto": "https"}
        assert "Secure" in signin_cookie(f"http://{site.listen}", claimed)
        assert "Secure" not in signin_cookie(f"http://{site.listen}", {})
        assert "Secure" not in signin_cookie(stack.front, claimed)  # the shipped front trusts nobody
    finally:
        fronts.close()


def test_docs_and_studio_work_under_the_fronts_policy_in_chromium(stack: Stack) -> None:
    from playwright import sync_api as playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            violations: list[str] = []
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(f"{stack.front}/docs")
            page.wait_for_selector(".opblock", timeout=20_000)  # Swagger UI drew the operations
            assert page.locator(".opblock").count() > 10
            page.goto(f"{stack.front}/studio/")
            page.wait_for_selector("main", timeout=20_000)
            assert page.locator("main a").count() > 0
            assert violations == []
        finally:
            browser.close()
