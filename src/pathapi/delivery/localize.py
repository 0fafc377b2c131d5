"""Choose a response language and render localized text in it."""

from __future__ import annotations

from typing import Any

from pathapi.content.document import LANGUAGES, is_localized
from pathapi.delivery.cache import BoundedCache

DEFAULT_LANGUAGE = "fi"
MAX_RANGES = 64  # a longer Accept-Language is read up to here
# Browsers send few distinct headers: short ones are remembered (bounded); longer ones parsed each time.
CACHED_HEADER_LENGTH = 200
_NEGOTIATED: BoundedCache[str, str] = BoundedCache("localize.negotiate", 1024)


def _ranges(header: str) -> list[tuple[str, float]]:
    """(language range, q) pairs of an Accept-Language header, lower-cased; malformed ones skipped."""
    ranges = []
    for item in header.split(",")[:MAX_RANGES]:
        name, *parameters = (part.strip() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = -1.0
        if name and 0.0 <= quality <= 1.0:
            ranges.append((name.lower(), quality))
    return ranges


def _quality(language: str, ranges: list[tuple[str, float]]) -> tuple[float, int] | None:
    """(q, position) of the most specific range matching LANGUAGE: itself, a sub-tag of it, then ``*``."""
    best: tuple[int, float, int] | None = None
    for position, (name, quality) in enumerate(ranges):
        specificity = 3 if name == language else 2 if name.startswith(language + "-") else 1 if name == "*" else 0
        if specificity and (best is None or specificity > best[0]):
            best = (specificity, quality, position)
    return None if best is None else (best[1], best[2])


def negotiate(accept_language: str | None, supported: tuple[str, ...] = LANGUAGES) -> str:
    """The best of SUPPORTED for an Accept-Language header (RFC 9110 q-values, RFC 4647 lookup).

    Each language takes the q of the most specific range that matches it (``en-US`` matches
    ``en``; ``*`` matches any); the highest q wins, ties go to the range named first, then to
    the order of SUPPORTED. ``q=0`` excludes a language. When nothing acceptable matches, the
    first supported language not excluded is used, else Finnish.
    """
    if not accept_language:
        return DEFAULT_LANGUAGE
    if len(accept_language) > CACHED_HEADER_LENGTH or supported != LANGUAGES:
        return _negotiate(accept_language, supported)
    return _NEGOTIATED.get_or_compute(accept_language, lambda: _negotiate(accept_language, LANGUAGES))


def _negotiate(accept_language: str, supported: tuple[str, ...]) -> str:
    ranges = _ranges(accept_language)
    qualities = {language: _quality(language, ranges) for language in supported}
    acceptable = [
        (q[0], -q[1], -index, language)
        for index, (language, q) in enumerate(qualities.items())
        if q is not None and q[0] > 0
    ]
    if acceptable:
        return max(acceptable)[3]
    return next((language for language, q in qualities.items() if q is None), DEFAULT_LANGUAGE)


def localize(value: Any, language: str) -> Any:
    """Replace every localized text in VALUE by its LANGUAGE version, else the Finnish one."""
    if isinstance(value, dict):
        if is_localized(value):
            return value.get(language, value[DEFAULT_LANGUAGE])
        return {key: localize(child, language) for key, child in value.items()}
    if isinstance(value, list):
        return [localize(child, language) for child in value]
    return value
