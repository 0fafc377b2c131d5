"""Tracking and cache-busting parameters (utm_*, _, fbclid, gclid) are ignored; others stay a 400."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from pathapi.api import query_string
from pathapi.api.params import ItemParams

NOISE = "utm_source=newsletter&utm_medium=email&utm_campaign=syksy&_=1712345678&fbclid=IwAR0x&gclid=Cj0K"
URLS = [
    "/v1/paths",
    "/v1/paths?per_page=1&topic=raskaus",
    "/v1/paths/ehkaisy",
    "/v1/paths/ehkaisy?lang=sv",
    "/v1/channels",
    "/v1/topics/raskaus",
    "/v1/paths/ehkaisy/history",
    "/v1/sync",
    "/v1/bundle",
    "/v1/search?q=polku",
    "/v1/schemas/path",
    "/v1/schemas",
    "/v1/releases",
]


@pytest.fixture
def client(shared_client: FlaskClient) -> FlaskClient:
    """Tests here only read: the module's shared app."""
    return shared_client


def with_noise(url: str) -> str:
    """URL with every kind of tracking parameter added, before and after its own."""
    return f"{url}{'&' if '?' in url else '?'}{NOISE}"


@pytest.mark.parametrize("url", URLS)
def test_tracking_parameters_change_nothing(client: FlaskClient, url: str) -> None:
    plain = client.get(url)
    noisy = client.get(with_noise(url))
    assert plain.status_code == noisy.status_code == 200, noisy.get_data(as_text=True)
    assert noisy.data == plain.data
    assert noisy.headers.get("ETag") == plain.headers.get("ETag")
    assert noisy.headers.get("Cache-Control") == plain.headers.get("Cache-Control")


def test_tracking_parameters_do_not_defeat_if_none_match(client: FlaskClient) -> None:
    etag = client.get("/v1/paths/ehkaisy").headers["ETag"]
    response = client.get("/v1/paths/ehkaisy?_=1&utm_source=x", headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_tracking_parameters_share_one_parsed_entry() -> None:
    """The parse cache keys on the query without them: tracking values cannot fill it."""
    query_string.parse(ItemParams, "lang=fi")
    before = len(query_string._PARSED)
    for n in range(50):
        assert query_string.parse(ItemParams, f"lang=fi&_={n}&utm_content=v{n}") == query_string.parse(
            ItemParams, "lang=fi"
        )
    assert len(query_string._PARSED) == before


@pytest.mark.parametrize(
    "url",
    [
        "/v1/paths?utm=1",
        "/v1/paths/ehkaisy?_x=1",
        "/v1/sync?fbclid2=1",
        "/v1/paths?foo=1&utm_source=x",
        "/v1/releases?page=2&_=1",
    ],
)
def test_other_unknown_parameters_are_still_400(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] in url.split("?")[1]
    assert not body["parameter"].startswith("utm_")
