"""The plain-language advisor: each planted problem found at its line; quiet on good sentences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pathapi.cli import main
from pathapi.content.advice.prose import mask
from pathapi.content.advice.repository import advise
from pathapi.content.advice.sentences import TextAdvisor
from pathapi.content.advice.thresholds import Thresholds
from pathapi.content.advice.vocabulary import load_vocabulary
from pathapi.content.findings import Problem
from pathapi.content.sources import read_directory
from pathapi.content.validator import validate_files
from tests.support import ROOT, ContentRepo, topic

FILE = "content/paths/istutettu.json"
LONG_SENTENCE = (
    "Kun olet varannut ajan ja tulet vastaanotolle, ota mukaan kaikki lääkkeesi, kaikki aiemmat "
    "tutkimustulokset, henkilöllisyystodistus sekä lista kysymyksistä, joita haluat kysyä."
)
HARD_STEP = (
    "Sukupuolitautiepäilyissä hakeutuminen seksuaaliterveyspalveluihin tapahtuu "
    "ensisijaisesti sähköisen yhteydenottolomakkeen välityksellä terveydenhuollon "
    "ammattihenkilöstön arvioitavaksi hoidontarpeenarvioinnin toteuttamiseksi. "
    "Päivystyksellisissä tilanteissa yhteydenottokanavana toimii päivystysapunumero, "
    "jonka kautta ohjautuminen päivystyspoliklinikalle järjestyy viiveettömästi. "
    "Jatkohoitosuunnitelman laatiminen toteutetaan vastaanottokäynnin yhteydessä."
)
# (catalogue code, JSON pointer of the text, the word or sentence start it must be reported at)
PLANTED = [
    ("advice-long-sentence", "/phases/0/steps/0/body/fi", "Kun olet varannut"),
    ("advice-long-word", "/phases/0/steps/0/customer_action/fi", "ajanvarausjärjestelmäpalvelussa"),
    ("advice-compound", "/phases/0/steps/0/title/fi", "yhteydenottopyyntölomake"),
    ("advice-passive", "/phases/0/steps/1/body/fi", "kutsutaan"),
    ("advice-participle", "/phases/0/steps/1/customer_action/fi", "saapuessasi"),
    ("advice-participle", "/phases/0/steps/1/title/fi", "määräämä"),
    ("advice-nominal", "/phases/0/summary/fi", "aloittaminen"),
    ("advice-abbreviation", "/summary/fi", "THL"),
    ("advice-abbreviation", "/phases/0/promise/fi", "esim."),
    ("advice-abbreviation-unknown", "/phases/0/steps/1/swimlanes/tips/fi", "TKS"),
    ("advice-unknown-word", "/phases/0/steps/1/swimlanes/customer/fi", "terveysasmalle"),
    ("advice-long-sentence", "/phases/0/steps/0/body/sv", "När du har bokat"),
    ("advice-long-word", "/phases/0/steps/0/body/en", "interdisciplinary"),
    ("advice-reading-level", "/phases/0/steps/2", None),
]
GOOD = [
    ("fi", "Soita ehkäisyneuvolan numeroon ja jätä soittopyyntö."),
    ("fi", "Voit myös soittaa asiakaspalveluun, josta sinut ohjataan eteenpäin."),
    ("fi", "Tukea voi saada heti, eikä se edellytä diagnoosia."),
    ("sv", "I kamratstöd träffar du människor med liknande erfarenheter."),
    ("en", "In peer support you meet people with similar experiences."),
]


def _text(fi: str, **other: str) -> dict[str, str]:
    return {"fi": fi, **other}


def _planted() -> dict[str, Any]:
    professional = _text("Tarvittaessa asia käsitellään, kirjataan ja lähetetään eteenpäin THL:n ohjeen mukaan.")
    steps = [
        {
            "id": "varaus",
            "title": _text("Täytä yhteydenottopyyntölomake"),
            "body": _text(
                LONG_SENTENCE + " Hoitaja soittaa sinulle.",
                sv="När du har bokat en tid och kommer till mottagningen ska du ta med alla dina mediciner, "
                "alla tidigare provsvar, ett id-kort och en lista med frågor som du vill ställa.",
                en="We offer interdisciplinary help.",
            ),
            "customer_action": _text("Varaan ajan ajanvarausjärjestelmäpalvelussa", sv="Jag bokar", en="I book"),
            "professional_notes": professional,
        },
        {
            "id": "kaynti",
            "title": _text("Lääkärin määräämä hoito"),
            "body": _text("Sinut kutsutaan käynnille. Asiasi käsitellään. Päätös lähetetään kotiin."),
            "customer_action": _text("Ilmoittaudu saapuessasi"),
            "swimlanes": {
                "customer": _text("Menen terveysasmalle."),
                "tips": _text("Ota mukaan TKS-kortti."),
                "professional": professional,
            },
        },
        {"id": "vaikea", "title": _text("Jatkohoito"), "body": _text(HARD_STEP), "customer_action": _text("Luen")},
        {
            "id": "sisainen",
            "audience": ["intranet"],
            "title": _text("Sisäinen"),
            "body": professional,
            "customer_action": professional,
        },
    ]
    return {
        "$schema": "../../schemas/path.schema.json",
        "id": "istutettu",
        "level": "service",
        "status": "draft",
        "title": _text("Istutetut ongelmat"),
        "summary": _text("Tämä polku kertoo, mitä THL suosittelee."),
        "topics": ["aihe"],
        "owner": {"unit": "Testi", "review_due": "2027-06-30"},
        "phases": [
            {
                "id": "vaihe",
                "title": _text("Vaihe"),
                "promise": _text("Saan apua esim. puhelimessa."),
                "summary": _text("Hoidon aloittaminen ja lääkkeiden ottaminen on helppoa."),
                "steps": steps,
            }
        ],
    }


VOCABULARY = {
    "$schema": "../schemas/vocabulary.schema.json",
    "words": {"fi": ["Päijät-Sote"]},
    "abbreviations": {"fi": {"THL": "Terveyden ja hyvinvoinnin laitos", "esim.": "esimerkiksi"}},
}


@pytest.fixture
def planted(tmp_path: Path) -> ContentRepo:
    repo = ContentRepo(tmp_path / "repo")
    repo.write(topic("aihe"))
    repo.write(_planted())
    repo.write_raw("content/vocabulary.json", json.dumps(VOCABULARY, ensure_ascii=False, indent=2))
    repo.commit("Planted problems")
    return repo


def _advice(repo: ContentRepo) -> list[Problem]:
    files = read_directory(repo.root)
    validation = validate_files(files)
    assert validation.report.errors == ()
    return list(advise(files, validation).problems)


def _where(repo: ContentRepo, phrase: str) -> tuple[int, int]:
    lines = (repo.root / FILE).read_text(encoding="utf-8").splitlines()
    return next((n + 1, line.index(phrase) + 1) for n, line in enumerate(lines) if phrase in line)


def test_each_planted_problem_is_found_at_its_line_and_column(planted: ContentRepo) -> None:
    found = {(p.code, p.pointer, p.line, p.column) for p in _advice(planted)}
    for code, pointer, phrase in PLANTED:
        if phrase is None:
            line = _where(planted, '"id": "vaikea"')[0] - 1  # the step object opens on the line before its id
            assert any(c == code and ptr == pointer and n == line for c, ptr, n, _ in found), (code, pointer)
            continue
        assert (code, pointer, *_where(planted, phrase)) in found, (code, pointer, phrase)


def test_nothing_else_is_said(planted: ContentRepo) -> None:
    """No advice beyond the planted problems: professional notes and intranet-only steps are left alone."""
    hard = "/phases/0/steps/2/body/fi"  # the hard step also has long words
    said = {(p.code, p.pointer) for p in _advice(planted) if p.pointer != hard}
    assert said == {(code, pointer) for code, pointer, _ in PLANTED}


def test_advice_is_warnings_in_every_language(planted: ContentRepo) -> None:
    problem = next(p for p in _advice(planted) if p.code == "advice-unknown-word")
    assert not problem.is_error
    assert "terveysasemalle" in problem.text("fi") and "ei löydy sanakirjasta" in problem.text("fi")
    assert "stavfel" in problem.text("sv") and "typo" in problem.text("en")


def test_thresholds_from_the_repository_settings(planted: ContentRepo) -> None:
    settings = {
        "$schema": "../schemas/settings.schema.json",
        "advice": {"sentence_words": {"fi": 40}, "checks": {"unknown_word": False}},
    }
    planted.write_raw("content/settings.json", json.dumps(settings))
    codes = {(p.code, p.pointer) for p in _advice(planted)}
    assert ("advice-long-sentence", "/phases/0/steps/0/body/fi") not in codes
    assert ("advice-long-sentence", "/phases/0/steps/0/body/sv") in codes
    assert not any(code.startswith("advice-unknown-word") for code, _ in codes)


def test_settings_with_a_wrong_threshold_are_an_error(planted: ContentRepo) -> None:
    settings = {"$schema": "../schemas/settings.schema.json", "advice": {"sentence_words": {"fi": "long"}}}
    planted.write_raw("content/settings.json", json.dumps(settings))
    errors = validate_files(read_directory(planted.root)).report.errors
    assert [(p.file, p.pointer) for p in errors] == [("content/settings.json", "/advice/sentence_words/fi")]


def test_quiet_on_good_sentences_of_the_bundled_content() -> None:
    vocabulary = load_vocabulary((ROOT / "content" / "vocabulary.json").read_bytes())
    for language, sentence in GOOD:
        advisor = TextAdvisor(language, Thresholds(), vocabulary)
        assert list(advisor.advise(mask(sentence, markdown=True))) == [], sentence


def test_quiet_on_the_bundled_content(bundled_repo: ContentRepo) -> None:
    """The bundled content was rewritten where the advisor was right; names and terms are in its vocabulary."""
    assert [p.line_text("en") for p in _advice(bundled_repo)] == []


def test_advise_command_text_and_json(
    planted: ContentRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(planted.root)
    assert main(["advise", "content/paths", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    line, column = _where(planted, "saapuessasi")
    assert f"{FILE}:{line}:{column}: warning: The Finnish participial construction ”saapuessasi”" in out
    assert "Reading level (LIX) per path and step" in out and "  vaihe/vaikea: fi " in out
    assert main(["advise", ".", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["errors"] == 0 and payload["warnings"] >= len(PLANTED)
    assert {s["label"] for s in payload["scores"]} >= {"istutettu", "vaihe/vaikea"}


def test_validate_with_advice_adds_warnings_only(planted: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(planted.root), "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["validate", str(planted.root), "--advice", "--format", "json", "--lang", "fi"]) == 0
    after = json.loads(capsys.readouterr().out)
    advice = [p for p in after["problems"] if p["rule"] == "advice"]
    assert after["errors"] == 0 and after["warnings"] == before["warnings"] + len(advice) > len(PLANTED)
    passive = next(p for p in advice if p["code"] == "advice-passive")
    assert passive["message"] == "Tekstissä on 3 passiivia (kutsutaan, käsitellään, lähetetään): ei selviä, kuka tekee."
    assert passive["severity"] == "warning" and passive["hint"].startswith("Kerro tekijä")


def test_a_broken_vocabulary_is_an_error_at_its_line(planted: ContentRepo) -> None:
    planted.write_raw(
        "content/vocabulary.json",
        '{\n  "$schema": "../schemas/vocabulary.schema.json",\n  "words": {"fi": ["two words"]}\n}\n',
    )
    errors = validate_files(read_directory(planted.root)).report.errors
    assert [(p.file, p.line, p.pointer) for p in errors] == [("content/vocabulary.json", 3, "/words/fi/0")]


def test_advise_names_a_path_outside_a_repository(
    planted: ContentRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    assert main(["advise", str(planted.root / "content"), str(outside), "--lang", "en"]) == 1
    assert (
        capsys.readouterr().err == f"pathapi: {outside} is not inside a content repository. Give a folder that "
        "has content/, or a file below it.\n"
    )
    assert main(["advise", str(tmp_path / "missing"), "--lang", "fi"]) == 1
    assert "ei ole olemassa" in capsys.readouterr().err
