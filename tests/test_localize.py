"""Accept-Language negotiation per RFC 9110 (q-values) and RFC 4647 (language ranges, lookup)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from pathapi.delivery.localize import negotiate


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en-US,fi;q=0.5", "en"),  # a sub-tag range matches its language, and q=1 beats q=0.5
        ("fi-FI,fi;q=0.9,en-US;q=0.8,en;q=0.7", "fi"),
        ("sv-FI, en;q=0.8", "sv"),
        ("de, en;q=0.5", "en"),  # unsupported ranges are skipped
        ("EN", "en"),  # case-insensitive
        ("*", "fi"),  # anything: the server's first choice
        ("fi;q=0, *", "sv"),  # q=0 excludes, even when * allows the rest
        ("fi;q=0", "sv"),  # Finnish refused, nothing else named: the first language not refused
        ("*;q=0.1, en;q=0", "fi"),
        ("sv;q=0.5, en;q=0.5", "sv"),  # a tie goes to the range named first
        ("en;q=0.5, sv;q=0.5", "en"),
        ("sv;Q=0.9, en", "en"),
        ("fi;q=abc, sv", "sv"),  # a malformed q drops its range
        ("en;q=1.5, sv", "sv"),
        ("en;q=0", "fi"),
        ("de", "fi"),
        ("", "fi"),
        (None, "fi"),
    ],
)
def test_negotiation_follows_q_values_and_ranges(header: str | None, expected: str) -> None:
    assert negotiate(header) == expected


def test_a_long_header_is_read_but_not_remembered() -> None:
    header = ", ".join(f"x{i};q=0.{i % 10}" for i in range(200)) + ", sv;q=0.01"
    assert negotiate(header) == "fi"  # only the first 64 ranges count: sv is beyond them
    assert negotiate("de;q=0.2, " * 3 + "sv;q=0.1") == "sv"


def test_the_api_answers_in_the_negotiated_language(client: FlaskClient) -> None:
    response = client.get("/v1/paths/ehkaisy", headers={"Accept-Language": "en-US,fi;q=0.5"})
    assert response.headers["Content-Language"] == "en"
    assert response.get_json()["title"] == "Polku ehkaisy (en)"
    refused = client.get("/v1/paths/ehkaisy", headers={"Accept-Language": "fi;q=0, *"})
    assert refused.headers["Content-Language"] == "sv"
