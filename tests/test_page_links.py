"""Page links and hrefs keep the context of the answer: version, ref, filters, lang, per_page, expand."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support import ContentRepo, path

TOKEN = "links-preview-token"
LINK = re.compile(r'<([^>]*)>;\s*rel="([^"]+)"')


@pytest.fixture
def client(shared_client: FlaskClient) -> FlaskClient:
    """Tests that only read share the module's app; the others build their own with ``make_app``."""
    return shared_client


def link_header(response: object) -> dict[str, str]:
    """The RFC 8288 Link header as {relation: URL}."""
    value = response.headers.get("Link", "")  # type: ignore[attr-defined]
    return {rel: url for url, rel in LINK.findall(value)}


def walk(client: FlaskClient, url: str, headers: dict[str, str] | None = None) -> list[dict[str, object]]:
    """Every page from URL on, following links.next; checks the Link header on each."""
    pages = []
    next_url: str | None = url
    while next_url:
        response = client.get(next_url, headers=headers or {})
        assert response.status_code == 200, response.data
        body = response.get_json()
        links = body["links"]
        assert link_header(response) == {rel: url for rel, url in links.items() if url}
        pages.append(body)
        next_url = links["next"]
    return pages


def ids(pages: list[dict[str, object]]) -> list[str]:
    return [item["id"] for page in pages for item in page["items"]]  # type: ignore[attr-defined, index]


def released(repo: ContentRepo) -> str:
    """Tag the current commit as a release, then add a path after it (live moves on)."""
    repo.git("tag", "-a", "release/2026-11-01.1", "-m", "First")
    repo.write(path("aaa-uusi", topics=["seksuaaliterveys"]))
    repo.commit("A new path")
    repo.git("tag", "-a", "release/2026-11-02.1", "-m", "Second")
    return "2026-11-01.1"


def test_pinned_pages_stay_in_their_version(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    first_release = released(repo)
    client = make_app().test_client()
    assert ids(walk(client, "/v1/paths?per_page=1")) == ["aaa-uusi", "ehkaisy", "testaus"]
    pages = walk(client, f"/v1/paths?per_page=1&version={first_release}")
    assert ids(pages) == ["ehkaisy", "testaus"]
    for page in pages:
        for rel in ("self", "first", "last"):
            assert parse_qs(urlsplit(page["links"][rel]).query)["version"] == [first_release]  # type: ignore[index]
        assert page["items"][0]["href"].endswith(f"?lang=fi&version={first_release}")  # type: ignore[index]
    second = client.get(pages[0]["links"]["next"])  # type: ignore[index]
    assert "immutable" in second.headers["Cache-Control"]


def test_preview_pages_keep_ref(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    repo.git("checkout", "-q", "-b", "uudistus")
    repo.write(path("zzz-luonnos", topics=["raskaus"]))
    repo.commit("On a branch")
    repo.git("checkout", "-q", "main")
    client = make_app(PREVIEW_TOKEN=TOKEN).test_client()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    pages = walk(client, "/v1/paths?per_page=2&ref=uudistus", auth)
    assert ids(pages) == ["ehkaisy", "luonnos", "testaus", "zzz-luonnos"]
    assert all("ref=uudistus" in page["links"]["self"] for page in pages)  # type: ignore[index, operator]


def test_filters_expand_lang_and_page_size_are_kept(client: FlaskClient) -> None:
    url = "/v1/paths?topic=seksuaaliterveys&per_page=1&expand=topics&lang=sv"
    pages = walk(client, url)
    assert ids(pages) == ["ehkaisy", "testaus"]
    query = parse_qs(urlsplit(pages[0]["links"]["next"]).query)  # type: ignore[index]
    assert query == {
        "topic": ["seksuaaliterveys"],
        "page": ["2"],
        "per_page": ["1"],
        "expand": ["topics"],
        "lang": ["sv"],
    }
    assert all(isinstance(page["items"][0]["topics"][0], dict) for page in pages)  # type: ignore[index]
    assert pages[1]["links"]["prev"] == pages[0]["links"]["self"]  # type: ignore[index]
    assert pages[0]["links"]["last"] == pages[1]["links"]["self"]  # type: ignore[index]


def test_hrefs_in_documents_keep_lang_and_version(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    first_release = released(repo)
    client = make_app().test_client()
    body = client.get(f"/v1/paths/ehkaisy?expand=related_paths&lang=en&version={first_release}").get_json()
    href = body["related_paths"][0]["href"]
    assert urlsplit(href).path == "/v1/paths/testaus"
    assert parse_qs(urlsplit(href).query) == {"lang": ["en"], "version": [first_release]}
    followed = client.get(href)
    assert followed.status_code == 200 and "immutable" in followed.headers["Cache-Control"]
    hit = client.get(f"/v1/search?q=yhteenveto&lang=sv&version={first_release}").get_json()["items"][0]
    assert parse_qs(urlsplit(hit["href"]).query) == {"lang": ["sv"], "version": [first_release]}


def test_link_header_is_exposed_to_browsers(client: FlaskClient) -> None:
    response = client.get("/v1/paths?per_page=1")
    assert "Link" in response.headers["Access-Control-Expose-Headers"]
    assert set(link_header(response)) == {"self", "first", "last", "next"}  # self: RFC 8288, as GitHub sends


def test_search_pages_link_first_last_and_neighbours_in_a_link_header(client: FlaskClient) -> None:
    pages = walk(client, "/v1/search?q=polku&lang=fi&per_page=1")
    assert ids(pages) == ["ehkaisy", "testaus"]
    first, last = pages[0]["links"], pages[-1]["links"]
    assert first["first"] == last["first"] and first["last"] == last["last"] == last["self"]  # type: ignore[index]
    assert parse_qs(urlsplit(first["last"]).query)["q"] == ["polku"]  # type: ignore[index]
