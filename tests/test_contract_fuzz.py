"""Contract, fuzzed: every response the API gives to schemathesis' generated requests matches its OpenAPI
document.

Marked slow as a whole: a run that leaves slow tests out does not even collect this module
(tests/conftest.py), since schemathesis generates its cases while collecting, in every test process.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from pathapi.api.app import create_app
from tests.support import standard_repo

pytestmark = pytest.mark.slow


def _app():  # type: ignore[no-untyped-def]
    root = Path(tempfile.mkdtemp(prefix="pathapi-contract-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)  # built at import, in every worker
    repo = standard_repo(root / "repo")
    return create_app(
        {
            "REPO": str(repo.root),
            "TESTING": True,
            "WEBHOOK_SECRET": "contract-secret",
            "PREVIEW_TOKEN": "contract-token",
        }
    )


schema = schemathesis.openapi.from_wsgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_openapi(case: schemathesis.Case) -> None:
    # Filter values (topic and segment ids) depend on the content, so a well-formed but
    # unknown id is a documented 400 naming the allowed ids; every other check runs.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
