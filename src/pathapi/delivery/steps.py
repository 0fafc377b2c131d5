"""Deep links to one step of a path: the step, its phase, the path and the steps before and after it.

A path is a linear journey, so the neighbours run across phases: the last step of one phase is
followed by the first step of the next. The answer is cut from the delivered path (same view,
language, expansion and format), so it never shows more than the path itself would.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from pathapi.content.kinds import Kind
from pathapi.delivery.present import href
from pathapi.delivery.problems import ProblemError

EXPANDABLE = frozenset({"channels"})  # what a step refers to: its channels


def step_href(path_id: str, step_id: str, language: str | None = None, pinned: tuple[tuple[str, str], ...] = ()) -> str:
    """The API URL of one step, keeping the reader's language and version, ref, audience or format."""
    query = urlencode([*([("lang", language)] if language else []), *pinned])
    return f"{href(Kind.PATH, path_id)}/steps/{step_id}" + (f"?{query}" if query else "")


def _sequence(path: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (phase, step) of a delivered path, in the order a customer goes through them."""
    return [(phase, step) for phase in path.get("phases", []) for step in phase.get("steps", [])]


def step_answer(path: dict[str, Any], step_id: str, pinned: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    """The answer of ``GET /v1/paths/{id}/steps/{step_id}`` from the delivered PATH; 404 for an unknown step."""
    sequence = _sequence(path)
    index = next((i for i, (_, step) in enumerate(sequence) if step.get("id") == step_id), None)
    language = path.get("language")
    if index is None:
        known = ", ".join(str(step.get("id")) for _, step in sequence) or "(none)"
        raise ProblemError(
            404, "Not Found", f'step "{step_id}" does not exist in path "{path["id"]}"; its steps: {known}'
        )
    phase, step = sequence[index]

    def neighbour(at: int) -> dict[str, Any] | None:
        if not 0 <= at < len(sequence):
            return None
        near_phase, near = sequence[at]
        return {
            "id": near["id"],
            "title": near.get("title"),
            "phase": near_phase.get("id"),
            "href": step_href(path["id"], near["id"], language, pinned),
        }

    return {
        "id": step_id,
        "type": "step",
        "language": language,
        **({"updated_at": path["updated_at"]} if "updated_at" in path else {}),
        "href": step_href(path["id"], step_id, language, pinned),
        "path": {"id": path["id"], "title": path.get("title"), "href": href(Kind.PATH, path["id"], language, pinned)},
        "phase": {key: value for key, value in phase.items() if key != "steps"},
        "step": step,
        "position": index + 1,
        "steps_total": len(sequence),
        "previous_step": neighbour(index - 1),
        "next_step": neighbour(index + 1),
    }
