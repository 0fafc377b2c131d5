"""Health, the OpenAPI document and the offline docs UI."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.support import ContentRepo


@pytest.fixture
def client(shared_client: FlaskClient) -> FlaskClient:
    """Tests here only read: the module's shared app."""
    return shared_client


def test_health_reports_version_and_counts(client: FlaskClient, shared_repo: ContentRepo) -> None:
    response = client.get("/health")
    body = response.get_json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["version"] == shared_repo.git("rev-parse", "HEAD")
    assert body["documents"] == {"paths": 3, "channels": 2, "segments": 1, "topics": 2}
    assert body["public_documents"]["paths"] == 2
    assert response.headers["Cache-Control"] == "no-store"


def test_openapi_document_is_valid_openapi_31(client: FlaskClient) -> None:
    from openapi_spec_validator import validate  # half a second to import: not in every collecting process

    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    validate(spec)
    for collection in ("paths", "channels", "segments", "topics"):
        assert f"/v1/{collection}" in spec["paths"]
        assert f"/v1/{collection}/{{doc_id}}" in spec["paths"]


def test_openapi_documents_every_parameter_and_problem(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    get = spec["paths"]["/v1/paths"]["get"]
    names = {p["name"] for p in get["parameters"]}
    assert {
        "lang",
        "expand",
        "page",
        "per_page",
        "topic",
        "segment",
        "target_group",
        "level",
        "Accept-Language",
        "If-None-Match",
    } <= names
    assert {"200", "304", "400"} <= set(get["responses"])
    item = spec["paths"]["/v1/paths/{doc_id}"]["get"]
    assert "404" in item["responses"]
    problem = spec["components"]["responses"]["NOT_FOUND"]["content"]
    assert list(problem) == ["application/problem+json"]


def test_docs_ui_loads_only_local_assets(client: FlaskClient) -> None:
    page = client.get("/docs").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets, "the docs page should reference its scripts and styles"
    for asset in assets:
        assert asset.startswith("/docs/assets/"), asset
        with client.get(asset) as response:
            assert response.status_code == 200 and len(response.data) > 1000
    assert "https://" not in page and "http://" not in page


def test_the_openapi_document_is_written_once_when_first_asked_for(
    shared_repo: ContentRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making an app writes no OpenAPI document (most apps never serve one); the first reader writes it,
    once, and it is the document ``pathapi serve`` writes ahead in its parent (``write_document``)."""
    from pathapi.api.app import create_app
    from pathapi.api.openapi import PathApi, write_document

    written = []
    write = PathApi._write_spec
    monkeypatch.setattr(PathApi, "_write_spec", lambda api: (written.append(api), write(api))[1])
    config = {"REPO": str(shared_repo.root), "TESTING": True, "WEBHOOK_SECRET": "s"}
    lazy, ahead = create_app(config), create_app(config)
    assert written == []
    assert lazy.test_client().get("/v1/paths").status_code == 200 and written == []
    first = lazy.test_client().get("/openapi.json")
    assert len(written) == 1 and lazy.test_client().get("/openapi.json").data == first.data
    write_document(ahead)
    assert len(written) == 2
    assert ahead.test_client().get("/openapi.json").data == first.data
    assert len(written) == 2
    assert "/hooks/git" in first.get_json()["paths"]  # a blueprint registered after the Api was made
