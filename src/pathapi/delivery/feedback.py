"""Report a problem: the owner's contact and a feedback link on every delivered path and step."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from pathapi.content.settings import FeedbackSettings

PLACEHOLDER = re.compile(r"\{(type|id|step|version|title|language)\}")
CONTACT_FIELDS = ("unit", "email", "phone")


def feedback_url(template: str, values: Mapping[str, str]) -> str:
    """TEMPLATE with each known placeholder replaced by its URL-encoded value (unknown ones kept)."""
    return PLACEHOLDER.sub(lambda m: quote(values.get(m.group(1), ""), safe=""), template)


def contact(owner: Any) -> dict[str, str]:
    """The owner's contact fields (unit, e-mail, phone) as delivered."""
    if not isinstance(owner, Mapping):
        return {}
    return {name: str(owner[name]) for name in CONTACT_FIELDS if owner.get(name)}


def _block(settings: FeedbackSettings, who: dict[str, str], values: dict[str, str]) -> dict[str, Any]:
    url = {"url": feedback_url(settings.url_template, values)} if settings.url_template else {}
    return {"contact": who, **url}


def add_feedback(payload: dict[str, Any], owner: Any, settings: FeedbackSettings, version: str) -> dict[str, Any]:
    """PAYLOAD (a presented path) with ``feedback`` on the path and on each step; the input is changed."""
    who = contact(owner)
    if not who:
        return payload
    values = {
        "type": str(payload.get("type", "path")),
        "id": str(payload.get("id", "")),
        "step": "",
        "version": version[:12],
        "title": str(payload.get("title", "")),
        "language": str(payload.get("language", "")),
    }
    payload["feedback"] = _block(settings, who, values)
    for phase in payload.get("phases", []):
        for step in phase.get("steps", []):
            step["feedback"] = _block(settings, who, {**values, "step": str(step.get("id", ""))})
    return payload
