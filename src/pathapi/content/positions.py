"""Map JSON pointers in a document's text to 1-based line and column numbers.

The map is computed only when a position is first asked for (documents with findings), by one
regular-expression tokenizer pass that records character offsets; lines and columns are counted
only for the offsets asked for. It gives exactly what ``json_source_map`` gives (tests/test_positions.py
compares them): pointers use the key's source text between its quotes, a repeated key's later
occurrence wins, lines end at ``\\n`` only, and a text the standard library does not parse has no positions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cached_property

# A string, one structural character, or a run of anything else outside whitespace (a number, true, ...).
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^ \t\n\r{}\[\],:"]+', re.DOTALL)
NO_KEY = -1


def escape_token(token: str) -> str:
    """One reference token of an RFC 6901 JSON pointer: ``~`` as ``~0``, ``/`` as ``~1``."""
    return token.replace("~", "~0").replace("/", "~1") if "~" in token or "/" in token else token


def to_pointer(parts: Iterable[str | int]) -> str:
    """Build an RFC 6901 JSON pointer from path parts."""
    return "".join("/" + escape_token(str(p)) for p in parts)


def parent_pointer(pointer: str) -> str:
    """Pointer of the enclosing value ('' for the root)."""
    return pointer.rsplit("/", 1)[0] if pointer else ""


def offsets(text: str) -> dict[str, tuple[int, int]]:
    """Pointer -> (offset of the value, offset of its key or NO_KEY) for every value of TEXT ({} if it is not JSON)."""
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return {pointer: (at, key_of) for pointer, at, key_of in values(text)}


def values(text: str) -> Iterator[tuple[str, int, int]]:
    """(pointer, offset of the value, offset of its key or NO_KEY) of every value of TEXT, a JSON text, in
    the order they start (a repeated key's occurrences each)."""
    stack: list[list[str | int]] = []  # per open container: [pointer, next index (array) or -1 (object)]
    key, key_at, want_key = "", NO_KEY, False
    for match in TOKEN.finditer(text):
        token, at = match.group(), match.start()
        first = token[0]
        if first in ",:":
            want_key = first == "," and bool(stack) and stack[-1][1] == -1
            continue
        if first in "]}":
            stack.pop()
            continue
        if want_key:  # a string where an object expects a key
            key, key_at, want_key = token[1:-1], at, False
            continue
        if not stack:
            pointer, key_of = "", NO_KEY
        elif stack[-1][1] == -1:
            pointer, key_of = f"{stack[-1][0]}/{key}", key_at
        else:
            index = stack[-1][1]
            assert isinstance(index, int)
            pointer, key_of = f"{stack[-1][0]}/{index}", NO_KEY
            stack[-1][1] = index + 1
        yield pointer, at, key_of
        if first in "{[":
            stack.append([pointer, -1 if first == "{" else 0])
            want_key = first == "{"


class Positions:
    """Source positions of every value in one JSON text (or its UTF-8 bytes), computed only when first asked.

    PLAIN says the text is JSON without a repeated key (it made a document): then a position is looked
    for only as far into the text as it lies, not in the whole text.
    """

    def __init__(self, text: str | bytes, plain: bool = False) -> None:
        self._source = text
        self._plain = plain
        self._seen: dict[str, tuple[int, int]] = {}
        self._rest: Iterator[tuple[str, int, int]] | None = None

    @property
    def plain(self) -> bool:
        """Whether the text is known to be JSON with no key repeated (PLAIN, above)."""
        return self._plain

    @cached_property
    def _text(self) -> str:
        source = self._source
        return source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source

    @cached_property
    def _map(self) -> dict[str, tuple[int, int]]:
        return offsets(self._text) if self._text else {}

    def _line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of character OFFSET (lines end at ``\\n``)."""
        return self._text.count("\n", 0, offset) + 1, offset - self._text.rfind("\n", 0, offset)

    def inside(self, pointer: str, value: str, offset: int) -> tuple[int, int]:
        """Line and column of character OFFSET of the string VALUE at POINTER, else of the string itself."""
        line, column = self.of(pointer)
        lines = self._text.splitlines()
        encoded = json.dumps(value[:offset], ensure_ascii=False)[1:-1]
        if line <= len(lines) and lines[line - 1][column : column + len(encoded)] == encoded:
            return line, column + 1 + len(encoded)
        return line, column

    def _entry(self, pointer: str) -> tuple[int, int] | None:
        """Offsets of the value at POINTER and of its key (None when it has none)."""
        if not self._plain:
            return self._map.get(pointer)
        if pointer not in self._seen and self._text:
            if self._rest is None:
                self._rest = values(self._text)
            for found, at, key_of in self._rest:
                self._seen[found] = (at, key_of)
                if found == pointer:
                    break
        return self._seen.get(pointer)

    def of(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or its key) at ``pointer``, else its nearest ancestor."""
        current = pointer
        while True:
            entry = self._entry(current)
            if entry is not None:
                value_at, key_at = entry
                return self._line_column(key_at if key and key_at != NO_KEY else value_at)
            if not current:
                return 1, 1
            current = parent_pointer(current)
