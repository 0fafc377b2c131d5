"""Release events: a signed POST to each configured URL when a new version goes live, retried."""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from pathapi.api.runtime import EXTENSION, Runtime
from pathapi.delivery.webhooks import EventSender
from tests.servers import wait_for
from tests.support import ROOT, ContentRepo, channel

SECRET = "events-secret-for-tests"


class Receiver:
    """A real HTTP receiver on 127.0.0.1 that answers the first FAILURES requests with 503."""

    def __init__(self, failures: int = 1) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.failures = failures
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                status = 503 if len(receiver.requests) <= receiver.failures else 204
                status = 410 if self.path.endswith("/refuse") else status
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/events"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A receiver that fails once, then accepts."""
    running = Receiver(failures=1)
    yield running
    running.close()


def runtime_of(app: Flask) -> Runtime:
    """The app's Runtime."""
    value: Runtime = app.extensions[EXTENSION]
    return value


def edit(repo: ContentRepo, relative: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Apply CHANGE to the JSON document at RELATIVE."""
    target = repo.root / relative
    data = json.loads(target.read_text())
    change(data)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def test_a_new_version_posts_a_signed_event_retried_after_a_failure(
    repo: ContentRepo, make_app: Callable[..., Flask], receiver: Receiver
) -> None:
    app = make_app(EVENTS_URLS=f" {receiver.url} ,", EVENTS_SECRET=SECRET, EVENTS_BACKOFF=0.05)
    before = runtime_of(app).service.library.state.edition.version
    edit(repo, "content/paths/ehkaisy.json", lambda d: d["title"].update(fi="Uusi otsikko"))
    edit(
        repo,
        "content/paths/testaus.json",
        lambda d: d["phases"][0]["steps"][0].update(professional_notes={"fi": "Vain ammattilaisille muutettu"}),
    )  # intranet-only: not public news
    edit(repo, "content/paths/luonnos.json", lambda d: d["title"].update(fi="Luonnos muuttui"))  # a draft
    repo.write(channel("uusi"))
    repo.remove("content/channels/chat.json")
    edit(repo, "content/paths/ehkaisy.json", lambda d: d["phases"][0]["steps"][0].update(channels=["neuvonta"]))
    edit(repo, "content/paths/testaus.json", lambda d: d["phases"][0]["steps"][0].update(channels=["neuvonta"]))
    new = repo.commit("News")
    assert runtime_of(app).follower.refresh_now() is True
    wait_for(lambda: len(receiver.requests) >= 2)
    (_failed_headers, failed_body), (headers, body) = receiver.requests[:2]
    assert failed_body == body  # the same event, retried
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Pathapi-Signature-256"] == expected
    assert headers["Content-Type"] == "application/json" and headers["X-Pathapi-Event-Id"] == new
    event = json.loads(body)
    assert event["event"] == "release" and event["id"] == event["version"] == new != before
    assert event["release"] is None and event["at"].endswith("Z")
    assert event["changed"] == [
        {"type": "channel", "id": "chat", "action": "removed"},
        {"type": "channel", "id": "uusi", "action": "added"},
        {"type": "path", "id": "ehkaisy", "action": "changed"},
        {"type": "path", "id": "testaus", "action": "changed"},  # its public step lost channel chat
    ]
    assert runtime_of(app).follower.refresh_now() is False  # nothing new, nothing sent
    runtime_of(app).follower.events.publisher.stop()  # type: ignore[union-attr]
    assert len(receiver.requests) == 2


def test_intranet_only_changes_are_not_announced(
    repo: ContentRepo, make_app: Callable[..., Flask], receiver: Receiver
) -> None:
    receiver.failures = 0
    app = make_app(EVENTS_URLS=receiver.url, EVENTS_SECRET=SECRET)
    edit(
        repo,
        "content/paths/testaus.json",
        lambda d: d["phases"][0]["steps"][0].update(professional_notes={"fi": "Uusi sisäinen ohje"}),
    )
    repo.commit("Intranet only")
    assert runtime_of(app).follower.refresh_now() is True
    wait_for(lambda: len(receiver.requests) >= 1)
    assert json.loads(receiver.requests[0][1])["changed"] == []
    assert "Uusi sisäinen ohje" not in receiver.requests[0][1].decode()


def test_a_refusal_is_not_retried_and_a_full_queue_drops_without_blocking(receiver: Receiver) -> None:
    receiver.failures = 0
    refused = f"http://127.0.0.1:{receiver.server.server_address[1]}/refuse"
    sender = EventSender([refused, receiver.url], SECRET, capacity=2, backoff=0.01)
    assert sender.publish({"event": "release", "id": "a"}) is True
    wait_for(lambda: sender.delivered == [(receiver.url, "a")] and sender.given_up == [(refused, "a")])
    sender.stop()
    assert len(receiver.requests) == 2  # one each: a 410 is not retried
    blocked = EventSender(["http://127.0.0.1:9/"], SECRET, capacity=1, backoff=60)
    assert blocked.publish({"event": "release", "id": "b"}) is True
    assert blocked.publish({"event": "release", "id": "c"}) is False  # queue full: dropped, not blocked
    blocked.stop()


def test_urls_without_a_secret_are_refused(make_app: Callable[..., Flask]) -> None:
    with pytest.raises(ValueError, match="PATHAPI_EVENTS_SECRET"):
        make_app(EVENTS_URLS="https://hooks.example.fi/pathapi")
    with pytest.raises(ValueError, match="not an http"):
        make_app(EVENTS_URLS="ftp://hooks.example.fi/", EVENTS_SECRET=SECRET)


def load_example_receiver() -> Any:
    """deploy/events_receiver.py, the example in the README, as a module."""
    spec = importlib.util.spec_from_file_location("pathapi_events_receiver", ROOT / "deploy" / "events_receiver.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_receiver_verifies_deduplicates_and_rebuilds(
    repo: ContentRepo, make_app: Callable[..., Flask], tmp_path: Path
) -> None:
    example = load_example_receiver()
    marker = tmp_path / "rebuilt.txt"
    handled: list[list[str]] = []

    def act(event: dict[str, Any]) -> None:
        example.rebuild(
            f'{sys.executable} -c \'import os,sys; open(sys.argv[1], "a").write(os.environ'
            f'["PATHAPI_VERSION"] + "\\n")\' {marker}',
            event,
        )
        handled.append(example.purge_paths(event))

    server = example.server(example.Receiver(SECRET, act), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        apps = [make_app(EVENTS_URLS=url, EVENTS_SECRET=SECRET) for _ in range(2)]  # two replicas
        edit(repo, "content/paths/ehkaisy.json", lambda d: d["title"].update(fi="Uusi otsikko"))
        new = repo.commit("Retitle")
        for app in apps:
            assert runtime_of(app).follower.refresh_now() is True
            wait_for(lambda app=app: runtime_of(app).follower.events.publisher.delivered == [(url, new)])  # type: ignore
        wait_for(lambda: marker.exists() and bool(handled))
        assert marker.read_text() == f"{new}\n"  # once, although both replicas sent it
        assert handled == [["/v1/bundle", "/v1/paths", "/v1/paths/ehkaisy", "/v1/search", "/v1/sync"]]
        forged = urllib.request.Request(
            url, data=b'{"id": "x"}', method="POST", headers={"X-Pathapi-Signature-256": "sha256=00"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=5)
        refused.value.close()
        assert refused.value.code == 401
    finally:
        server.shutdown()
        server.server_close()
