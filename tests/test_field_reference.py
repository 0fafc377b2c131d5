"""docs/fields.md: generated from the schemas' x-shown annotations; CI fails when it drifts."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

from pathapi.cli import main
from pathapi.content import field_reference
from tests.support import ROOT, SCHEMAS


def test_every_field_of_every_schema_is_annotated() -> None:
    assert field_reference.unannotated(field_reference.load(SCHEMAS)) == []


def test_docs_fields_md_is_what_the_schemas_generate() -> None:
    """Drift check: change a schema, run `pathapi docs fields`, commit docs/fields.md with it."""
    generated = field_reference.render(field_reference.load(SCHEMAS))
    assert (ROOT / "docs" / "fields.md").read_text(encoding="utf-8") == generated


def test_a_field_without_annotation_is_named() -> None:
    schemas = copy.deepcopy(field_reference.load(SCHEMAS))
    del schemas["path.schema.json"]["$defs"]["step"]["properties"]["body"]["x-shown"]
    schemas["common.schema.json"]["$defs"]["link"]["properties"]["url"]["x-shown"] = {"website": "Link"}
    assert field_reference.unannotated(schemas) == [
        "common.schema.json#/$defs/link/properties/url: 'app' must say how it is shown, or be false",
        "path.schema.json#/$defs/step/properties/body: no x-shown object",
    ]


@pytest.mark.parametrize(
    ("shown", "why"),
    [
        ({"website": "a", "app": "b", "intranet": ""}, "'intranet' must say how it is shown, or be false"),
        ({"website": "a", "app": True, "intranet": False}, "'app' must say how it is shown, or be false"),
        (
            {"website": "a", "app": "b", "intranet": "c", "shop": "d"},
            "unknown keys ['shop'] (allowed: website, app, intranet, note)",
        ),
        ({"website": False, "app": False, "intranet": False, "note": ""}, "'note' must be a non-empty text"),
        ("website", "no x-shown object"),
    ],
)
def test_malformed_annotations(shown: object, why: str) -> None:
    assert field_reference.shape_problem(shown) == why


def test_each_field_is_a_row_with_its_consumers() -> None:
    schemas = copy.deepcopy(field_reference.load(SCHEMAS))
    step = schemas["path.schema.json"]["$defs"]["step"]["properties"]
    step["reading_time"] = {
        "type": "integer",
        "x-shown": {"website": "Minutes to read", "app": False, "intranet": "Minutes | to read"},
    }
    text = field_reference.render(schemas)
    assert (
        "| `phases[].steps[].reading_time` | integer | Minutes to read | — | Minutes \\| to read |  |"
        in text.splitlines()
    )
    assert "| `phases[].steps[].professional_notes` | Markdown | — | — | Box 'Instructions for professionals'" in text
    assert "| `phases[].steps[].links` | list of [link](#link) |" in text
    assert "### link" in text and "| `url` (required) | https URL |" in text


def _repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(SCHEMAS, root / "schemas", ignore=shutil.ignore_patterns("v*"))
    return root


def test_command_writes_then_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repository(tmp_path)
    assert main(["docs", "fields", "--repo", str(root), "--check", "--lang", "en"]) == 1
    assert "docs/fields.md does not match the schemas. Run `pathapi docs fields`" in capsys.readouterr().err
    assert main(["docs", "fields", "--repo", str(root), "--lang", "fi"]) == 0
    assert "kenttää" in capsys.readouterr().out
    assert main(["docs", "fields", "--repo", str(root), "--check"]) == 0
    schema = json.loads((root / "schemas" / "topic.schema.json").read_text())
    schema["properties"]["icon"] = {"type": "string"}
    (root / "schemas" / "topic.schema.json").write_text(json.dumps(schema))
    assert main(["docs", "fields", "--repo", str(root), "--check", "--lang", "sv"]) == 1
    err = capsys.readouterr().err
    assert "topic.schema.json#/properties/icon" in err and "saknar x-shown" in err
    assert "motsvarar inte schemana" in err
