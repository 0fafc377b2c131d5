"""Two ``pathapi serve`` replicas behind nginx running deploy/nginx.conf: cache, revalidation, bypass, failover."""

from __future__ import annotations

import gzip
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import Response, get, stop_group
from tests.stack import TOKEN, Stack, load_render, nginx_binary, start_stack
from tests.support import ROOT, ContentRepo, standard_content

pytestmark = pytest.mark.slow
SAME_HEADERS = ("etag", "cache-control", "content-type", "content-language", "content-version")


def vary(response: Response) -> set[str]:
    """The header names in Vary, without Accept-Encoding (nginx adds it where it may gzip)."""
    names = {name.strip().lower() for name in response.headers.get("vary", "").split(",")}
    return names - {"", "accept-encoding"}


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> ContentRepo:
    """The standard test corpus, committed (shared: these tests never change it)."""
    repo = ContentRepo(tmp_path_factory.mktemp("scaleout") / "repo")
    standard_content(repo)
    repo.commit("Initial content")
    return repo


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, content: ContentRepo) -> Iterator[Stack]:
    """A running front with two replicas, shared by the tests that leave both running; each uses its own URLs."""
    running = start_stack(tmp_path_factory.mktemp("front"), content.root)
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def own_stack(tmp_path: Path, repo: ContentRepo) -> Iterator[Stack]:
    """A front with two replicas of the test's own repository, following it every 0.2 s."""
    running = start_stack(tmp_path, repo.root, poll=0.2)
    try:
        yield running
    finally:
        running.close()


def test_rendered_config_is_the_shipped_one() -> None:
    """Rendering only touches the operator's lines: the caching and failover rules are the file's."""
    render = load_render()
    shipped = (ROOT / "deploy" / "nginx.conf").read_text()
    rendered = render.render(render.Site(upstreams=["127.0.0.1:1"], listen="127.0.0.1:2"), nginx=nginx_binary())
    kept = [line for line in shipped.splitlines() if "proxy_" in line or "gzip" in line or "keepalive" in line]
    assert kept and all(line in rendered.splitlines() for line in kept)


def test_front_answers_byte_for_byte_like_a_replica(stack: Stack, content: ContentRepo) -> None:
    head = content.git("rev-parse", "HEAD")
    replica = stack.replicas[0][0]
    cases: list[tuple[str, dict[str, str]]] = [
        ("/v1/paths", {}),
        ("/v1/paths/ehkaisy", {}),
        ("/v1/paths/ehkaisy", {"Accept-Language": "sv"}),
        ("/v1/paths/ehkaisy?lang=en&expand=channels", {}),
        (f"/v1/paths?version={head}", {}),
        ("/v1/channels", {}),
        ("/v1/topics/raskaus", {}),
        ("/v1/paths/puuttuu", {}),
    ]
    for url, headers in cases:
        direct = get(replica + url, headers)
        for attempt in ("first", "second"):
            through = get(stack.front + url, headers)
            assert (through.status, through.body) == (direct.status, direct.body), (url, headers, attempt)
            for name in SAME_HEADERS:
                assert through.headers.get(name) == direct.headers.get(name), (url, name, attempt)
            assert vary(through) == vary(direct), (url, attempt)
    etag = get(stack.front + "/v1/paths/ehkaisy").headers["etag"]
    not_modified = get(stack.front + "/v1/paths/ehkaisy", {"If-None-Match": etag})
    assert (not_modified.status, not_modified.body) == (304, b"")


