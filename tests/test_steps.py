"""Deep links to a step: its phase and neighbours across phases, in every view, cached like documents."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from pathapi.api.app import create_app
from tests.support import ROOT, ContentRepo

INTRANET = "step-intranet-token"
URL = "/v1/paths/raskaudenkeskeytys/steps/alaikainen"


@pytest.fixture(scope="module", params=[True, False], ids=["fast-lane", "flask"])
def steps_client(request: pytest.FixtureRequest, bundled_repo: ContentRepo) -> FlaskClient:
    """The bundled content with the intranet token set."""
    return create_app(
        {"REPO": str(bundled_repo.root), "TESTING": True, "INTRANET_TOKEN": INTRANET, "FAST_LANE": request.param}
    ).test_client()


def test_a_step_comes_with_its_phase_path_and_neighbours_across_phases(steps_client: FlaskClient) -> None:
    step = steps_client.get(URL + "?lang=sv").get_json()
    path = steps_client.get("/v1/paths/raskaudenkeskeytys?lang=sv").get_json()
    phase = next(p for p in path["phases"] if p["id"] == "yhteydenotto")
    assert step["step"] == next(s for s in phase["steps"] if s["id"] == "alaikainen")
    assert step["phase"] == {k: v for k, v in phase.items() if k != "steps"}
    assert step["path"] == {
        "id": "raskaudenkeskeytys",
        "title": path["title"],
        "href": "/v1/paths/raskaudenkeskeytys?lang=sv",
    }
    assert (step["previous_step"]["id"], step["previous_step"]["phase"]) == ("kysy-chatissa", "yhteydenotto")
    nxt = step["next_step"]  # the last step of its phase: the next one is the first of the next phase
    assert (nxt["id"], nxt["phase"]) == ("valmistautuminen-ensikayntiin", "ensikaynti")
    assert nxt["href"] == "/v1/paths/raskaudenkeskeytys/steps/valmistautuminen-ensikayntiin?lang=sv"
    assert steps_client.get(nxt["href"]).get_json()["previous_step"]["id"] == "alaikainen"
    assert step["position"] == 6 and step["steps_total"] == sum(len(p["steps"]) for p in path["phases"])
    first = steps_client.get("/v1/paths/raskaudenkeskeytys/steps/raskauden-toteaminen").get_json()
    assert first["previous_step"] is None and first["position"] == 1


def test_a_step_is_cached_like_its_document(steps_client: FlaskClient) -> None:
    response = steps_client.get(URL, headers={"Accept-Language": "en"})
    assert response.headers["Cache-Control"].startswith("public, max-age=")
    assert response.headers["Vary"] == "Accept-Language, Authorization"
    assert response.headers["Content-Language"] == "en" and "Last-Modified" in response.headers
    again = steps_client.get(URL, headers={"Accept-Language": "en", "If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert steps_client.get(URL + "?lang=fi").headers["ETag"] != response.headers["ETag"]


def test_professional_text_of_a_step_only_with_the_intranet_token(steps_client: FlaskClient) -> None:
    auth = {"Authorization": f"Bearer {INTRANET}"}
    intranet = steps_client.get(URL, headers=auth)
    assert intranet.headers["Cache-Control"] == "private, no-store"
    assert "professional_notes" in intranet.get_json()["step"]
    public = steps_client.get(URL).get_data(as_text=True)
    assert "professional_notes" not in public and '"professional"' not in public
    hidden = "/v1/paths/monipalvelupolku/steps/ammattilaisen-muistilista"
    assert steps_client.get(hidden).status_code == 404
    assert steps_client.get(hidden, headers=auth).status_code == 200
    around = steps_client.get("/v1/paths/monipalvelupolku/steps/ammattilaisen-huoli").get_json()
    assert around["next_step"]["id"] != "ammattilaisen-muistilista"  # neighbours are the view's own


def test_an_unknown_step_is_a_404_listing_the_steps(steps_client: FlaskClient) -> None:
    response = steps_client.get("/v1/paths/raskaudenkeskeytys/steps/ei-ole")
    assert response.status_code == 404 and "alaikainen" in response.get_json()["detail"]
    assert steps_client.get("/v1/paths/ei-ole/steps/alaikainen").status_code == 404
    assert steps_client.get(URL + "?expand=topics").get_json()["parameter"] == "expand"


def test_a_renamed_path_redirects_its_steps(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    doc = json.loads((repo.root / "content/paths/ehkaisy.json").read_text())
    repo.remove("content/paths/ehkaisy.json")
    repo.write({**doc, "id": "ehkaisy-uusi", "aliases": ["ehkaisy"]})
    repo.commit("Rename")
    response = make_app().test_client().get("/v1/paths/ehkaisy/steps/seuranta?lang=sv")
    assert response.status_code == 301
    assert response.headers["Location"] == "/v1/paths/ehkaisy-uusi/steps/seuranta?lang=sv"


def test_a_pinned_step_keeps_its_version(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    repo.git("tag", "-a", "release/2026-11-30.1", "-m", "First")
    step = make_app().test_client().get("/v1/paths/ehkaisy/steps/yhteydenotto?version=2026-11-30.1")
    assert step.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    body = step.get_json()
    assert body["next_step"]["href"] == "/v1/paths/ehkaisy/steps/seuranta?lang=fi&version=2026-11-30.1"
    assert body["path"]["href"] == "/v1/paths/ehkaisy?lang=fi&version=2026-11-30.1"


def test_step_answers_match_the_delivered_step_schema(steps_client: FlaskClient) -> None:
    listed = [item["name"] for item in steps_client.get("/v1/schemas").get_json()["items"]]
    assert "step" in listed
    schema = steps_client.get("/v1/schemas/step?form=delivered").get_json()
    Draft202012Validator.check_schema(schema)
    check = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    path = steps_client.get("/v1/paths/alaikaisen-nepsypolku").get_json()
    for step in [s["id"] for phase in path["phases"] for s in phase["steps"]]:
        for query in ("", "?lang=sv&expand=channels", "?format=html"):
            body = steps_client.get(f"/v1/paths/alaikaisen-nepsypolku/steps/{step}{query}").get_json()
            assert not [e.message for e in check.iter_errors(body)], (step, query)
    stored = steps_client.get("/v1/schemas/step").get_json()  # a step as written inside a path document
    raw = json.loads((ROOT / "content/paths/raskaudenkeskeytys.json").read_text())["phases"][0]["steps"][0]
    assert not list(Draft202012Validator(stored).iter_errors(raw))
    assert list(Draft202012Validator(stored).iter_errors({"id": "x"}))  # title, body, … missing
