"""Contract: responses match the OpenAPI document and the delivered schemas (the fuzzed contract test is
tests/test_contract_fuzz.py)."""

from __future__ import annotations

import pytest
import schemathesis

from pathapi.api.app import create_app
from tests.support import ContentRepo, standard_repo


@pytest.fixture(scope="module")
def contract_schema(tmp_path_factory: pytest.TempPathFactory) -> schemathesis.BaseSchema:
    """The OpenAPI document of an app over the standard repository, loaded by schemathesis."""
    repo = standard_repo(tmp_path_factory.mktemp("contract") / "repo")
    app = create_app({"REPO": str(repo.root), "TESTING": True, "WEBHOOK_SECRET": "contract-secret"})
    return schemathesis.openapi.from_wsgi("/openapi.json", app)


@pytest.mark.parametrize(
    "url",
    [
        "/v1/paths/ehkaisy?expand=channels,topics,segments,related_paths",
        "/v1/paths?expand=topics,segments",
        "/v1/topics?expand=parent",
        "/v1/channels",
        "/v1/segments",
    ],
)
def test_expanded_responses_conform(url: str, contract_schema: schemathesis.BaseSchema) -> None:
    response = contract_schema.app.test_client().get(url)
    assert response.status_code == 200
    operation = contract_schema.find_operation_by_path("GET", url.split("?")[0].replace("ehkaisy", "{doc_id}"))
    operation.validate_response(response)


INTRANET_TOKEN = "contract-intranet-token"


def test_intranet_responses_validate_against_form_intranet(bundled_repo: ContentRepo) -> None:
    from jsonschema import Draft202012Validator

    app = create_app({"REPO": str(bundled_repo.root), "TESTING": True, "INTRANET_TOKEN": INTRANET_TOKEN})
    client = app.test_client()
    auth = {"Authorization": f"Bearer {INTRANET_TOKEN}"}
    checked = 0
    for kind in ("path", "channel", "segment", "topic"):
        schema = client.get(f"/v1/schemas/{kind}?form=intranet").get_json()
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        public = Draft202012Validator(client.get(f"/v1/schemas/{kind}?form=delivered").get_json())
        expand = {"path": "channels,topics,segments,related_paths", "topic": "parent", "channel": "segments"}
        listing = client.get(f"/v1/{kind}s?per_page=100", headers=auth).get_json()
        for item in listing["items"]:
            for query in ("", f"?expand={expand[kind]}" if kind in expand else "?lang=sv"):
                document = client.get(f"/v1/{kind}s/{item['id']}{query}", headers=auth).get_json()
                errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]
                assert not errors, (kind, item["id"], query, errors[:3])
                checked += 1
            if kind == "path":  # the website's schema does not describe what intranets get
                assert not public.is_valid(document)
    step_schema = Draft202012Validator(
        client.get("/v1/schemas/step?form=intranet").get_json(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    path = client.get("/v1/paths/raskaudenkeskeytys", headers=auth).get_json()
    for step in (s for phase in path["phases"] for s in phase["steps"]):
        answer = client.get(f"/v1/paths/raskaudenkeskeytys/steps/{step['id']}", headers=auth).get_json()
        assert not [e.message for e in step_schema.iter_errors(answer)], step["id"]
        checked += 1
    assert checked > 60
    assert client.get("/v1/schemas").get_json()["items"][0]["intranet"] == "/v1/schemas/path?form=intranet"
