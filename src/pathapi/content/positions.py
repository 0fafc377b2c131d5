"""Map JSON pointers in a document's text to 1-based line and column numbers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cached_property

import json_source_map


def to_pointer(parts: Iterable[str | int]) -> str:
    """Build an RFC 6901 JSON pointer from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def parent_pointer(pointer: str) -> str:
    """Pointer of the enclosing value ('' for the root)."""
    return pointer.rsplit("/", 1)[0] if pointer else ""


class Positions:
    """Source positions of every value in one JSON text, computed only when first asked."""

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def _map(self) -> dict[str, json_source_map.Entry]:
        try:
            mapping: dict[str, json_source_map.Entry] = json_source_map.calculate(self._text)
            return mapping
        except Exception:  # text that does not parse has no positions; callers fall back to 1:1
            return {}

    def inside(self, pointer: str, value: str, offset: int) -> tuple[int, int]:
        """Line and column of character OFFSET of the string VALUE at POINTER, else of the string itself."""
        line, column = self.of(pointer)
        lines = self._text.splitlines()
        encoded = json.dumps(value[:offset], ensure_ascii=False)[1:-1]
        if line <= len(lines) and lines[line - 1][column : column + len(encoded)] == encoded:
            return line, column + 1 + len(encoded)
        return line, column

    def of(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or its key) at ``pointer``, else its nearest ancestor."""
        current = pointer
        while True:
            entry = self._map.get(current)
            if entry is not None:
                loc = entry.key_start if key and entry.key_start is not None else entry.value_start
                return loc.line + 1, loc.column + 1
            if not current:
                return 1, 1
            current = parent_pointer(current)
