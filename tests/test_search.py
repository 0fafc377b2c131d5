"""Search: stemmed in fi, sv and en, ranked, with highlighted snippets and the step of each hit."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support import ContentRepo, path


def ids(client: FlaskClient, query: str, lang: str = "fi") -> list[str]:
    """Result path ids for QUERY."""
    response = client.get("/v1/search", query_string={"q": query, "lang": lang})
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_finnish_inflections_find_the_same_path(bundled_client: FlaskClient) -> None:
    for query in ("seksitauti", "seksitautien", "seksitauteja"):
        assert ids(bundled_client, query)[0] == "seksitautien-testaus-ja-hoito", query


def test_a_word_inside_a_finnish_compound_is_found(bundled_client: FlaskClient) -> None:
    assert ids(bundled_client, "keskeytys")[0] == "raskaudenkeskeytys"


def test_swedish_and_english_are_stemmed_in_their_language(bundled_client: FlaskClient) -> None:
    assert ids(bundled_client, "aborten", lang="sv")[0] == "raskaudenkeskeytys"
    assert ids(bundled_client, "terminations", lang="en")[0] == "raskaudenkeskeytys"


def test_hits_name_the_step_and_mark_the_words(bundled_client: FlaskClient) -> None:
    body = bundled_client.get("/v1/search?q=klamydia&lang=fi").get_json()
    first = body["items"][0]
    assert first["id"] == "seksitautien-testaus-ja-hoito"
    assert first["href"] == "/v1/paths/seksitautien-testaus-ja-hoito?lang=fi"
    step_hits = [h for h in first["hits"] if "step" in h]
    assert step_hits, first["hits"]
    assert "<mark>Klamydia</mark>" in step_hits[0]["snippet"] or "<mark>klamydia</mark>" in step_hits[0]["snippet"]
    path = bundled_client.get(first["href"]).get_json()
    steps = {s["id"]: s["title"] for phase in path["phases"] for s in phase["steps"]}
    assert steps[step_hits[0]["step"]] == step_hits[0]["step_title"]


def test_ranking_prefers_titles(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    repo.write(
        path(
            "kuulo",
            topics=["raskaus"],
            title={"fi": "Kuulon tutkimus", "sv": "Hörsel"},
            summary={"fi": "Tietoa.", "sv": "Info."},
        )
    )
    other = path("muu", topics=["raskaus"], summary={"fi": "Mainitsee kuulon kerran.", "sv": "Info."})
    repo.write(other)
    repo.commit("Two paths")
    assert ids(make_app().test_client(), "kuulo") == ["kuulo", "muu"]


def test_snippets_are_html_escaped(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    markup = "Varo \\<script>alert(1)\\</script> hakua."  # escaped: raw HTML breaks the Markdown contract
    repo.write(path("skripti", topics=["raskaus"], summary={"fi": markup, "sv": "x"}))
    repo.commit("Markup in text")
    body = make_app().test_client().get("/v1/search?q=hakua").get_json()
    snippet = body["items"][0]["hits"][0]["snippet"]
    assert "<script" not in snippet and "&lt;script" in snippet and "<mark>hakua</mark>" in snippet


def test_drafts_and_intranet_text_are_not_searchable(
    bundled_client: FlaskClient, make_app: Callable[..., Flask]
) -> None:
    assert "luonnos" not in ids(make_app().test_client(), "luonnos")
    body = bundled_client.get("/v1/search?q=Kirjaa huoli asiakastietojärjestelmään").get_json()
    assert body["query"] == "Kirjaa huoli asiakastietojärjestelmään"  # the query is echoed as typed, no hit has it
    assert "asiakastietojärjestelmään" not in json.dumps(body["items"], ensure_ascii=False)


@pytest.mark.parametrize(("query", "hint"), [("", "Length"), ("!!!", "at least one word"), ("x" * 201, "Length")])
def test_bad_queries_are_400(bundled_client: FlaskClient, query: str, hint: str) -> None:
    response = bundled_client.get("/v1/search", query_string={"q": query})
    assert response.status_code == 400 and response.get_json()["parameter"] == "q"
    assert hint in response.get_json()["detail"]


def test_missing_query_is_400(bundled_client: FlaskClient) -> None:
    response = bundled_client.get("/v1/search")
    assert response.status_code == 400 and response.get_json()["parameter"] == "q"


def test_search_answers_are_cacheable(bundled_client: FlaskClient) -> None:
    first = bundled_client.get("/v1/search?q=neuvola")
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    again = bundled_client.get("/v1/search?q=neuvola", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_question_puts_the_path_of_its_situation_first_and_opens_the_right_step(bundled_client: FlaskClient) -> None:
    for query in ("vanhemmat eivät saa tietää abortti", "alaikäinen raskaudenkeskeytys"):
        first = bundled_client.get("/v1/search", query_string={"q": query}).get_json()["items"][0]
        assert first["id"] == "raskaudenkeskeytys", query
        assert first["hits"][0]["step"] == "alaikainen", (query, first["hits"])


def test_hits_show_each_step_once_before_a_second_field_of_any_step(bundled_client: FlaskClient) -> None:
    first = bundled_client.get("/v1/search?q=raskaudenkeskeytys alaikäinen ehkäisyneuvola").get_json()["items"][0]
    steps = [h.get("step") for h in first["hits"]]
    assert len(set(steps)) == len(steps) == 3, first["hits"]


def test_stop_words_are_not_marked_in_snippets(bundled_client: FlaskClient) -> None:
    body = bundled_client.get("/v1/search?q=vanhemmat eivät saa tietää abortti").get_json()
    snippets = " ".join(h["snippet"] for item in body["items"] for h in item["hits"]).lower()
    assert "<mark>huoltajan</mark>" in snippets and "<mark>ei</mark>" not in snippets
