"""Client schemas: self-contained, valid, and true to what git stores and the API delivers."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from pathapi.content.kinds import Kind
from tests.support import ROOT


def validator(client: FlaskClient, kind: Kind, form: str) -> Draft202012Validator:
    """A validator for the schema the API serves; it must not need any other file."""
    response = client.get(f"/v1/schemas/{kind.value}?form={form}")
    assert response.status_code == 200 and response.mimetype == "application/schema+json"
    schema = response.get_json()
    Draft202012Validator.check_schema(schema)
    assert "common.schema.json" not in json.dumps(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_content_form_validates_every_stored_document(bundled_client: FlaskClient, kind: Kind) -> None:
    check = validator(bundled_client, kind, "content")
    files = sorted((ROOT / "content" / kind.folder).glob("*.json"))
    assert files
    for file in files:
        assert not list(check.iter_errors(json.loads(file.read_text()))), file.name


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_delivered_form_validates_every_response(bundled_client: FlaskClient, kind: Kind) -> None:
    check = validator(bundled_client, kind, "delivered")
    items = bundled_client.get(f"/v1/{kind.folder}?per_page=100").get_json()["items"]
    for item in items:
        for lang in ("fi", "sv", "en"):
            body = bundled_client.get(f"/v1/{kind.folder}/{item['id']}?lang={lang}").get_json()
            errors = [e.message for e in check.iter_errors(body)]
            assert not errors, (item["id"], lang, errors[:3])


def test_delivered_form_rejects_intranet_fields(bundled_client: FlaskClient) -> None:
    check = validator(bundled_client, Kind.PATH, "delivered")
    body = bundled_client.get("/v1/paths/monipalvelupolku").get_json()
    body["phases"][0]["steps"][0]["professional_notes"] = "sisäinen"
    assert list(check.iter_errors(body))


def test_schema_list_and_unknown_names(bundled_client: FlaskClient) -> None:
    listing = bundled_client.get("/v1/schemas").get_json()
    assert [item["name"] for item in listing["items"]] == ["path", "channel", "segment", "topic", "step"]
    assert listing["schema_version"] == 3
    missing = bundled_client.get("/v1/schemas/common")
    assert missing.status_code == 404 and "path, channel, segment, topic, step" in missing.get_json()["detail"]
    assert bundled_client.get("/v1/schemas/path?form=xml").status_code == 400
