"""Audiences: the public website, the mobile app, intranets; what each of them may see."""

from __future__ import annotations

from typing import Any

from pathapi.content.document import Document

PUBLIC = "public"
APP = "app"
INTRANET = "intranet"
AUDIENCES = (PUBLIC, APP, INTRANET)
# Fields for professionals only, whatever a block's audience says.
INTRANET_FIELDS = frozenset({"professional_notes"})
INTRANET_LANES = frozenset({"professional"})


def allows(node: Any, audience: str) -> bool:
    """Whether a document or block (a dict with an optional ``audience`` list) is for AUDIENCE."""
    marked = node.get("audience") if isinstance(node, dict) else None
    return marked is None or audience in marked


def visible_to(document: Document, audience: str) -> bool:
    """Whether the whole document is for AUDIENCE."""
    return allows(document.data, audience)


def _project(value: Any, audience: str, keep_marks: bool) -> Any:
    if isinstance(value, list):
        return [_project(item, audience, keep_marks) for item in value if allows(item, audience)]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, child in value.items():
        if audience != INTRANET and key in INTRANET_FIELDS:
            continue
        if key == "audience" and not keep_marks:
            continue
        if key == "swimlanes" and audience != INTRANET and isinstance(child, dict):
            child = {lane: text for lane, text in child.items() if lane not in INTRANET_LANES}
            if not child:
                continue
        result[key] = _project(child, audience, keep_marks)
    return result


def project(data: Any, audience: str) -> dict[str, Any]:
    """DATA as AUDIENCE may see it: blocks for others and intranet-only fields removed.

    Intranet views keep the ``audience`` marks, so professionals see what is internal.
    """
    projected: dict[str, Any] = _project(data, audience, keep_marks=audience == INTRANET)
    return projected
