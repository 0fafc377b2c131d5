"""Contract: every response the API gives matches its OpenAPI document (schemathesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from pathapi.api.app import create_app
from tests.support import ContentRepo, standard_content


def _app():  # type: ignore[no-untyped-def]
    root = Path(__import__("tempfile").mkdtemp(prefix="pathapi-contract-"))
    repo = ContentRepo(root / "repo")
    standard_content(repo)
    repo.commit("Contract corpus")
    return create_app({"REPO": str(repo.root), "TESTING": True, "WEBHOOK_SECRET": "contract-secret",
                       "PREVIEW_TOKEN": "contract-token"})


schema = schemathesis.openapi.from_wsgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_openapi(case: schemathesis.Case) -> None:
    # Filter values (topic and segment ids) depend on the content, so a well-formed but
    # unknown id is a documented 400 naming the allowed ids; every other check runs.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


@pytest.mark.parametrize(
    "url",
    ["/v1/paths/ehkaisy?expand=channels,topics,segments,related_paths", "/v1/paths?expand=topics,segments",
     "/v1/topics?expand=parent", "/v1/channels", "/v1/segments"],
)
def test_expanded_responses_conform(url: str) -> None:
    app = schema.app
    response = app.test_client().get(url)
    assert response.status_code == 200
    operation = schema.find_operation_by_path("GET", url.split("?")[0].replace("ehkaisy", "{doc_id}"))
    operation.validate_response(response)
