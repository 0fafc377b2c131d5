"""Defects an outside tester found, each pinned by a test."""

from __future__ import annotations

import json
from collections.abc import Callable

from flask import Flask

from tests.support import ContentRepo


def edit(repo: ContentRepo, doc_id: str, **changes: object) -> None:
    """Change top-level fields of a path in the working tree."""
    target = repo.root / f"content/paths/{doc_id}.json"
    doc = json.loads(target.read_text())
    doc.update(changes)
    target.write_text(json.dumps(doc, ensure_ascii=False))


def test_topic_filtered_sync_does_not_resend_an_unchanged_path(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    edit(repo, "testaus", related_paths=["ehkaisy"])  # testaus (in raskaus) refers to ehkaisy (not in raskaus)
    repo.commit("Related")
    first = make_app().test_client().get("/v1/sync?topic=raskaus").get_json()
    edit(repo, "ehkaisy", topics=["raskaus"])  # ehkaisy joins the filter; testaus does not change at all
    repo.commit("Move")
    delta = make_app().test_client().get(f"/v1/sync?token={first['sync_token']}").get_json()
    assert [item["id"] for item in delta["items"]] == ["ehkaisy"] and delta["deleted"] == []


def test_a_short_commit_id_is_served_but_never_cached_for_good(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    first = repo.git("rev-parse", "HEAD")
    edit(repo, "ehkaisy", title={"fi": "Uusi nimi", "sv": "Nytt namn", "en": "New name"})
    repo.commit("Later")
    client = make_app().test_client()
    full = client.get(f"/v1/paths/ehkaisy?version={first}")
    assert full.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for url in (
        f"/v1/paths/ehkaisy?version={first[:7]}",
        f"/v1/paths?version={first[:10]}",
        f"/v1/paths/ehkaisy/history?version={first[:7]}",
    ):
        short = client.get(url)
        assert short.status_code == 200 and short.headers["Cache-Control"] == "public, max-age=60", url
        assert short.headers["Content-Version"] == first  # the full id to pin with
    assert client.get(f"/v1/paths/ehkaisy?version={first[:7]}").data == full.data


def test_list_link_header_names_itself(make_app: Callable[..., Flask]) -> None:
    response = make_app().test_client().get("/v1/paths?per_page=1&page=2")
    assert '</v1/paths?page=2&per_page=1&lang=fi>; rel="self"' in response.headers["Link"]
