"""Parse a raw query string with one of the parameter classes (pathapi.api.params); 400 names the bad parameter."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlencode

from marshmallow import Schema, ValidationError

from pathapi.api.params import NoParams
from pathapi.delivery.cache import MB, BoundedCache
from pathapi.delivery.problems import bad_parameter

# Parsed query strings that passed validation; longer ones are parsed every time, never kept.
_PARSED: BoundedCache[tuple[type[Schema], str], dict[str, Any]] = BoundedCache("params.parse", 4096, 8 * MB)
CACHED_QUERY_LENGTH = 512
# Tracking and cache-busting parameters that links from campaigns and clients add: ignored everywhere.
IGNORED_PARAMETERS = frozenset({"_", "fbclid", "gclid"})
IGNORED_PREFIX = "utm_"
NOISE_MARKERS = ("utm_", "_", "clid")


def query_text(raw: bytes) -> str:
    """A raw query string as text: clients may send UTF-8 unescaped (``?q=päiv``), as browsers do escaped."""
    return raw.decode("utf-8", errors="replace")


def ignored(name: str) -> bool:
    """Whether query parameter NAME is tracking or cache-busting noise that answers never depend on."""
    return name in IGNORED_PARAMETERS or name.startswith(IGNORED_PREFIX)


def parse(params: type[Schema], query_string: str) -> dict[str, Any]:
    """Parse and validate a raw query string with the parameter class PARAMS; 400 names the bad parameter."""
    if any(marker in query_string for marker in NOISE_MARKERS):  # cheap test first: the hot path has none
        pairs = parse_qsl(query_string, keep_blank_values=True)
        kept = [(name, value) for name, value in pairs if not ignored(name)]
        if len(kept) < len(pairs):  # the same answer, and the same cache entry, as without them
            query_string = urlencode(kept)
    if len(query_string) > CACHED_QUERY_LENGTH:
        return _parse(params, query_string)
    return dict(_PARSED.get_or_compute((params, query_string), lambda: _parse(params, query_string)))


def no_parameters(raw: bytes) -> None:
    """400 for any query parameter on a route that takes none (tracking noise aside)."""
    parse(NoParams, query_text(raw))


@cache  # one instance per parameter class: a dozen at most
def _instance(params: type[Schema]) -> Schema:
    return params()


def _parse(params: type[Schema], query_string: str) -> dict[str, Any]:
    schema = _instance(params)
    raw: dict[str, str] = {}
    for name, value in parse_qsl(query_string, keep_blank_values=True):
        if name in raw:
            raise bad_parameter(name, "given more than once; give it once")
        raw[name] = value
    try:
        return dict(schema.load(raw))
    except ValidationError as err:
        raise bad_parameter(*_first_error(schema, err)) from None


def _first_error(schema: Schema, err: ValidationError) -> tuple[str, str]:
    messages: Any = err.messages
    name = sorted(messages)[0] if isinstance(messages, dict) and messages else "query"
    detail = messages[name] if isinstance(messages, dict) else messages
    text = "; ".join(map(str, detail)) if isinstance(detail, list) else str(detail)
    if text == "Unknown field.":
        text = f"unknown parameter; allowed: {', '.join(sorted(schema.fields))}"
    return name, text
