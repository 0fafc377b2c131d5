"""Audiences: the public website, the mobile app, intranets; what each of them may see.

The intranet view is a superset: professionals see every block the public and the app see, each
marked with the audiences it is for, plus the parts for professionals only.
"""

from __future__ import annotations

from typing import Any

from pathapi.content.document import Document

PUBLIC = "public"
APP = "app"
INTRANET = "intranet"
AUDIENCES = (PUBLIC, APP, INTRANET)
# Fields for professionals only, whatever a block's audience says.
INTRANET_FIELDS = frozenset({"professional_notes", "professional_action", "ims_id", "internal_name"})
INTRANET_LANES = frozenset({"professional"})
# Link kinds for professionals only (IMS process descriptions, work instructions).
INTRANET_LINK_KINDS = frozenset({"process", "instruction"})
# Lists whose items are blocks that may carry an ``audience`` of their own.
BLOCK_LISTS = frozenset({"phases", "steps", "links", "digital_care_paths"})


def marked(node: Any) -> tuple[str, ...]:
    """The audiences a document or block is for: its ``audience`` list, professional links intranet only."""
    if not isinstance(node, dict):
        return AUDIENCES
    if node.get("kind") in INTRANET_LINK_KINDS and "url" in node:
        return (INTRANET,)
    found = node.get("audience")
    return tuple(a for a in AUDIENCES if a in found) if isinstance(found, list) else AUDIENCES


def allows(node: Any, audience: str) -> bool:
    """Whether a document or block is shown to AUDIENCE (intranets see everything)."""
    return audience == INTRANET or audience in marked(node)


def visible_to(document: Document, audience: str) -> bool:
    """Whether the whole document is shown to AUDIENCE."""
    return allows(document.data, audience)


def _project(value: Any, audience: str, blocks: bool = False, within: tuple[str, ...] = AUDIENCES) -> Any:
    if isinstance(value, list):
        return [_project(item, audience, blocks, within) for item in value if not blocks or allows(item, audience)]
    if not isinstance(value, dict):
        return value
    if blocks:
        within = tuple(a for a in marked(value) if a in within)
    result = {}
    for key, child in value.items():
        if audience != INTRANET and key in (*INTRANET_FIELDS, "audience"):
            continue
        if key == "swimlanes" and audience != INTRANET and isinstance(child, dict):
            child = {lane: text for lane, text in child.items() if lane not in INTRANET_LANES}
            if not child:
                continue
        result[key] = _project(child, audience, key in BLOCK_LISTS, within)
    if audience == INTRANET and blocks:
        result["audience"] = list(within)
    return result


def project(data: Any, audience: str) -> dict[str, Any]:
    """DATA as AUDIENCE may see it: blocks for others and intranet-only fields removed.

    The intranet view keeps every block, each marked with the audiences it is for (``audience``).
    """
    projected: dict[str, Any] = _project(data, audience, blocks=True)
    return projected
