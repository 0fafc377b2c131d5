"""Search as customers type: inflections, compounds, missing umlauts, typos, synonyms, filters, paging."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.api.runtime import EXTENSION
from pathapi.delivery.search import INDEXES
from pathapi.delivery.search.analysis import BACKEND, _native, _pure, analyzer_for
from tests.support import ContentRepo, path


def search(client: FlaskClient, q: str, **params: Any) -> dict[str, Any]:
    """The search answer for Q; fails on anything but 200."""
    response = client.get("/v1/search", query_string={"q": q, **params})
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def top(client: FlaskClient, q: str, **params: Any) -> list[str]:
    """type/id of each hit, best first."""
    return [f"{i['type']}/{i['id']}" for i in search(client, q, **params)["items"]]


# The queries that found nothing before Voikko: each must now find what the customer means (one of), first.
ISSUE_TABLE = [
    ("sukupuolitauti", "fi", "path/seksitautien-testaus-ja-hoito"),
    ("sukupuolitautien", "fi", "path/seksitautien-testaus-ja-hoito"),
    ("jälkitarkastus", "fi", "path/raskaudenkeskeytys"),
    ("klamidia", "fi", "path/seksitautien-testaus-ja-hoito"),
    ("könssjukdom", "sv", "channel/seksuaaliterveyspoliklinikka topic/seksuaaliterveys"),
    ("taudit", "fi", "path/seksitautien-testaus-ja-hoito"),
    ("tauti", "fi", "path/seksitautien-testaus-ja-hoito"),
]


@pytest.mark.parametrize(("q", "lang", "meant"), ISSUE_TABLE)
def test_queries_that_found_nothing_find_what_is_meant(
    bundled_client: FlaskClient, q: str, lang: str, meant: str
) -> None:
    assert top(bundled_client, q, lang=lang)[0] in meant.split()


def test_a_word_typed_without_umlauts_finds_what_it_finds_with_them(bundled_client: FlaskClient) -> None:
    assert top(bundled_client, "ehkaisy") == top(bundled_client, "ehkäisy") != []
    assert top(bundled_client, "paivystysapu") == top(bundled_client, "päivystysapu") != []


def test_finnish_words_are_indexed_by_base_form_and_compound_parts() -> None:
    terms = dict(analyzer_for("fi").terms("sukupuolitautien"))
    assert terms["sukupuolitauti"] == 1.0
    assert {"suku", "puoli", "tauti"} <= set(terms) and terms["tauti"] < 1.0
    assert dict(analyzer_for("fi").terms("hoidon")) == {"hoito": 1.0}  # consonant gradation


@pytest.mark.slow
def test_the_native_and_pure_python_voikko_agree_on_base_forms() -> None:
    words = ["sukupuolitautien", "raskaudenkeskeytys", "ehkäisyneuvolaan", "hoitoon", "lasten", "jälkitarkastusta"]
    for word in words:
        native = {t for t, w in _native(word) if w == 1.0} if BACKEND == "libvoikko" else None
        pure = {t for t, w in _pure(word) if w == 1.0}
        assert pure and (native is None or native == pure), word


def test_umlauts_left_out_on_a_phone_keyboard_are_restored() -> None:
    assert dict(analyzer_for("fi").query_terms("ehkaisyn")).get("ehkaisy") == 1.0
    assert dict(analyzer_for("fi").query_terms("paivystys")).get("paivystys") == 1.0


def test_a_compound_query_finds_a_text_with_its_last_part_ranked_below_the_compound(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    repo.write(path("yhdys", topics=["raskaus"], summary={"fi": "Tietoa sukupuolitaudeista.", "sv": "x"}))
    repo.write(path("osa", topics=["raskaus"], summary={"fi": "Tietoa taudeista.", "sv": "x"}))
    repo.commit("Compound and part")
    assert top(make_app().test_client(), "sukupuolitauti")[:2] == ["path/yhdys", "path/osa"]


def test_typos_are_forgiven_and_ranked_below_exact_matches(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    repo.write(path("oikein", topics=["raskaus"], summary={"fi": "Klamydia testataan.", "sv": "x"}))
    repo.write(path("kirjoitusvirhe", topics=["raskaus"], summary={"fi": "Klamidia testataan.", "sv": "x"}))
    repo.commit("A typo in content")
    client = make_app().test_client()
    assert top(client, "klamydia")[:2] == ["path/oikein", "path/kirjoitusvirhe"]


def test_short_words_get_no_typo_matching(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    repo.write(path("kissa", topics=["raskaus"], summary={"fi": "Kissa.", "sv": "x"}))
    repo.commit("Cat")
    client = make_app().test_client()
    assert top(client, "kisa") == []  # four letters: an edit away, but too short to guess
    assert top(client, "kissaa") == ["path/kissa"]  # six letters: one edit forgiven


def test_swedish_compounds_are_split_where_the_tail_is_a_known_word(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    repo.write(path("sjuk", topics=["raskaus"], summary={"fi": "Taudit.", "sv": "Om sjukdomar och vård."}))
    repo.commit("Swedish text")
    assert top(make_app().test_client(), "könssjukdom", lang="sv") == ["path/sjuk"]


def test_synonyms_from_the_repository_widen_a_query(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    repo.write(path("keskeytys", topics=["raskaus"], summary={"fi": "Raskaudenkeskeytys.", "sv": "x"}))
    repo.commit("A path")
    assert top(make_app().test_client(), "abortti") == []
    (repo.root / "content/synonyms.json").write_text(
        json.dumps({"$schema": "../schemas/synonyms.schema.json", "fi": [["abortti", "raskaudenkeskeytys"]]})
    )
    repo.commit("Synonyms")
    assert top(make_app().test_client(), "abortti") == ["path/keskeytys"]


def test_hits_say_their_type_language_and_fallback(bundled_client: FlaskClient) -> None:
    body = search(bundled_client, "klamydia", lang="sv")
    sti = next(i for i in body["items"] if i["id"] == "seksitautien-testaus-ja-hoito")
    assert (sti["language"], sti["fallback"]) == ("fi", True)  # written in Finnish only
    sexual_health = next(i for i in search(bundled_client, "könssjukdom", lang="sv")["items"] if i["type"] == "channel")
    assert (sexual_health["type"], sexual_health["language"], sexual_health["fallback"]) == ("channel", "sv", False)


def test_type_topic_and_segment_filters(bundled_client: FlaskClient) -> None:
    assert {t.split("/")[0] for t in top(bundled_client, "neuvola", type="channel")} == {"channel"}
    assert {t.split("/")[0] for t in top(bundled_client, "ehkäisy", type="topic,path")} <= {"topic", "path"}
    in_topic = top(bundled_client, "tuki", topic="neurokirjo", per_page=50)
    paths = {t for t in in_topic if t.startswith("path/")}
    assert paths == {"path/alaikaisen-nepsypolku"}
    path_doc = bundled_client.get("/v1/paths/alaikaisen-nepsypolku").get_json()
    used = {c for phase in path_doc["phases"] for step in phase["steps"] for c in step.get("channels", [])}
    assert {t.split("/")[1] for t in in_topic if t.startswith("channel/")} <= used
    assert set(top(bundled_client, "tuki", segment="s1-asiantuntijuus", type="path"))


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"type": "person"}, "type"),
        ({"topic": "ei-ole"}, "topic"),
        ({"segment": "S1"}, "segment"),
        ({"per_page": "51"}, "per_page"),
        ({"page": "0"}, "page"),
        ({"q": "  !! "}, "q"),
    ],
)
def test_bad_search_parameters_are_named(bundled_client: FlaskClient, params: dict[str, str], parameter: str) -> None:
    response = bundled_client.get("/v1/search", query_string={"q": "neuvola", **params})
    assert response.status_code == 400
    assert response.get_json()["parameter"] == parameter


def test_search_pages_like_the_other_lists(bundled_client: FlaskClient) -> None:
    whole = search(bundled_client, "tuki", per_page=50)
    assert whole["total"] == len(whole["items"]) > 3
    first = search(bundled_client, "tuki", per_page=2, type="path,channel,topic")
    second = bundled_client.get(first["links"]["next"]).get_json()
    assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in whole["items"][:4]]
    assert "type=channel%2Cpath%2Ctopic" in first["links"]["next"] and "q=tuki" in first["links"]["next"]
    assert second["links"]["prev"] is not None and first["links"]["prev"] is None
    assert search(bundled_client, "tuki", limit=1)["per_page"] == 1  # the older name still works


def test_suggestions_complete_the_last_word_and_find_titles(bundled_client: FlaskClient) -> None:
    body = bundled_client.get("/v1/search/suggest", query_string={"q": "raskauden kes"}).get_json()
    assert "raskauden keskeytys" in body["terms"]
    titles = bundled_client.get("/v1/search/suggest", query_string={"q": "seks"}).get_json()["documents"]
    assert {"path", "channel", "topic"} <= {d["type"] for d in titles}
    assert all(d["title"].lower().startswith("seks") for d in titles)
    assert bundled_client.get("/v1/search/suggest?q=%20").status_code == 400


def test_the_index_is_built_with_the_version_before_any_query(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    app = make_app()
    runtime = app.extensions[EXTENSION]
    repo.write(path("uusi", topics=["raskaus"], summary={"fi": "Uusi polku.", "sv": "Ny."}))
    repo.commit("New path")
    assert runtime.follower.refresh_now() is True
    from pathapi.delivery.library import now_utc

    catalog = runtime.service.library.state.edition.public(now_utc())
    assert all(lang in INDEXES.of(catalog) for lang in ("fi", "sv", "en"))


def test_intranet_only_text_is_never_searched_publicly(bundled_client: FlaskClient, client: FlaskClient) -> None:
    assert "channel/konsultaatiopuhelin" not in top(bundled_client, "konsultaatiopuhelin", per_page=50)
    assert top(client, "ohje ammattilaiselle") == []  # professional notes of every test path
    assert top(client, "kaista") == []  # the professional swimlane
    assert top(client, "ota yhteyttä")  # while public step text is found


def test_two_swapped_letters_count_as_one_typo(bundled_client: FlaskClient) -> None:
    assert top(bundled_client, "abrotti")[:1] == ["path/raskaudenkeskeytys"]
    assert "channel/neuvola" in top(bundled_client, "nuevola")


def test_unescaped_utf8_in_the_query_string_reads_as_typed(bundled_client: FlaskClient) -> None:
    escaped = bundled_client.get("/v1/search/suggest?q=p%C3%A4iv").get_json()
    as_a_server_passes_it = "q=päiv".encode().decode("latin-1")  # WSGI: the raw bytes, one character each
    raw = bundled_client.get("/v1/search/suggest", environ_overrides={"QUERY_STRING": as_a_server_passes_it})
    raw = raw.get_json()
    assert raw == escaped and raw["query"] == "päiv" and raw["terms"]


def test_suggestions_complete_the_last_word_in_the_context_of_the_earlier_ones(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    often = "Lisää tietoa. Lisää apua. Lisää tukea. Kotihoito tulee. Kotihoito tuli."
    repo.write(path("kotona", topics=["raskaus"], summary={"fi": often, "sv": "Hemvård."}))
    repo.write(path("kuume", topics=["raskaus"], summary={"fi": "Kuumeinen lapsi ja lääkkeet.", "sv": "Feber."}))
    repo.commit("Two paths")
    client = make_app().test_client()

    def terms(query: str) -> list[str]:
        return client.get("/v1/search/suggest", query_string={"q": query}).get_json()["terms"]  # type: ignore[no-any-return]

    assert terms("l")[0] == "lisää"  # alone, the most frequent word first
    assert set(terms("kuumeinen l")) == {"kuumeinen lapsi", "kuumeinen lääkkeet"}  # only words found with it
    assert terms("kotihoito tul") == ["kotihoito tulee"]  # whole queries, each base form once (tulee, tuli: tulla)