def test_gzip_is_cached_beside_the_plain_answer(stack: Stack, content: ContentRepo) -> None:
    url = f"/v1/paths/ehkaisy?expand=channels,topics,segments,related_paths&version={content.git('rev-parse', 'HEAD')}"
    direct = get(stack.replicas[1][0] + url)
    assert len(direct.body) > 1024  # gzip_min_length
    gzip_answers = [get(stack.front + url, {"Accept-Encoding": "gzip"}) for _ in range(2)]
    plain_answers = [get(stack.front + url) for _ in range(2)]
    assert [a.cache for a in gzip_answers + plain_answers] == ["MISS", "HIT", "MISS", "HIT"]
    for answer in gzip_answers:  # compressed once, by the encoder hop, then served as stored
        assert answer.headers["content-encoding"] == "gzip" and answer.body == gzip_answers[0].body
        assert gzip.decompress(answer.body) == direct.body
        assert answer.headers["etag"] == "W/" + direct.headers["etag"]
        assert "accept-encoding" in answer.headers["vary"].lower()
    for answer in plain_answers:
        assert "content-encoding" not in answer.headers
        assert (answer.body, answer.headers["etag"]) == (direct.body, direct.headers["etag"])
    not_modified = get(stack.front + url, {"Accept-Encoding": "gzip", "If-None-Match": gzip_answers[0].headers["etag"]})
    assert (not_modified.status, not_modified.body) == (304, b"")
    # One copy per encoding, not per client's spelling of Accept-Encoding.
    browser = get(stack.front + url, {"Accept-Encoding": "gzip, deflate, br"})
    brotli_only = get(stack.front + url, {"Accept-Encoding": "br"})
    assert (browser.cache, browser.body) == ("HIT", gzip_answers[0].body)
    assert (brotli_only.cache, brotli_only.body) == ("HIT", direct.body)


def test_second_request_is_a_hit_and_expiry_revalidates_with_the_etag(stack: Stack, content: ContentRepo) -> None:
    pinned = get(f"{stack.front}/v1/paths/ehkaisy?version={content.git('rev-parse', 'HEAD')}")
    assert pinned.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert get(f"{stack.front}/v1/paths/ehkaisy?version={content.git('rev-parse', 'HEAD')}").cache == "HIT"

    for per_page in range(3, 8):  # live answers are fresh for 1 s: retry if the machine was too slow
        url = f"{stack.front}/v1/paths?per_page={per_page}"
        started = time.monotonic()
        first, second = get(url), get(url)
        if time.monotonic() - started < 0.5:
            break
    assert (first.cache, second.cache) == ("MISS", "HIT")
    assert first.headers["cache-control"] == "public, max-age=1"
    assert second.body == first.body

    time.sleep(2.2)  # past max-age: the entry is stale
    stale = get(url)  # answered at once from the cache while a background request revalidates it
    assert (stale.status, stale.cache, stale.body) == (200, "STALE", first.body)
    for _ in range(20):  # fresh again once the background revalidation is done (UPDATING until then)
        after = get(url)
        if after.cache != "UPDATING":
            break
        time.sleep(0.02)
    assert (after.cache, after.body, after.headers["etag"]) == ("HIT", first.body, first.headers["etag"])
    request = f"GET {url.removeprefix(stack.front)} HTTP/1.1"
    revalidated = stack.log_lines(lambda e: e["request"] == request and e["cache"] == "REVALIDATED")
    assert [e["upstream_status"] for e in revalidated] == ["304"], "the replica should confirm the ETag with 304"


def test_requests_with_authorization_are_never_cached(stack: Stack) -> None:
    preview = {"Authorization": f"Bearer {TOKEN}"}
    url = f"{stack.front}/v1/paths?per_page=15"
    public = get(url)
    drafts = get(url, preview)  # the cached public copy is not what a previewer sees
    assert (public.cache, drafts.status, drafts.cache) == ("MISS", 200, "BYPASS")
    assert drafts.headers["cache-control"] == "private, no-store"
    assert b'"luonnos"' in drafts.body and b'"luonnos"' not in public.body
    again = get(url)
    assert again.cache != "BYPASS" and again.body == public.body

    url = f"{stack.front}/v1/paths?per_page=9"  # asked with a token first: nothing may be stored
    for _ in range(2):
        assert get(url, preview).cache == "BYPASS"
    anonymous = get(url)
    assert anonymous.cache == "MISS" and b'"luonnos"' not in anonymous.body

    for _ in range(2):
        wrong = get(url, {"Authorization": "Bearer wrong"})
        assert (wrong.status, wrong.cache) == (401, "BYPASS")


