"""The README documents every setting, every route and every CLI command."""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient

from pathapi.api.config import DEFAULTS, ENV_PREFIX
from pathapi.cli.commands import parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
INTERNAL = {"REPO", "API_TITLE", "API_VERSION", "API_SPEC_OPTIONS", "MAX_CONTENT_LENGTH"}


def test_every_setting_is_documented() -> None:
    for name in DEFAULTS:
        if name.startswith("OPENAPI_") or name in INTERNAL:
            continue
        assert f"`{ENV_PREFIX}{name}`" in README, name
    assert f"`{ENV_PREFIX}REPO`" in README


def test_every_route_is_documented(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    for route in spec["paths"]:
        documented = re.sub(r"\{[^}]+\}", "{id}", route).replace("{id}", "{")
        assert documented.split("{")[0] in README, route


def test_every_command_is_documented() -> None:
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"pathapi {name}" in README, name
