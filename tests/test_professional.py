"""The professional content model (schema 3) and the intranet view as a superset of the others."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from pathapi.cli import main
from tests.support import ContentRepo, channel, path

INTRANET = "intranet-token-for-tests"
AUTH = {"Authorization": f"Bearer {INTRANET}"}
PROCESS = {
    "kind": "process",
    "title": {"fi": "Prosessikuvaus SALAINEN"},
    "url": "https://ims.example.fi/p/1",
    "ims_id": "PROS-0042",
}
PUBLIC_ONLY = {
    "kind": "information",
    "title": {"fi": "Vain verkkosivulle"},
    "url": "https://www.example.fi/a",
    "audience": ["public"],
}
FORM = {
    "kind": "form",
    "title": {"fi": "Yhteydenottolomake"},
    "url": "https://www.example.fi/lomake",
    "internal_name": "SISÄINEN-LOMAKE-7",
}
ACTION = {"fi": "SISÄINEN toimenpide: kirjaa Lifecareen."}


def professional_path(doc_id: str) -> dict[str, Any]:
    """A path with a public-only link, an app-only step, an IMS link, a form and a professional action."""
    doc = path(doc_id, topics=["raskaus"], languages=("fi",))
    first, second = doc["phases"][0]["steps"]
    first["links"] = [PUBLIC_ONLY, PROCESS, FORM]
    first["segments"] = ["s1-asiantuntijuus"]
    first["critical_points"] = [
        {"kind": "access_to_care", "description": {"fi": "Ajan saaminen."}, "professional_action": ACTION}
    ]
    first["response_time"] = {"text": {"fi": "Viikon sisällä"}, "at_most": {"value": 7, "unit": "days"}}
    second["audience"] = ["app"]
    return doc


@pytest.fixture
def app(repo: ContentRepo, make_app: Callable[..., Flask]) -> Flask:
    """An app over the standard corpus plus one professional path, with an intranet token."""
    repo.write(professional_path("ammattilainen"))
    repo.write(
        channel(
            "tekstiviesti",
            segments=["s1-asiantuntijuus"],
            response_time={"text": {"fi": "Heti"}, "at_most": {"value": 0, "unit": "minutes"}},
        )
    )
    repo.commit("Professional content")
    return make_app(INTRANET_TOKEN=INTRANET)


def blocks(value: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """(place, block) for every object with an id or a url, and every object in a list."""
    if isinstance(value, dict):
        key = value.get("id") or value.get("url")
        if key:
            yield f"{where}/{key}", {k: v for k, v in value.items() if not isinstance(v, (dict, list))}
        for name, child in value.items():
            yield from blocks(child, f"{where}/{key or ''}{name}")
    elif isinstance(value, list):
        for child in value:
            yield from blocks(child, where)


def test_intranet_view_contains_every_public_and_app_block_marked(app: Flask) -> None:
    client = app.test_client()
    public = client.get("/v1/paths/ammattilainen").get_json()
    app_view = client.get("/v1/paths/ammattilainen?audience=app").get_json()
    intranet = client.get("/v1/paths/ammattilainen", headers=AUTH).get_json()
    found = dict(blocks(intranet))
    for view in (public, app_view):
        for place, block in blocks(view):
            assert place in found, place
            assert {k: v for k, v in found[place].items() if k in block} == block
    steps = intranet["phases"][0]["steps"]
    assert [link["audience"] for link in steps[0]["links"]] == [["public"], ["intranet"], ["public", "app", "intranet"]]
    assert steps[1]["audience"] == ["app"] and steps[0]["audience"] == ["public", "app", "intranet"]
    assert intranet["audience"] == ["public", "app", "intranet"]
    assert steps[0]["links"][1]["ims_id"] == "PROS-0042" and steps[0]["links"][2]["internal_name"]
    assert steps[0]["critical_points"][0]["professional_action"] == ACTION["fi"]


def test_professional_parts_never_public(app: Flask) -> None:
    client = app.test_client()
    for url in (
        "/v1/paths/ammattilainen",
        "/v1/paths/ammattilainen?audience=app",
        "/v1/sync",
        "/v1/paths/ammattilainen?expand=channels,segments",
    ):
        text = client.get(url).get_data(as_text=True)
        for secret in ("SALAINEN", "PROS-0042", "SISÄINEN", "ims.example.fi", '"audience"'):
            assert secret not in text, (url, secret)
    public = client.get("/v1/paths/ammattilainen").get_json()
    assert [link["url"] for link in public["phases"][0]["steps"][0]["links"]] == [PUBLIC_ONLY["url"], FORM["url"]]


def test_segment_filters_on_channels_and_path_steps(app: Flask) -> None:
    client = app.test_client()
    channels = client.get("/v1/channels?segment=s1-asiantuntijuus").get_json()
    assert [c["id"] for c in channels["items"]] == ["tekstiviesti"]
    assert channels["items"][0]["response_time"] == {"text": "Heti", "at_most": {"value": 0, "unit": "minutes"}}
    paths = client.get("/v1/paths?segment=s1-asiantuntijuus").get_json()
    assert {p["id"] for p in paths["items"]} == {"ehkaisy", "ammattilainen"}  # the path itself, one step
    bad = client.get("/v1/channels?segment=s9")
    assert bad.status_code == 400 and "segment" in bad.get_json()["detail"]
    assert "s1-asiantuntijuus" in bad.get_json()["detail"]
    expanded = client.get("/v1/paths/ammattilainen?expand=segments").get_json()
    assert expanded["phases"][0]["steps"][0]["segments"][0]["code"] == "S1"


def test_professional_fields_are_checked(repo: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    doc = professional_path("rikki")
    step = doc["phases"][0]["steps"][0]
    step["links"][1] = {k: v for k, v in PROCESS.items() if k != "ims_id"}
    repo.write(doc)
    other = professional_path("tuntematon-segmentti")  # schema-valid: its references are checked
    other["phases"][0]["steps"][0]["segments"] = ["s7-tuntematon"]
    repo.write(other)
    repo.write(channel("huono", opening_hours={"weekly": [], "exceptions": [{"date": "2026-12-24"}]}))
    assert main(["validate", str(repo.root), "--lang", "en", "--format", "json"]) == 1
    found = {(p["code"], p["pointer"]) for p in json.loads(capsys.readouterr().out)["problems"]}
    assert ("required", "/phases/0/steps/0/links/1") in found
    assert ("unknown-reference", "/phases/0/steps/0/segments/0") in found, found
    assert ("required", "/opening_hours/exceptions/0") in found
