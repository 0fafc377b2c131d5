"""History over many releases (read through the release index): rollbacks, removals, drafts, pins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask

from pathapi.content.kinds import Kind
from pathapi.delivery.changelog import Changelog
from pathapi.publishing import release, rollback
from pathapi.store.git import ContentRepository
from pathapi.store.release_index import build_index
from pathapi.store.release_tags import list_releases
from tests.support import ContentRepo, path

TODAY = date(2026, 11, 23)


def titled(repo: ContentRepo, title: str, **extra: Any) -> None:
    """Write the path ``ehkaisy`` with TITLE."""
    repo.write(
        path(
            "ehkaisy",
            topics=["seksuaaliterveys"],
            channels=["neuvonta", "chat"],
            languages=("fi", "sv", "en"),
            segments=["s1-asiantuntijuus"],
            related_paths=["testaus"],
            title={"fi": title, "sv": f"{title} sv", "en": f"{title} en"},
            **extra,
        )
    )


def releases_of(client: Any, doc: str, query: str = "") -> list[tuple[str, str]]:
    """(name, change) of every release in a history answer."""
    answer = client.get(f"/v1/paths/{doc}/history{query}")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return [(r["name"], r["change"]) for r in answer.get_json()["releases"]]


def test_history_across_releases_rollbacks_and_drafts(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    store = ContentRepository(repo.root)
    release(store, "HEAD", "", TODAY)  # .1: added
    titled(repo, "Toinen")
    second = repo.commit("Rename")
    release(store, "HEAD", "", TODAY)  # .2: changed
    repo.write_raw(
        "content/paths/testaus.json",
        (repo.root / "content/paths/testaus.json").read_text().replace("Yhteenveto.", "Uusi."),
    )
    repo.commit("Other path only")
    release(store, "HEAD", "", TODAY)  # .3: nothing for ehkaisy
    titled(repo, "Luonnos", status="draft")
    hidden = repo.commit("Back to draft")
    release(store, "HEAD", "", TODAY)  # .4: removed (a draft)
    titled(repo, "Kolmas")
    repo.commit("Published again")
    release(store, "HEAD", "", TODAY)  # .5: added
    titled(repo, "Julkaisematon")
    repo.commit("Never released")
    rollback(store, "2026-11-23.2", "", TODAY)  # .6: changed (back to "Toinen")
    client = make_app(PREVIEW_TOKEN="s3cret").test_client()
    assert releases_of(client, "ehkaisy") == [
        ("2026-11-23.1", "added"),
        ("2026-11-23.2", "changed"),
        ("2026-11-23.4", "removed"),
        ("2026-11-23.5", "added"),
        ("2026-11-23.6", "changed"),
    ]
    assert releases_of(client, "ehkaisy", "?version=2026-11-23.5") == [
        ("2026-11-23.1", "added"),
        ("2026-11-23.2", "changed"),
        ("2026-11-23.4", "removed"),
        ("2026-11-23.5", "added"),
    ]
    assert releases_of(client, "ehkaisy", "?version=2026-11-23.3") == [
        ("2026-11-23.1", "added"),
        ("2026-11-23.2", "changed"),
    ]
    assert releases_of(client, "testaus") == [
        ("2026-11-23.1", "added"),
        ("2026-11-23.3", "changed"),
        ("2026-11-23.6", "changed"),
    ]
    public = client.get("/v1/paths/ehkaisy/history").get_json()["commits"]
    assert [c["commit"] for c in public] == [second, repo.git("rev-list", "--max-parents=0", "HEAD")]
    preview = client.get("/v1/paths/ehkaisy/history", headers={"Authorization": "Bearer s3cret"}).get_json()
    assert hidden not in [c["commit"] for c in preview["commits"]]  # a draft is not shown to the preview either
    assert [c["message"] for c in preview["commits"]] == ["Rename", "Initial content"]


def test_release_index_agrees_with_each_release_tree(repo: ContentRepo) -> None:
    store = ContentRepository(repo.root)
    release(store, "HEAD", "", TODAY)
    titled(repo, "Toinen")
    repo.remove("content/paths/testaus.json")
    repo.write_raw(
        "content/paths/ehkaisy.json",
        (repo.root / "content/paths/ehkaisy.json")
        .read_text()
        .replace('"testaus"', "")
        .replace('"related_paths": [\n    \n  ]', '"related_paths": []'),
    )
    repo.commit("Remove one, change another")
    release(store, "HEAD", "", TODAY)
    rollback(store, "2026-11-23.1", "", TODAY)
    releases = list_releases(store)
    changelog = Changelog(store)
    index = build_index(store, [r.sha for r in releases], changelog.tree(releases[0].sha))
    assert [c.sha for c in index.commits] == [r.sha for r in releases]
    keys = {key for r in releases for key in changelog.tree(r.sha)}
    for number, rel in enumerate(releases):
        assert {key: index.blob(number, key) for key in keys} == {key: changelog.tree(rel.sha).get(key) for key in keys}
    assert index.blob(1, (Kind.PATH, "testaus")) is None and index.blob(2, (Kind.PATH, "testaus")) is not None
