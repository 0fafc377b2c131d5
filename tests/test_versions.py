"""Schema versions side by side: the previous one validates and is served in the current shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from pathapi.cli import main
from pathapi.content.kinds import Kind
from pathapi.content.versions import CURRENT, PREVIOUS, declared_version, pointer, upgrade
from tests.support import SCHEMAS, ContentRepo, channel, path

V1 = 1

CRITICAL = {"kind": "access_to_care", "description": {"fi": "Ajan saaminen.", "sv": "Att få tid."}}


def v1_path(doc_id: str) -> dict[str, Any]:
    """A path following schema version 1, with one critical point in its first step."""
    doc = path(doc_id, topics=["raskaus"])
    doc["$schema"] = pointer(Kind.PATH, V1)
    doc["phases"][0]["steps"][0]["critical_point"] = CRITICAL
    return doc


def test_upgrade_turns_a_critical_point_into_a_list() -> None:
    old = v1_path("vanha")
    new = upgrade(Kind.PATH, old, V1)
    step = new["phases"][0]["steps"][0]
    assert step["critical_points"] == [CRITICAL] and "critical_point" not in step
    assert new["$schema"] == "../../schemas/path.schema.json"
    assert list(step)[:4] == list(old["phases"][0]["steps"][0])[:4]  # key order kept
    assert "critical_point" in old["phases"][0]["steps"][0]  # input untouched
    assert declared_version(Kind.PATH, new) == CURRENT


def test_both_versions_validate_and_are_served_in_the_current_shape(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    repo.write(v1_path("vanha-muoto"))
    current = path("uusi-muoto", topics=["raskaus"])
    current["phases"][0]["steps"][0]["critical_points"] = [CRITICAL]
    repo.write(current)
    repo.commit("One document of each schema version")
    client = make_app().test_client()
    for doc_id in ("vanha-muoto", "uusi-muoto"):
        step = client.get(f"/v1/paths/{doc_id}?lang=sv").get_json()["phases"][0]["steps"][0]
        assert step["critical_points"] == [{"kind": "access_to_care", "description": "Att få tid."}]


def test_a_v1_field_under_the_current_schema_is_an_error(repo: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    doc = v1_path("sekaisin")
    doc["$schema"] = pointer(Kind.PATH, CURRENT)
    repo.write(doc)
    assert main(["validate", str(repo.root), "--lang", "en"]) == 1
    assert 'Unknown property "critical_point". Did you mean "critical_points"?' in capsys.readouterr().out


def test_unknown_schema_pointer_names_the_accepted_ones(repo: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    doc = path("outo", topics=["raskaus"])
    doc["$schema"] = "../../schemas/v9/path.schema.json"
    repo.write(doc, kind="path")
    assert main(["validate", str(repo.root), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert '"$schema" does not fit this path document. Write "$schema": "../../schemas/path.schema.json".' in out


def test_migrate_rewrites_previous_version_documents(repo: ContentRepo, capsys: pytest.CaptureFixture[str]) -> None:
    target: Path = repo.write(v1_path("vanha-muoto"))
    untouched = (repo.root / "content/paths/ehkaisy.json").read_text()
    assert main(["migrate", "--check", str(repo.root)]) == 1
    assert "1 document need migrating" in capsys.readouterr().out.replace("documents", "document")
    assert main(["migrate", str(repo.root)]) == 0
    assert f"schema 1 -> {CURRENT}" in capsys.readouterr().out
    migrated = json.loads(target.read_text())
    assert migrated["$schema"] == "../../schemas/path.schema.json"
    assert migrated["phases"][0]["steps"][0]["critical_points"] == [CRITICAL]
    assert (repo.root / "content/paths/ehkaisy.json").read_text() == untouched
    assert main(["validate", str(repo.root)]) == 0
    assert main(["migrate", "--check", str(repo.root)]) == 0


HOURS = [{"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "08:00", "closes": "16:00"}]
ANSWER = {"fi": "Saman päivän aikana."}


def v2_channel(doc_id: str) -> dict[str, Any]:
    """A channel following schema version 2: weekly ``hours`` and a response time as plain text."""
    return channel(doc_id, **{"$schema": pointer(Kind.CHANNEL, PREVIOUS)}, hours=HOURS, response_time=ANSWER)


def test_upgrade_2_to_3_moves_hours_and_response_time_keeping_key_order() -> None:
    old = v2_channel("puhelin")
    new = upgrade(Kind.CHANNEL, old, PREVIOUS)
    assert new["opening_hours"] == {"weekly": HOURS} and "hours" not in new
    assert new["response_time"] == {"text": ANSWER}
    assert [k for k in new if k != "opening_hours"] == [k for k in old if k != "hours"]
    assert list(new).index("opening_hours") == list(old).index("hours")
    assert upgrade(Kind.CHANNEL, new, CURRENT) == new  # nothing more to do


def test_v2_documents_keep_validating_with_a_warning_and_are_served_as_v3(
    repo: ContentRepo, make_app: Callable[..., Flask], capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(v2_channel("vanha-puhelin"))
    repo.commit("A channel of schema version 2")
    assert main(["validate", str(repo.root), "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    assert "content/channels/vanha-puhelin.json:2:" in out and "Kör `pathapi migrate`" not in out
    assert "Uppdatera dokumenten med `pathapi migrate`" in out
    assert main(["validate", str(repo.root), "--strict"]) == 1
    served = make_app().test_client().get("/v1/channels/vanha-puhelin?lang=en").get_json()
    assert served["opening_hours"] == {"weekly": HOURS}
    assert served["response_time"] == {"text": "Saman päivän aikana."}


def test_migrate_keeps_each_files_style_and_is_idempotent(repo: ContentRepo) -> None:
    compact = repo.write_raw("content/channels/tiivis.json", json.dumps(v2_channel("tiivis"), indent="\t"))
    ascii_file = repo.write_raw(
        "content/channels/ascii.json", json.dumps(v2_channel("ascii"), indent=4, ensure_ascii=True) + "\n"
    )
    inline = v2_channel("rivilla")
    inline_text = (
        "{\n"
        + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in inline.items())
        + "\n}\n"
    )
    inline_file = repo.write_raw("content/channels/rivilla.json", inline_text)
    repo.commit("Three styles")
    assert main(["migrate", str(repo.root)]) == 0
    text = compact.read_text()
    assert '\n\t"opening_hours": {\n\t\t"weekly": [' in text and not text.endswith("\n")
    assert "\\u00e4" in ascii_file.read_text() and '\n    "opening_hours"' in ascii_file.read_text()
    assert '"days": ["mon", "tue", "wed", "thu", "fri"]' in inline_file.read_text()
    assert '"name": {"fi": "Puhelin rivilla"}' in inline_file.read_text()
    before = {p: p.read_bytes() for p in (repo.root / "content").rglob("*.json")}
    assert main(["migrate", "--check", str(repo.root)]) == 0
    assert main(["migrate", str(repo.root)]) == 0
    assert before == {p: p.read_bytes() for p in (repo.root / "content").rglob("*.json")}
    assert main(["validate", "--strict", str(repo.root)]) == 0


def test_migrate_upgrades_a_repository_whose_schemas_are_older(
    repo: ContentRepo, make_app: Callable[..., Flask], capsys: pytest.CaptureFixture[str]
) -> None:
    for file in (repo.root / "schemas").glob("*.schema.json"):  # a county repository made with schema 2
        if (SCHEMAS / "v2" / file.name).exists():
            file.write_bytes((SCHEMAS / "v2" / file.name).read_bytes())
    doc = channel("puhelin", hours=HOURS, response_time=ANSWER)  # points at schemas/channel.schema.json
    repo.write(doc)
    repo.commit("Schema 2 everywhere")
    assert main(["validate", str(repo.root), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "schemas/path.schema.json:3:" in out and "The schemas in schemas/ are version 2" in out
    served = make_app().test_client().get("/v1/channels/puhelin").get_json()
    assert served["opening_hours"] == {"weekly": HOURS}  # served in the current shape already
    assert main(["migrate", "--check", str(repo.root)]) == 1
    assert main(["migrate", str(repo.root)]) == 0  # the schemas of this pathapi by default
    out = capsys.readouterr().out
    assert "content/channels/puhelin.json: schema 2 -> 3" in out
    assert json.loads((repo.root / "schemas/v2/channel.schema.json").read_text())["$id"].endswith(
        "/2/channel.schema.json"
    )
    assert (repo.root / "schemas/channel.schema.json").read_bytes() == (SCHEMAS / "channel.schema.json").read_bytes()
    assert json.loads((repo.root / "content/channels/puhelin.json").read_text())["opening_hours"] == {"weekly": HOURS}
    assert main(["validate", "--strict", str(repo.root)]) == 0
    assert main(["migrate", "--check", str(repo.root)]) == 0
    repo.commit("Migrated to schema 3")
    assert make_app().test_client().get("/v1/channels/puhelin").get_json()["response_time"]["text"] == ANSWER["fi"]
