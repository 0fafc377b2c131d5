"""JSON Schema formats and patterns, pinned: the same checks for the fast and the explaining validator.

Both validators (``jsonschema-rs`` deciding, ``jsonschema`` explaining) call these very
functions, so they cannot disagree on a format. A format not listed here is not checked
by either (an annotation only, as Draft 2020-12 allows).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME = r"([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
_FULL_TIME = re.compile(_TIME)
_DATE_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]" + _TIME)
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@" + _LABEL + r"(?:\." + _LABEL + r")+"
)
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# RFC 3986 URI: a scheme, then only characters a URI may hold (percent-escapes well formed).
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_IPV4 = re.compile(
    r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}"
    r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
)


def is_date(value: str) -> bool:
    """RFC 3339 full-date: YYYY-MM-DD naming a real day."""
    match = _DATE.fullmatch(value)
    if match is None:
        return False
    try:
        date(*(int(part) for part in match.groups()))
    except ValueError:
        return False
    return True


def is_time(value: str) -> bool:
    """RFC 3339 full-time with its offset: HH:MM:SS[.frac](Z|+HH:MM)."""
    return _FULL_TIME.fullmatch(value) is not None


def is_date_time(value: str) -> bool:
    """RFC 3339 date-time: a real day, T, a full time with offset."""
    match = _DATE_TIME.fullmatch(value)
    return match is not None and is_date(match.group(1))


def is_email(value: str) -> bool:
    """An address as people type it: dot-atom local part, @, a domain with at least one dot."""
    return len(value) <= 254 and _EMAIL.fullmatch(value) is not None


def is_uuid(value: str) -> bool:
    """A UUID in its hyphenated hexadecimal form."""
    return _UUID.fullmatch(value) is not None


def is_uri(value: str) -> bool:
    """An absolute RFC 3986 URI: a scheme and only URI characters."""
    return _URI.fullmatch(value) is not None


def is_ipv4(value: str) -> bool:
    """Dotted-quad IPv4 without leading zeros."""
    return _IPV4.fullmatch(value) is not None


FORMATS: dict[str, Callable[[str], bool]] = {
    "date": is_date,
    "time": is_time,
    "date-time": is_date_time,
    "email": is_email,
    "uuid": is_uuid,
    "uri": is_uri,
    "ipv4": is_ipv4,
}


def _strings_only(check: Callable[[str], bool]) -> Callable[[Any], bool]:
    """CHECK for strings; every other type passes (formats apply to strings only)."""
    return lambda value: not isinstance(value, str) or check(value)


def used_formats(node: Any) -> Iterator[str]:
    """Every ``format`` keyword value in a schema."""
    if isinstance(node, dict):
        for key, child in node.items():
            if key == "format" and isinstance(child, str):
                yield child
            yield from used_formats(child)
    elif isinstance(node, list):
        for child in node:
            yield from used_formats(child)


def pinned(names: set[str]) -> dict[str, Callable[[Any], bool]]:
    """A check for each format name: ours where pinned, else accept (both validators alike)."""
    return {name: _strings_only(FORMATS.get(name, lambda _value: True)) for name in sorted(names)}


def ecma_pattern(pattern: str) -> str:
    """PATTERN for Python's ``re`` with ECMA-262's ``$`` (end of text, not before a final newline)."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")  # Python's $ also matches before a trailing newline
            continue
        out.append(char)
    return "".join(out)
