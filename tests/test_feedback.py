"""Report a problem: the owner's contact and a feedback link from the repository setting."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask

from pathapi.cli import main
from tests.support import ContentRepo, path

INTRANET = "intranet-token-for-tests"
AUTH = {"Authorization": f"Bearer {INTRANET}"}
TEMPLATE = "https://tracker.example.fi/issues/new?title={title}&body=polku%20{id}%20askel%20{step}%20versio%20{version}"


def settings(repo: ContentRepo, **feedback: object) -> None:
    """Write content/settings.json with FEEDBACK."""
    repo.write_raw(
        "content/settings.json",
        json.dumps({"$schema": "../schemas/settings.schema.json", "feedback": feedback}, indent=2),
    )


@pytest.fixture
def app(repo: ContentRepo, make_app: Callable[..., Flask]) -> Flask:
    """A path with a title that needs encoding, and the feedback setting for intranets."""
    repo.write(
        path(
            "palaute",
            topics=["raskaus"],
            languages=("fi",),
            title={"fi": "Äidin & isän polku?"},
            owner={
                "unit": "Perhepalvelut",
                "email": "perhe@example.fi",
                "phone": "+358 3 123 4567",
                "review_due": "2027-06-30",
            },
        )
    )
    settings(repo, url_template=TEMPLATE)
    repo.commit("Feedback for intranets")
    return make_app(INTRANET_TOKEN=INTRANET)


def test_every_intranet_path_and_step_carries_contact_and_link(app: Flask, repo: ContentRepo) -> None:
    client = app.test_client()
    doc = client.get("/v1/paths/palaute", headers=AUTH).get_json()
    version = repo.git("rev-parse", "HEAD")[:12]
    contact = {"unit": "Perhepalvelut", "email": "perhe@example.fi", "phone": "+358 3 123 4567"}
    assert doc["feedback"]["contact"] == contact
    query = parse_qs(urlsplit(doc["feedback"]["url"]).query)
    assert query["title"] == ["Äidin & isän polku?"]  # encoded, so & and ? stay inside the value
    assert query["body"] == [f"polku palaute askel  versio {version}"]
    steps = [s for p in doc["phases"] for s in p["steps"]]
    for step in steps:
        assert step["feedback"]["contact"] == contact
        assert parse_qs(urlsplit(step["feedback"]["url"]).query)["body"] == [
            f"polku palaute askel {step['id']} versio {version}"
        ]
    assert "%C3%84idin%20%26%20is%C3%A4n%20polku%3F" in doc["feedback"]["url"]
    for url in ("/v1/paths/palaute", "/v1/paths/palaute?audience=app"):
        assert "feedback" not in client.get(url).get_data(as_text=True)  # default: intranets only


def test_the_setting_names_the_views(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    settings(repo, audience=["public", "intranet"])
    repo.commit("Contact for everyone, no link")
    client = make_app(INTRANET_TOKEN=INTRANET).test_client()
    public = client.get("/v1/paths/ehkaisy").get_json()
    assert public["feedback"] == {"contact": {"unit": "Palveluyksikkö"}}
    assert "feedback" not in client.get("/v1/paths/ehkaisy?audience=app").get_json()
    assert "url" not in client.get("/v1/paths/ehkaisy", headers=AUTH).get_json()["feedback"]


def test_an_unknown_placeholder_is_a_finding(repo: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    settings(repo, url_template="https://tracker.example.fi/new?t={otsikko}")
    assert main(["validate", str(repo.root), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [p["pointer"] for p in problems] == ["/feedback/url_template"]
