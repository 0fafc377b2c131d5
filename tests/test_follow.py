"""Live updates: the server follows its repository, swaps atomically, never serves a broken commit."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from pathapi.api.hooks import signature
from tests.servers import runtime_of, wait_for
from tests.support import ContentRepo, retitle, topic

SECRET = "webhook-secret-for-tests"


def test_a_new_commit_is_swapped_in(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = make_app()
    client = app.test_client()
    new = retitle(repo, "Uusi otsikko")
    assert runtime_of(app).follower.refresh_now() is True
    response = client.get("/v1/paths/ehkaisy")
    assert response.get_json()["title"] == "Uusi otsikko"
    assert response.headers["Content-Version"] == new
    assert runtime_of(app).follower.refresh_now() is False  # nothing new


def test_a_broken_commit_is_not_swapped_in_and_health_says_why(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    app = make_app(PREVIEW_TOKEN="s3cret")
    client = app.test_client()
    good = repo.git("rev-parse", "HEAD")
    repo.write_raw("content/topics/rikki.json", '{\n  "id": "rikki",\n}\n')
    broken = repo.commit("Broken topic")
    assert runtime_of(app).follower.refresh_now() is False
    assert client.get("/v1/paths").headers["Content-Version"] == good
    health = client.get("/health", headers={"Authorization": "Bearer s3cret"}).get_json()
    assert health["status"] == "degraded"
    assert health["version"] == good
    assert health["failure"]["commit"] == broken
    assert health["failure"]["problem_count"] == len(health["failure"]["problems"]) >= 1
    assert health["failure"]["files"] == ["content/topics/rikki.json"]
    assert health["failure"]["problems"][0].startswith(
        "content/topics/rikki.json:2:16: There is a comma after the last item"
    )

    repo.remove("content/topics/rikki.json")
    fixed = repo.commit("Remove broken topic")
    assert runtime_of(app).follower.refresh_now() is True
    health = client.get("/health").get_json()
    assert (health["status"], health["version"], health["failure"]) == ("ok", fixed, None)


def test_rebuild_reuses_unchanged_documents(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = make_app()
    library = runtime_of(app).service.library
    before = library.state.edition.snapshot
    repo.write(topic("lisatty"))
    repo.commit("Add topic")
    runtime_of(app).follower.refresh_now()
    after = library.state.edition.snapshot
    assert after is not before
    path = "content/paths/ehkaisy.json"
    assert after.validation.checks[path] is before.validation.checks[path]
    assert after.validator is before.validator  # schemas unchanged: not recompiled


def test_webhook_refuses_wrong_or_missing_signatures(make_app: Callable[..., Flask]) -> None:
    client = make_app(WEBHOOK_SECRET=SECRET).test_client()
    body = b'{"ref": "refs/heads/main"}'
    missing = client.post("/hooks/git", data=body)
    assert missing.status_code == 401 and "missing" in missing.get_json()["detail"]
    wrong = client.post("/hooks/git", data=body, headers={"X-Hub-Signature-256": signature("other", body)})
    assert wrong.status_code == 401 and "does not match" in wrong.get_json()["detail"]
    tampered = client.post("/hooks/git", data=body + b" ", headers={"X-Hub-Signature-256": signature(SECRET, body)})
    assert tampered.status_code == 401


def test_signed_webhook_triggers_a_background_refresh(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = make_app(WEBHOOK_SECRET=SECRET)
    client = app.test_client()
    new = retitle(repo, "Webhookin jälkeen")
    body = b'{"ref": "refs/heads/main"}'
    response = client.post("/hooks/git", data=body, headers={"X-Hub-Signature-256": signature(SECRET, body)})
    assert response.status_code == 202
    try:
        wait_for(lambda: client.get("/health").get_json()["version"] == new)
    finally:
        runtime_of(app).follower.stop()
    assert client.get("/v1/paths/ehkaisy").get_json()["title"] == "Webhookin jälkeen"


def test_webhook_route_is_absent_without_a_secret(make_app: Callable[..., Flask]) -> None:
    assert make_app().test_client().post("/hooks/git", data=b"{}").status_code == 404


def test_polling_follows_new_commits(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    app = make_app(POLL=0.1)
    client = app.test_client()
    try:
        new = retitle(repo, "Pollattu")
        wait_for(lambda: client.get("/v1/paths").headers["Content-Version"] == new)
    finally:
        runtime_of(app).follower.stop()


def test_follows_the_remote_and_its_release_tags(
    repo: ContentRepo, tmp_path: Path, make_app: Callable[..., Flask]
) -> None:
    server_clone = tmp_path / "server"
    repo.git("clone", "-q", str(repo.root), str(server_clone))
    app = make_app(REPO=str(server_clone))
    client = app.test_client()
    new = retitle(repo, "Etärepossa")
    assert runtime_of(app).follower.refresh_now() is True
    assert client.get("/v1/paths").headers["Content-Version"] == new
    repo.git("tag", "-a", "release/2026-11-23.1", "-m", "Release", new)
    runtime_of(app).follower.refresh_now()
    assert client.get("/health").get_json()["release"] == "2026-11-23.1"


def test_a_request_racing_a_swap_never_mixes_versions(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    first = repo.git("rev-parse", "HEAD")
    second = retitle(repo, "Toinen versio")
    titles = {first: "Polku ehkaisy", second: "Toinen versio"}
    app = make_app(REPO=str(repo.root))
    library = runtime_of(app).service.library
    editions = [library.build(first), library.build(second)]
    stop = threading.Event()

    def swapper() -> None:
        index = 0
        while not stop.is_set():
            state = library.state
            library._state = type(state)(editions[index % 2], state.source, None, state.branch, ())
            index += 1

    thread = threading.Thread(target=swapper)
    thread.start()
    try:
        client = app.test_client()
        seen = set()
        for count in range(5000):  # under load the swapper may be scheduled rarely: go on until both are seen
            response = client.get("/v1/paths/ehkaisy?lang=fi")
            version = response.headers["Content-Version"]
            assert response.get_json()["title"] == titles[version]
            seen.add(version)
            if count >= 300 and len(seen) == 2:
                break
    finally:
        stop.set()
        thread.join()
    assert seen == {first, second}
