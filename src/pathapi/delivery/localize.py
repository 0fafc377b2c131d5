"""Choose a response language and render localized text in it."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from pathapi.content.document import LANGUAGES, is_localized

DEFAULT_LANGUAGE = "fi"


@lru_cache(maxsize=512)
def negotiate(accept_language: str | None) -> str:
    """Best of fi, sv, en for an Accept-Language header; Finnish when nothing matches."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    accepted = parse_accept_header(accept_language, LanguageAccept)
    return accepted.best_match(LANGUAGES, default=DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE


def localize(value: Any, language: str) -> Any:
    """Replace every localized text in VALUE by its LANGUAGE version, else the Finnish one."""
    if isinstance(value, dict):
        if is_localized(value):
            return value.get(language, value[DEFAULT_LANGUAGE])
        return {key: localize(child, language) for key, child in value.items()}
    if isinstance(value, list):
        return [localize(child, language) for child in value]
    return value
