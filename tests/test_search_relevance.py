"""Relevance as a test: queries people type, and the documents that should come first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

CASES = Path(__file__).resolve().parent / "search_relevance.json"
TARGET = 0.9


def precision_at_3(client: FlaskClient, case: dict[str, Any]) -> float:
    """Relevant documents among the top three hits, out of min(3, relevant documents)."""
    params = {"q": case["q"], "lang": case.get("lang", "fi"), "per_page": 3}
    top = [f"{i['type']}/{i['id']}" for i in client.get("/v1/search", query_string=params).get_json()["items"]]
    relevant = case["relevant"]
    return len([hit for hit in top if hit in relevant]) / min(3, len(relevant))


def test_precision_at_3_over_the_relevance_set(bundled_client: FlaskClient) -> None:
    cases = json.loads(CASES.read_text(encoding="utf-8"))["queries"]
    assert len(cases) >= 40
    assert {c.get("lang", "fi") for c in cases} == {"fi", "sv", "en"}
    scores = {f"{c['q']} ({c.get('lang', 'fi')})": precision_at_3(bundled_client, c) for c in cases}
    mean = sum(scores.values()) / len(scores)
    print(f"\nsearch relevance: precision@3 = {mean:.3f} over {len(scores)} queries")
    misses = {q: round(s, 2) for q, s in scores.items() if s < 1}
    assert mean >= TARGET, misses
