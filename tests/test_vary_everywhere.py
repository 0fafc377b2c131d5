"""Every answer whose bytes depend on a request header says so in Vary; errors are cached briefly or never."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import Headers

pytestmark = pytest.mark.hostile
PREVIEW, INTRANET = "preview-token", "intranet-token"
VARIANTS = [
    {"Accept-Language": "sv"},
    {"Accept-Language": "en"},
    {"Authorization": f"Bearer {PREVIEW}"},
    {"Authorization": f"Bearer {INTRANET}"},
    {"Authorization": "Bearer wrong"},
]
URLS = [
    "/v1/paths/ehkaisy",
    "/v1/paths",
    "/v1/channels",
    "/v1/topics/raskaus",
    "/v1/sync",
    "/v1/sync?limit=2",
    "/v1/bundle",
    "/v1/search?q=polku",
    "/v1/releases",
    "/v1/paths/ehkaisy/history",
    "/v1/schemas",
    "/v1/schemas/path?form=delivered",
    "/v1/paths/luonnos",
    "/v1/paths/puuttuu",
    "/v1/paths?topic=x",
]


@pytest.fixture
def client(shared_app: Callable[..., Flask], shared_lane: bool) -> FlaskClient:
    """A client of the module's shared app with preview and intranet access (tests only read)."""
    return shared_app(FAST_LANE=shared_lane, PREVIEW_TOKEN=PREVIEW, INTRANET_TOKEN=INTRANET).test_client()


def vary(headers: Headers) -> set[str]:
    """The header names in a Vary header."""
    return {n.strip().lower() for n in headers.get("Vary", "").split(",") if n.strip()}


@pytest.mark.parametrize("url", URLS)
def test_a_header_that_changes_the_bytes_is_named_in_vary(client: FlaskClient, url: str) -> None:
    base = client.get(url)
    for headers in VARIANTS:
        other = client.get(url, headers=headers)
        if (other.status_code, other.get_data()) != (base.status_code, base.get_data()):
            name = next(iter(headers)).lower()
            assert name in vary(base.headers), (url, headers, base.headers.get("Vary"))
            assert name in vary(other.headers) or other.headers["Cache-Control"] == "no-store", (url, headers)


@pytest.mark.parametrize("url", ["/v1/sync", "/v1/bundle", "/v1/paths/ehkaisy", "/v1/paths"])
def test_language_negotiated_answers_vary_on_accept_language_even_when_304(client: FlaskClient, url: str) -> None:
    first = client.get(url, headers={"Accept-Language": "sv"})
    assert {"accept-language", "authorization"} <= vary(first.headers)
    again = client.get(url, headers={"Accept-Language": "sv", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and vary(again.headers) == vary(first.headers)
    chosen = client.get(url + ("&" if "?" in url else "?") + "lang=sv")
    assert "accept-language" not in vary(chosen.headers)


def test_misses_are_cached_briefly_in_public_but_never_with_credentials(client: FlaskClient) -> None:
    for url in ("/v1/paths/puuttuu", "/v1/paths/luonnos", "/v1/nothing-here", "/v1/releases/2020-01-01.1"):
        miss = client.get(url)
        assert miss.status_code == 404 and miss.headers["Cache-Control"] == "public, max-age=30", url
        assert "authorization" in vary(miss.headers)
        with_token = client.get(url, headers={"Authorization": f"Bearer {INTRANET}"})
        assert with_token.headers["Cache-Control"] in ("no-store", "private, no-store"), url
    for url, headers in (
        ("/v1/paths", {"Authorization": "Bearer wrong"}),
        ("/v1/paths?ref=main", {}),
        ("/v1/paths?per_page=0", {}),
    ):
        refused = client.get(url, headers=headers)
        assert refused.status_code in (400, 401) and refused.headers["Cache-Control"] == "no-store", url


def test_a_miss_is_not_kept_past_a_short_max_age(shared_app: Callable[..., Flask]) -> None:
    assert shared_app(MAX_AGE=5).test_client().get("/v1/paths/puuttuu").headers["Cache-Control"] == "public, max-age=5"