def test_a_new_commit_reaches_clients_through_the_cache(own_stack: Stack, repo: ContentRepo) -> None:
    stack, url = own_stack, f"{own_stack.front}/v1/paths/ehkaisy"
    before = [get(url) for _ in range(2)][-1]
    document = repo.root / "content" / "paths" / "ehkaisy.json"
    document.write_text(document.read_text().replace("Polku ehkaisy", "Uusi polku"))
    head = repo.commit("Rename a path")
    deadline = time.monotonic() + 60  # alone ~2 s; a rollout on a loaded parallel suite has taken much longer

    def serving_head(base: str) -> bool:  # every worker: they are replaced one at a time (prefork)
        return all(get(f"{base}/v1/paths/ehkaisy").headers["content-version"] == head for _ in range(6))

    while not all(serving_head(base) for base, _ in stack.replicas):
        assert time.monotonic() < deadline, "the replicas did not follow the new commit within 60 s"
        time.sleep(0.1)
    # A replaced worker leaves for a moment still answering the old version (and saying so): ask until a
    # worker answers with the new one, whose body must be the new text.
    while (direct := get(stack.replicas[0][0] + "/v1/paths/ehkaisy")).headers["content-version"] != head:
        assert time.monotonic() < deadline, "no worker of the replica answered with the new commit"
        time.sleep(0.1)
    assert b"Uusi polku" in direct.body and direct.headers["etag"] != before.headers["etag"]
    deadline = time.monotonic() + 5  # max-age 1 s, then one stale answer while the entry is refetched
    while (after := get(url)).body != direct.body:
        assert time.monotonic() < deadline, "the front kept serving the old version"
        time.sleep(0.1)
    assert after.headers["etag"] == direct.headers["etag"]
    later = [get(url) for _ in range(5)]  # the new copy is now what the cache holds (and HITs serve)
    assert "HIT" in [a.cache for a in later] and all(a.body == direct.body for a in later)


def test_no_request_is_lost_when_a_replica_is_killed(own_stack: Stack) -> None:
    stack, total, clients, kill_after = own_stack, 400, 4, 100
    outcomes: dict[int, tuple[int, str] | str] = {}
    done = threading.Semaphore(0)

    def client(first: int) -> None:
        for i in range(first, total, clients):
            # Every request is a new cache key: each one reaches a replica.
            url = f"{stack.front}/v1/paths?utm_source=t{i}"  # tracking parameters: ignored, but a new URI
            try:
                got = get(url)
                outcomes[i] = (got.status, got.cache)
            except Exception as err:
                outcomes[i] = f"{type(err).__name__}: {err}"
            done.release()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for _ in range(kill_after):
        assert done.acquire(timeout=30), "the clients stalled before the kill"
    victim_base, victim = stack.replicas[0]
    kill_at = len(outcomes)  # counted before the kill: the clients go on while stop() waits for the process
    stop_group(victim, signal.SIGKILL)
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "the clients did not finish within 60 s"

    assert len(outcomes) == total and kill_at <= total // 2
    failed = {i: outcome for i, outcome in outcomes.items() if not isinstance(outcome, tuple) or outcome[0] != 200}
    assert failed == {}, f"{len(failed)} of {total} requests failed after the kill at #{kill_at}"
    misses = sum(1 for outcome in outcomes.values() if isinstance(outcome, tuple) and outcome[1] == "MISS")
    assert misses == total, "every request should have reached a replica"
    victim_address = victim_base.removeprefix("http://")
    retried = stack.log_lines(lambda e: e["upstream"].startswith(victim_address + ", ") and e["status"] == "200")
    assert retried, "at least one request should have been retried on the surviving replica"
