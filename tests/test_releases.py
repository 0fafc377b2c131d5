"""Releases: tagging with notes, the live version, addressable old versions, history, rollback."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask

from pathapi.cli import main
from pathapi.publishing import NotReleased, release, rollback
from pathapi.store.git import ContentRepository
from pathapi.store.release_tags import list_releases
from tests.support import ContentRepo, path, topic

TODAY = date(2026, 11, 23)


def rename(repo: ContentRepo, doc_id: str, title: str) -> None:
    """Change a path's Finnish title in the working tree."""
    target = repo.root / f"content/paths/{doc_id}.json"
    target.write_text(target.read_text().replace(f'"Polku {doc_id}"', f'"{title}"'))


def test_release_tags_the_commit_with_generated_notes(repo: ContentRepo) -> None:
    store = ContentRepository(repo.root)
    first = release(store, "HEAD", "Ensimmäinen julkaisu", TODAY)
    assert not isinstance(first, NotReleased)
    assert first.name == "2026-11-23.1"
    assert first.sha == repo.git("rev-parse", "HEAD")
    assert repo.git("cat-file", "-t", "release/2026-11-23.1") == "tag"  # annotated
    assert "First release" in first.tag.message and "- path ehkaisy: Polku ehkaisy" in first.tag.message

    rename(repo, "ehkaisy", "Ehkäisy ja neuvonta")
    repo.remove("content/paths/testaus.json")
    doc = repo.root / "content/paths/ehkaisy.json"
    doc.write_text(doc.read_text().replace('"related_paths": [\n    "testaus"\n  ]', '"related_paths": []'))
    repo.write(topic("uusi"))
    repo.commit("Rename, remove, add")
    second = release(store, "HEAD", "", TODAY)
    assert not isinstance(second, NotReleased)
    assert second.name == "2026-11-23.2"
    assert second.message == "Release 2026-11-23.2"
    notes = second.tag.message
    assert "Changes since 2026-11-23.1" in notes
    assert "Added:\n- topic uusi: Aihe uusi" in notes
    assert "Changed:\n- path ehkaisy: Ehkäisy ja neuvonta" in notes
    assert "Removed:\n- path testaus: Polku testaus" in notes


