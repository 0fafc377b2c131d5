"""Schema versions: documents declare theirs in ``$schema``; the previous one is upgraded in memory."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from pathapi.content.kinds import SCHEMA_DIR, Kind

CURRENT = 3
PREVIOUS = 2
VERSIONS = (CURRENT, PREVIOUS, 1)


def schema_path(kind: Kind, version: int) -> str:
    """Path of KIND's schema for VERSION, relative to ``schemas/``."""
    return kind.schema_file if version == CURRENT else f"v{version}/{kind.schema_file}"


def pointer(kind: Kind, version: int = CURRENT) -> str:
    """The ``$schema`` value of a KIND document following VERSION."""
    return f"../../{SCHEMA_DIR}/{schema_path(kind, version)}"


_DECLARED = {(kind, pointer(kind, version)): version for kind in Kind for version in VERSIONS}


def declared_version(kind: Kind, data: Any) -> int | None:
    """The schema version a document declares through ``$schema``, or None if it names none we know."""
    value = data.get("$schema") if isinstance(data, dict) else None
    return _DECLARED.get((kind, value)) if isinstance(value, str) else None


def _replace(node: dict[str, Any], key: str, new_key: str, value: Any) -> None:
    """Put VALUE under NEW_KEY where KEY was in NODE, keeping the order of the other keys."""
    items = [(new_key, value) if k == key else (k, v) for k, v in node.items()]
    node.clear()
    node.update(items)


def _path_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 lets a step hold several critical points: ``critical_point`` becomes a list."""
    for phase in data.get("phases", []):
        for step in phase.get("steps", []):
            if "critical_point" in step:
                _replace(step, "critical_point", "critical_points", [step["critical_point"]])
    return data


def _response_time(value: Any) -> Any:
    """A schema 2 response time (a localized text) as schema 3's object; anything else unchanged."""
    return {"text": value} if isinstance(value, dict) and "text" not in value else value


def _channel_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 3: weekly ``hours`` become ``opening_hours.weekly`` (room for holidays); response time an object."""
    if isinstance(data.get("hours"), list):
        _replace(data, "hours", "opening_hours", {"weekly": data["hours"]})
    if "response_time" in data:
        data["response_time"] = _response_time(data["response_time"])
    return data


UPGRADES: dict[tuple[Kind, int], Callable[[dict[str, Any]], dict[str, Any]]] = {
    (Kind.PATH, 1): _path_1_to_2,
    (Kind.CHANNEL, 2): _channel_2_to_3,
}


def upgrade(kind: Kind, data: dict[str, Any], version: int) -> dict[str, Any]:
    """DATA (following VERSION) rewritten to the current schema version; the input is not changed."""
    result = copy.deepcopy(data)
    for step in range(version, CURRENT):
        change = UPGRADES.get((kind, step))
        if change is not None:
            result = change(result)
    result["$schema"] = pointer(kind, CURRENT)
    return result
