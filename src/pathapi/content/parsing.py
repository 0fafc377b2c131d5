"""Parse a document's bytes into data or a positioned parse failure, never raising."""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from typing import Any

import orjson

HINTS = {
    "unexpected control character in string": " (is a closing quote missing?)",
    "trailing comma": " (remove the comma after the last item)",
}


@dataclass(frozen=True)
class ParseFailure:
    """Why a file is not a JSON document, and where (1-based)."""

    message: str
    line: int
    column: int


class _KeyedObject(dict[str, Any]):
    """A JSON object that remembers keys it saw more than once."""

    duplicates: tuple[str, ...] = ()


# Every such object alive: while there is none, no parsed value holds a duplicate key.
_MARKED: weakref.WeakValueDictionary[int, _KeyedObject] = weakref.WeakValueDictionary()


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    marked = _KeyedObject(pairs)
    seen: set[str] = set()
    marked.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    _MARKED[id(marked)] = marked
    return marked


def _decode(data: bytes) -> str | ParseFailure:
    """The UTF-8 text of DATA, or where its first invalid byte sits."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        return ParseFailure(f"not UTF-8: byte 0x{data[err.start]:02x} cannot start a character "
                            "(save the file as UTF-8)", line, column)


def parse_json(data: bytes) -> Any | ParseFailure:
    """Return the parsed JSON value, or a ParseFailure naming the line and column."""
    text = _decode(data)
    if isinstance(text, ParseFailure):
        return text
    if text.startswith("\ufeff"):
        return ParseFailure("file starts with a byte-order mark; save it as UTF-8 without BOM", 1, 1)
    try:
        orjson.loads(data)  # fast, precise syntax errors
    except orjson.JSONDecodeError as err:
        hint = next((h for m, h in HINTS.items() if m in err.msg), "")
        return ParseFailure(f"invalid JSON: {err.msg}{hint}", err.lineno, err.colno)
    # The stdlib parser with a pairs hook is the one that can see duplicate keys.
    try:
        return json.loads(text, object_pairs_hook=_pairs)
    except RecursionError:  # only when the nesting limit (content.limits) is set very high
        return ParseFailure("nested too deeply to read: flatten the structure", 1, 1)


def duplicate_keys(value: Any, pointer: str = "") -> list[tuple[str, str]]:
    """(object pointer, key) for every key given twice in one object of a parsed value."""
    if not _MARKED:
        return []  # no object with a duplicate key exists at all: nothing to walk
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        found += [(pointer, key) for key in getattr(value, "duplicates", ())]
        for key, child in value.items():
            found += duplicate_keys(child, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += duplicate_keys(child, f"{pointer}/{index}")
    return found
