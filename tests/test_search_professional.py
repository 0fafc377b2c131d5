"""Professional search: the intranet token searches what professionals read; no other view ever does."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from pathapi.api.app import create_app
from tests.support import ContentRepo, channel, path, standard_content

INTRANET = "intranet-token-for-search-tests"
BEARER = {"Authorization": f"Bearer {INTRANET}"}
PROFESSIONAL_FIELDS = {"professional_notes", "professional_lane", "critical_point"}
# Each planted word stands in exactly one professional-only place of the repository below.
PLANTED = {
    "Pegasos": ("path", "kotihoito", "professional_notes", "yhteydenotto"),
    "Apotti": ("path", "kotihoito", "professional_lane", "yhteydenotto"),
    "ilmoitusvelvollisuus": ("path", "kotihoito", "critical_point", "seuranta"),
    "tarkistuslista": ("path", "kotihoito", "step_title", "esihenkilo"),
    "perehdytysmateriaali": ("path", "kotihoito", "link", "seuranta"),
    "pikalinja": ("channel", "sisainen-linja", "description", None),
    "PK-4711": ("path", "kotihoito", "link", "seuranta"),  # an IMS process description's id
    "Zetalomake": ("path", "kotihoito", "link", "seuranta"),  # a form's name among staff
}


@pytest.fixture(scope="module")
def planted_repo(tmp_path_factory: pytest.TempPathFactory) -> ContentRepo:
    """A repository whose professional-only texts each carry one planted word (tests only read it)."""
    repo = ContentRepo(tmp_path_factory.mktemp("planted") / "repo")
    standard_content(repo)
    repo.commit("Initial content")
    doc = path("kotihoito", topics=["seksuaaliterveys"], channels=["sisainen-linja"], languages=("fi",))
    first, second = doc["phases"][0]["steps"]
    first["professional_notes"] = {"fi": "Kirjaa käynti Pegasos-järjestelmään."}
    first["swimlanes"]["professional"] = {"fi": "Tarkista lääkitys Apotti-näkymästä."}
    second["critical_points"] = [
        {"kind": "information_into_systems", "description": {"fi": "Ammattilaisen ilmoitusvelvollisuus täyttyy tässä."}}
    ]
    second["links"] = [
        {
            "kind": "information",
            "audience": ["intranet"],
            "title": {"fi": "Perehdytysmateriaali"},
            "url": "https://intra.example.fi/perehdytys",
        },
        {
            "kind": "process",
            "title": {"fi": "Prosessikuvaus"},
            "ims_id": "PK-4711",
            "url": "https://ims.example.fi/pk-4711",
        },
        {
            "kind": "form",
            "title": {"fi": "Hakemus"},
            "internal_name": "Zetalomake",
            "url": "https://example.fi/hakemus",
        },
    ]
    doc["phases"][0]["steps"].append(
        {
            "id": "esihenkilo",
            "audience": ["intranet"],
            "title": {"fi": "Esihenkilön tarkistuslista"},
            "body": {"fi": "Käy läpi."},
            "customer_action": {"fi": "Asiakas odottaa."},
        }
    )
    repo.write(doc)
    repo.write(
        channel(
            "sisainen-linja",
            audience=["intranet"],
            name={"fi": "Sisäinen linja"},
            description={"fi": "Ammattilaisten pikalinja konsultaatioihin."},
        )
    )
    repo.commit("Professional-only texts")
    return repo


@pytest.fixture(scope="module", params=[True, False], ids=["fast-lane", "flask"])
def planted(request: pytest.FixtureRequest, planted_repo: ContentRepo) -> FlaskClient:
    """A client over ``planted_repo`` with the intranet token set."""
    config = {"REPO": str(planted_repo.root), "TESTING": True, "FAST_LANE": request.param, "INTRANET_TOKEN": INTRANET}
    return create_app(config).test_client()


def search(client: FlaskClient, query: str, headers: dict[str, str] | None = None, **extra: str) -> dict[str, Any]:
    """The decoded answer of /v1/search for QUERY in Finnish."""
    response = client.get("/v1/search", query_string={"q": query, "lang": "fi", **extra}, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


@pytest.mark.parametrize("word", sorted(PLANTED))
def test_the_intranet_token_finds_each_professional_only_word_where_it_stands(planted: FlaskClient, word: str) -> None:
    kind, doc_id, field, step = PLANTED[word]
    first = search(planted, word, BEARER)["items"][0]
    assert (first["type"], first["id"]) == (kind, doc_id)
    hit = first["hits"][0]
    assert (hit["field"], hit.get("step")) == (field, step)
    assert word.lower() in re.sub("</?mark>", "", hit["snippet"]).lower() and "<mark>" in hit["snippet"]


@pytest.mark.parametrize("view", [{}, {"audience": "app"}, {"audience": "public"}], ids=["default", "app", "public"])
@pytest.mark.parametrize("word", sorted(PLANTED))
def test_public_and_app_search_never_see_professional_only_words(
    planted: FlaskClient, word: str, view: dict[str, str]
) -> None:
    body = search(planted, word, **view)
    text = json.dumps(body["items"], ensure_ascii=False).lower()
    assert word.lower() not in text and "sisainen-linja" not in text
    assert not {h["field"] for item in body["items"] for h in item["hits"]} & PROFESSIONAL_FIELDS
    suggested = planted.get("/v1/search/suggest", query_string={"q": word[:5], "lang": "fi", **view}).get_json()
    assert word.lower() not in json.dumps(suggested, ensure_ascii=False).lower()


@pytest.fixture(scope="module", params=[True, False], ids=["fast-lane", "flask"])
def bundled(request: pytest.FixtureRequest, bundled_repo: ContentRepo) -> FlaskClient:
    """A client over the bundled content with the intranet token set."""
    return create_app(
        {"REPO": str(bundled_repo.root), "TESTING": True, "FAST_LANE": request.param, "INTRANET_TOKEN": INTRANET}
    ).test_client()


@pytest.mark.parametrize("word", ["Lifecare", "IMS", "kypsyys"])
def test_bundled_professional_terms_are_found_with_the_token_only(bundled: FlaskClient, word: str) -> None:
    found = search(bundled, word, BEARER)
    assert found["total"] >= 2
    assert all("<mark>" in item["hits"][0]["snippet"] for item in found["items"])
    for view in ({}, {"audience": "app"}):
        assert search(bundled, word, **view)["total"] == 0, view


def test_lifecare_finds_every_path_whose_notes_name_it(bundled: FlaskClient, bundled_repo: ContentRepo) -> None:
    paths = bundled_repo.root / "content" / "paths"
    naming = {p.stem for p in paths.glob("*.json") if "Lifecare" in p.read_text(encoding="utf-8")}
    found = {i["id"] for i in search(bundled, "Lifecare", BEARER, per_page="50")["items"]}
    assert naming and found == naming


def test_a_professional_hit_names_the_step_to_open(bundled: FlaskClient) -> None:
    found = {item["id"]: item for item in search(bundled, "kypsyys", BEARER)["items"]}
    hit = found["raskaudenkeskeytys"]["hits"][0]
    assert {"field": "professional_lane", "step": "alaikainen"}.items() <= hit.items()
