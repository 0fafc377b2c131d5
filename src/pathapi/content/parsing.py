"""Parse a document's bytes into data or a positioned parse failure, never raising."""

from __future__ import annotations

import json
import re
import weakref
from dataclasses import dataclass
from typing import Any

import orjson

from pathapi.content.limits import without_strings
from pathapi.content.positions import escape_token

CURLY = "“”„‟″«»"
LONG_NUMBER = re.compile(rb"[0-9]{19}")  # may not fit 64 bits
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_RUN = b"0" * 19
BOM = "\ufeff".encode()


@dataclass(frozen=True)
class ParseFailure:
    """Why a file is not a JSON document (a catalogue code and its arguments), and where (1-based)."""

    code: str
    line: int
    column: int
    args: tuple[tuple[str, str], ...] = ()


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
        return ParseFailure("json-not-utf8", line, column, (("byte", f"{data[err.start]:02x}"),))


def _cause(text: str, err: orjson.JSONDecodeError) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The usual cause of a syntax error: a curly or unescaped quote, a tab, a missing quote, a comma."""
    line = text.splitlines()[err.lineno - 1] if err.lineno <= len(text.splitlines()) else ""
    before, at = line[: err.colno - 1], line[err.colno - 1 : err.colno]
    curly = next((c for c in line if c in CURLY), None)
    if not text.strip():
        return "json-empty", ()
    if "control character" in err.msg:
        return ("json-tab", ()) if at == "\t" else ("json-unterminated", ())
    if "trailing comma" in err.msg:
        return "json-trailing-comma", ()
    if curly is not None and (at in CURLY or curly in before[-2:] or not before.strip()):
        return "json-curly-quote", (("char", curly),)
    if before.rstrip().endswith('"') and before.count('"') % 2 == 0 and before.count('"') >= 4 and at.strip():
        return "json-unescaped-quote", ()
    if "end of data" in err.msg:
        return "json-end", ()
    return "json-syntax", (("detail", err.msg),)


def _explain(text: str, err: orjson.JSONDecodeError) -> ParseFailure:
    """A positioned ParseFailure for ERR, worded by its usual cause."""
    code, args = _cause(text, err)
    return ParseFailure(code, err.lineno, err.colno, args)


def _as_standard(data: bytes, value: Any, outside: bytes | None) -> bool:
    """True when orjson's VALUE of DATA is what the standard parser gives: no object repeats a key (DATA
    has as many keys as VALUE: a colon outside strings is a key's) and no integer beyond 64 bits."""
    outside = without_strings(data) if outside is None else outside
    if LONG_NUMBER.search(outside):
        return False  # orjson reads an integer over 64 bits as a float
    try:
        return outside.count(b":") == without_strings(orjson.dumps(value)).count(b":")
    except orjson.JSONEncodeError:  # nested too deep for orjson to write: let the standard parser decide
        return False


def parse_json(data: bytes, outside: bytes | None = None) -> Any | ParseFailure:
    """Return the parsed JSON value, or a ParseFailure naming the line and column (OUTSIDE: DATA
    ``without_strings``, when the caller has it)."""
    text = _decode(data)
    if isinstance(text, ParseFailure):
        return text
    if text.startswith("\ufeff"):
        return ParseFailure("json-bom", 1, 1)
    try:
        value = orjson.loads(data)  # fast, precise syntax errors
    except orjson.JSONDecodeError as err:
        return _explain(text, err)
    if _as_standard(data, value, outside):
        return value
    # The stdlib parser with a pairs hook is the one that can see duplicate keys.
    try:
        return json.loads(text, object_pairs_hook=_pairs)
    except RecursionError:  # only when the nesting limit (content.limits) is set very high
        return ParseFailure("json-too-deep", 1, 1)


def long_digit_run(data: bytes) -> bool:
    """Whether DATA holds 19 digits in a row anywhere (``LONG_NUMBER``, ten times faster than the regex)."""
    return _LONG_RUN in data.translate(_DIGITS_AS_ZERO)


def plain_value(data: bytes, max_depth: int) -> Any | None:
    """DATA's value when reading it needs no closer look, else None: orjson parses it as the standard
    parser would (no integer beyond 64 bits, no key given twice), it is nested at most MAX_DEPTH levels
    deep and has no byte order mark (``parse_json`` and ``limits.too_deep`` then find nothing).

    All in C, with no pass over the strings: a colon outside strings is a key's, so DATA and orjson's
    rewriting of its value hold as many colons unless a key was dropped, when no string hides a colon
    in an escape (``\\u003a``); indented by two spaces a level, the rewriting starts a line 2 x
    MAX_DEPTH spaces in only below a container deeper than MAX_DEPTH - 1 (strings hold no raw line
    breaks). Every doubt answers None: a long digit run anywhere, any escape of a colon, any error.
    """
    if data.startswith(BOM) or long_digit_run(data) or b"\\u003" in data:
        return None
    try:
        value = orjson.loads(data)
        written = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return None
    if b"\n" + b" " * (2 * max_depth) in written or data.count(b":") != written.count(b":"):
        return None
    return value


def duplicate_keys(value: Any, pointer: str = "") -> list[tuple[str, str]]:
    """(object pointer, key) for every key given twice in one object of a parsed value."""
    if not _MARKED:
        return []  # no object with a duplicate key exists at all: nothing to walk
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        found += [(pointer, key) for key in getattr(value, "duplicates", ())]
        for key, child in value.items():
            found += duplicate_keys(child, f"{pointer}/{escape_token(str(key))}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += duplicate_keys(child, f"{pointer}/{index}")
    return found
