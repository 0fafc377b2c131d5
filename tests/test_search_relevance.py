"""Relevance as a test: queries people type, the documents that should come first, and the step to open."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from pathapi.api.app import create_app
from tests.support import ContentRepo

CASES = Path(__file__).resolve().parent / "search_relevance.json"
TARGET = 0.9
INTRANET = "relevance-intranet-token"


@pytest.fixture(scope="module")
def client(bundled_repo: ContentRepo) -> FlaskClient:
    """A client over the bundled content that may also ask as an intranet."""
    return create_app({"REPO": str(bundled_repo.root), "TESTING": True, "INTRANET_TOKEN": INTRANET}).test_client()


def top(client: FlaskClient, case: dict[str, Any]) -> list[dict[str, Any]]:
    """The first three hits of the case's query, in its language and view."""
    params = {"q": case["q"], "lang": case.get("lang", "fi"), "per_page": 3}
    headers = {"Authorization": f"Bearer {INTRANET}"} if case.get("audience") == "intranet" else {}
    response = client.get("/v1/search", query_string=params, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]  # type: ignore[no-any-return]


def precision_at_3(items: list[dict[str, Any]], case: dict[str, Any]) -> float:
    """Relevant documents among the top three hits, out of min(3, relevant documents)."""
    relevant = case["relevant"]
    return len([i for i in items if f"{i['type']}/{i['id']}" in relevant]) / min(3, len(relevant))


def leading_step(items: list[dict[str, Any]]) -> str | None:
    """The step the first hit of the first result leads with."""
    return items[0]["hits"][0].get("step") if items and items[0]["hits"] else None


def test_precision_at_3_over_the_relevance_set(client: FlaskClient) -> None:
    cases = json.loads(CASES.read_text(encoding="utf-8"))["queries"]
    assert len(cases) >= 60
    assert {c.get("lang", "fi") for c in cases} == {"fi", "sv", "en"}
    assert len([c for c in cases if c.get("audience") == "intranet"]) >= 10
    answers = {f"{c['q']} ({c.get('lang', 'fi')})": (c, top(client, c)) for c in cases}
    assert len(answers) == len(cases), "a query is listed twice"
    scores = {q: precision_at_3(items, c) for q, (c, items) in answers.items()}
    mean = sum(scores.values()) / len(scores)
    print(f"\nsearch relevance: precision@3 = {mean:.3f} over {len(scores)} queries")
    misses = {q: round(s, 2) for q, s in scores.items() if s < 1}
    assert mean >= TARGET, misses


def test_questions_lead_with_the_step_that_answers_them(client: FlaskClient) -> None:
    cases = [c for c in json.loads(CASES.read_text(encoding="utf-8"))["queries"] if "step" in c]
    assert len(cases) >= 15
    found = {c["q"]: leading_step(top(client, c)) for c in cases}
    wrong = {c["q"]: (found[c["q"]], c["step"]) for c in cases if found[c["q"]] != c["step"]}
    rate = 1 - len(wrong) / len(cases)
    print(f"\nsearch relevance: leading step right in {rate:.3f} of {len(cases)} questions; wrong: {wrong}")
    assert rate >= TARGET, wrong
