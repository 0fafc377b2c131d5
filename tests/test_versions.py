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
from tests.support import ContentRepo, path

CRITICAL = {"kind": "access_to_care", "description": {"fi": "Ajan saaminen.", "sv": "Att få tid."}}


def v1_path(doc_id: str) -> dict[str, Any]:
    """A path following schema version 1, with one critical point in its first step."""
    doc = path(doc_id, topics=["raskaus"])
    doc["$schema"] = pointer(Kind.PATH, PREVIOUS)
    doc["phases"][0]["steps"][0]["critical_point"] = CRITICAL
    return doc


def test_upgrade_turns_a_critical_point_into_a_list() -> None:
    old = v1_path("vanha")
    new = upgrade(Kind.PATH, old, PREVIOUS)
    step = new["phases"][0]["steps"][0]
    assert step["critical_points"] == [CRITICAL] and "critical_point" not in step
    assert new["$schema"] == "../../schemas/path.schema.json"
    assert list(step)[:4] == list(old["phases"][0]["steps"][0])[:4]  # key order kept
    assert "critical_point" in old["phases"][0]["steps"][0]  # input untouched
    assert declared_version(Kind.PATH, new) == CURRENT


def test_both_versions_validate_and_are_served_in_the_current_shape(
        repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
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
    assert "schema 1 -> 2" in capsys.readouterr().out
    migrated = json.loads(target.read_text())
    assert migrated["$schema"] == "../../schemas/path.schema.json"
    assert migrated["phases"][0]["steps"][0]["critical_points"] == [CRITICAL]
    assert (repo.root / "content/paths/ehkaisy.json").read_text() == untouched
    assert main(["validate", str(repo.root)]) == 0
    assert main(["migrate", "--check", str(repo.root)]) == 0
