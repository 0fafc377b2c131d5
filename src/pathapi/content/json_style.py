"""How a JSON file is written (indentation, ASCII escapes, line endings, final newline), to rewrite it alike.

``pathapi migrate`` rewrites documents in the style they were written in, so a migration
changes what it must and nothing else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

INLINE = re.compile(r"[\[{] *[\"\d tfn-][^\n]*[\]}] *,? *$", re.MULTILINE)  # a container opened and closed on one line
INLINE_WIDTH = 100


@dataclass(frozen=True)
class Style:
    """How a JSON file is written: indentation, ASCII escapes, line ending, final newline."""

    indent: str | int | None = 2
    ascii: bool = False
    newline: str = "\n"
    final_newline: bool = True
    inline_short: bool = False  # short lists and objects of plain values on one line

    @classmethod
    def of(cls, text: str) -> Style:
        """The style TEXT is written in (defaults where it cannot tell)."""
        found = re.search(r"\n([ \t]+)\S", text)
        indent: str | int | None = None if "\n" not in text.strip() else 2
        if found:
            lead = found.group(1)
            indent = len(lead) if set(lead) == {" "} else lead
        escaped = re.search(r"\\u(00[89a-fA-F]|0[1-9a-fA-F]|[1-9a-fA-F])", text)
        ascii_only = bool(escaped) and all(ord(c) < 128 for c in text)
        newline = "\r\n" if "\r\n" in text else "\n"
        inline = bool(INLINE.search(text)) and indent is not None
        return cls(indent, ascii_only, newline, text.endswith(("\n", "\r\n")), inline)

    def dump(self, data: Any) -> str:
        """DATA written in this style."""
        out = (
            self._node(data, 0) if self.inline_short else json.dumps(data, ensure_ascii=self.ascii, indent=self.indent)
        )
        out = out.replace("\n", self.newline)
        return out + (self.newline if self.final_newline else "")

    def _node(self, value: Any, level: int) -> str:
        """VALUE indented at LEVEL, short containers of plain values on one line."""
        flat = json.dumps(value, ensure_ascii=self.ascii)
        unit = " " * self.indent if isinstance(self.indent, int) else str(self.indent)
        if (
            not isinstance(value, (dict, list))
            or not value
            or (_plain(value) and len(flat) + len(unit) * level <= INLINE_WIDTH)
        ):
            return flat
        inner = unit * (level + 1)
        if isinstance(value, list):
            parts = [inner + self._node(item, level + 1) for item in value]
            return "[\n" + ",\n".join(parts) + "\n" + unit * level + "]"
        parts = [
            f"{inner}{json.dumps(key, ensure_ascii=self.ascii)}: {self._node(item, level + 1)}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(parts) + "\n" + unit * level + "}"


def _plain(value: dict[str, Any] | list[Any]) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return all(not isinstance(item, (dict, list)) for item in items)
