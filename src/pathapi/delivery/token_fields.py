"""What a sync token or cursor may say: each field read back is checked on its own, types and values.

The seal (pathapi.delivery.tokens) proves the server handed a value out; these checks make sure
that, whatever the key, a decoded sync point (commit, moment, language, topic, view, format) or
cursor (target, since, offset) holds fields of the right type and range before
pathapi.delivery.sync looks them up in the server's state.
"""

from __future__ import annotations

import re
from typing import Any

from pathapi.content.audience import APP, INTRANET
from pathapi.content.document import LANGUAGES
from pathapi.content.kinds import ID_PATTERN
from pathapi.delivery.tokens import start_over

PREVIEW_VIEW = "preview"
INTRANET_PREVIEW_VIEW = "intranet-preview"
VIEWS = (APP, PREVIEW_VIEW, INTRANET, INTRANET_PREVIEW_VIEW)  # a token is read back only in its own view
FULL_SHA = re.compile(r"^[0-9a-f]{40}$")
LAST_MICROSECOND = 253_402_300_799_999_999  # 9999-12-31T23:59:59.999999Z: datetime's limit
POINT_FIELDS = frozenset({"commit", "at", "lang", "topic", "view"})
CURSOR_FIELDS = frozenset({"target", "since", "offset"})


def point_fields(payload: Any, what: str) -> tuple[str, int, str, str | None, str, bool]:
    """(commit, at, lang, topic, view, html) of a decoded sync point, each of the right type and range."""
    if not isinstance(payload, dict) or set(payload) - {"html"} != POINT_FIELDS:
        raise start_over(what, "is malformed")
    commit, at, lang, topic, view = (payload[k] for k in ("commit", "at", "lang", "topic", "view"))
    if not (isinstance(commit, str) and FULL_SHA.match(commit)):
        raise start_over(what, "names no commit")
    if type(at) is not int or not 0 <= at <= LAST_MICROSECOND:
        raise start_over(what, "names no moment")
    if not (isinstance(lang, str) and lang in LANGUAGES):
        raise start_over(what, f"names a language other than {', '.join(LANGUAGES)}")
    if topic is not None and not (isinstance(topic, str) and ID_PATTERN.match(topic)):
        raise start_over(what, "names no topic")
    if not (isinstance(view, str) and view in VIEWS):
        raise start_over(what, "names an unknown view")
    html = payload.get("html", False)  # tokens from before format=html have none
    if type(html) is not bool:
        raise start_over(what, "names no format")
    return commit, at, lang, topic, view, html


def cursor_fields(payload: Any) -> tuple[Any, Any, int]:
    """(target payload, since payload or None, offset) of a decoded cursor."""
    if not isinstance(payload, dict) or set(payload) != CURSOR_FIELDS:
        raise start_over("cursor", "is malformed")
    offset = payload["offset"]
    if type(offset) is not int or offset < 1:
        raise start_over("cursor", "names no page")
    return payload["target"], payload["since"], offset