def test_a_commit_that_fails_validation_is_not_released(repo: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write_raw("content/topics/rikki.json", "{")
    repo.commit("Broken")
    assert main(["release", "--repo", str(repo.root), "--lang", "en"]) == 1
    assert "content/topics/rikki.json:1:2: The file ends too early." in capsys.readouterr().err
    assert list_releases(ContentRepository(repo.root)) == []


def test_cli_release_and_releases(repo: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["releases", "--repo", str(repo.root), "--lang", "en"]) == 0
    assert "No releases yet: the newest commit of main is live." in capsys.readouterr().out
    assert main(["release", "--repo", str(repo.root), "-m", "Syksyn päivitys", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Released ") and "Syksyn päivitys" in out
    assert main(["releases", "--repo", str(repo.root), "--lang", "fi"]) == 0
    listing = capsys.readouterr().out
    assert "Syksyn päivitys  (voimassa)" in listing


def test_branch_head_is_live_until_the_first_release(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    health = make_app().test_client().get("/health").get_json()
    assert (health["source"], health["release"], health["branch"]) == ("branch", None, "main")

    release(ContentRepository(repo.root), "HEAD", "", TODAY)
    released_at = repo.git("rev-parse", "HEAD")
    rename(repo, "ehkaisy", "Julkaisematon nimi")
    repo.commit("Not released yet")
    client = make_app().test_client()
    health = client.get("/health").get_json()
    assert (health["source"], health["release"], health["version"]) == ("release", "2026-11-23.1", released_at)
    assert client.get("/v1/paths/ehkaisy").get_json()["title"] == "Polku ehkaisy"


def test_old_versions_stay_addressable(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    store = ContentRepository(repo.root)
    release(store, "HEAD", "", TODAY)
    old_commit = repo.git("rev-parse", "HEAD")
    rename(repo, "ehkaisy", "Uusi nimi")
    repo.commit("Rename")
    release(store, "HEAD", "", TODAY)
    client = make_app().test_client()

    assert client.get("/v1/paths/ehkaisy").get_json()["title"] == "Uusi nimi"
    pinned = client.get("/v1/paths/ehkaisy?version=2026-11-23.1")
    assert pinned.get_json()["title"] == "Polku ehkaisy"
    assert pinned.headers["Content-Version"] == old_commit
    assert pinned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    by_commit = client.get(f"/v1/paths?version={old_commit[:10]}")
    assert by_commit.headers["Content-Version"] == old_commit
    assert client.get("/v1/paths/ehkaisy").headers["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize(
    ("version", "status", "hint"),
    [
        ("2020-01-01.1", 404, "no such release"),
        ("0" * 40, 404, "no such commit"),
        ("main", 400, "release name"),
        ("--output=/tmp/x", 400, "must be a release name or a commit id"),
        ("../../etc/passwd", 400, "must be a release name or a commit id"),
        ("HEAD~1", 400, "must be a release name or a commit id"),
    ],
)
def test_bad_versions_are_refused_before_git(
    shared_app: Callable[..., Flask], version: str, status: int, hint: str
) -> None:
    response = shared_app().test_client().get("/v1/paths", query_string={"version": version})
    assert response.status_code == status
    body = response.get_json()
    assert body["parameter"] == "version" and hint in body["detail"]


def test_unreleased_commits_are_not_public_versions(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    release(ContentRepository(repo.root), "HEAD", "", TODAY)
    rename(repo, "ehkaisy", "Salainen luonnos")
    future = repo.commit("Not released")
    client = make_app(PREVIEW_TOKEN="s3cret").test_client()
    assert client.get(f"/v1/paths/ehkaisy?version={future}").status_code == 404
    preview = client.get(f"/v1/paths/ehkaisy?version={future}", headers={"Authorization": "Bearer s3cret"})
    assert preview.get_json()["title"] == "Salainen luonnos"


def test_releases_endpoints_list_and_describe(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    store = ContentRepository(repo.root)
    release(store, "HEAD", "Eka", TODAY)
    repo.write(path("uusi-polku", topics=["raskaus"]))
    repo.commit("New path")
    release(store, "HEAD", "Toka", TODAY)
    client = make_app().test_client()

    listing = client.get("/v1/releases").get_json()
    assert listing["live"] == "2026-11-23.2"
    assert [r["name"] for r in listing["items"]] == ["2026-11-23.2", "2026-11-23.1"]
    assert listing["items"][0]["counts"] == {"paths": 3, "channels": 2, "segments": 1, "topics": 2}  # no draft
    assert listing["items"][1]["message"] == "Eka"

    detail = client.get("/v1/releases/2026-11-23.2").get_json()
    assert detail["previous"] == "2026-11-23.1"
    assert detail["changes"]["added"] == [{"type": "path", "id": "uusi-polku", "title": "Polku uusi-polku"}]
    assert detail["changes"]["changed"] == [] and detail["changes"]["removed"] == []
    assert client.get("/v1/releases/1999-01-01.1").status_code == 404


def test_history_lists_commits_and_releases_that_changed_a_path(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    store = ContentRepository(repo.root)
    release(store, "HEAD", "", TODAY)
    rename(repo, "ehkaisy", "Toinen nimi")
    repo.commit("Rename ehkaisy")
    renamed = repo.git("rev-parse", "HEAD")
    repo.write(topic("muu"))
    repo.commit("Unrelated change")
    release(store, "HEAD", "", TODAY)
    client = make_app(PREVIEW_TOKEN="s3cret").test_client()
    history = client.get("/v1/paths/ehkaisy/history").get_json()
    # in release mode the public sees releases only: the rename is listed under the release that published it
    assert [c["commit"] for c in history["commits"]] == [repo.git("rev-parse", "HEAD"), repo.git("rev-parse", "HEAD~2")]
    assert history["commits"][0]["author"] == "Editor"
    assert all("message" not in c for c in history["commits"])  # free text: for editors only
    preview = client.get("/v1/paths/ehkaisy/history", headers={"Authorization": "Bearer s3cret"}).get_json()
    assert [c["message"] for c in preview["commits"]] == ["Rename ehkaisy", "Initial content"]
    assert preview["commits"][0]["commit"] == renamed
    assert [(r["name"], r["change"]) for r in history["releases"]] == [
        ("2026-11-23.1", "added"),
        ("2026-11-23.2", "changed"),
    ]


def test_history_of_a_draft_is_not_public(shared_app: Callable[..., Flask]) -> None:
    assert shared_app().test_client().get("/v1/paths/luonnos/history").status_code == 404


def test_rollback_makes_an_earlier_release_live_as_a_new_release(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    store = ContentRepository(repo.root)
    release(store, "HEAD", "", TODAY)
    good = repo.git("rev-parse", "HEAD")
    rename(repo, "ehkaisy", "Virheellinen nimi")
    repo.commit("Bad change")
    release(store, "HEAD", "", TODAY)
    assert make_app().test_client().get("/v1/paths/ehkaisy").get_json()["title"] == "Virheellinen nimi"

    back = rollback(store, "2026-11-23.1", "", TODAY)
    assert back.name == "2026-11-23.3" and back.sha == good
    assert back.message == "Rollback to 2026-11-23.1"
    assert "Changed:\n- path ehkaisy: Polku ehkaisy" in back.tag.message
    assert [r.name for r in list_releases(store)] == ["2026-11-23.1", "2026-11-23.2", "2026-11-23.3"]
    client = make_app().test_client()
    assert client.get("/v1/paths/ehkaisy").get_json()["title"] == "Polku ehkaisy"
    assert client.get("/v1/paths/ehkaisy?version=2026-11-23.2").get_json()["title"] == "Virheellinen nimi"


def test_rollback_cli_names_unknown_release(repo: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rollback", "2020-01-01.1", "--repo", str(repo.root), "--lang", "en"]) == 1
    assert "There is no release 2020-01-01.1. See the names with pathapi releases" in capsys.readouterr().err
