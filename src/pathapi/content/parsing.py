"""Parse a document's bytes into data or a positioned parse failure, never raising."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson


@dataclass(frozen=True)
class ParseFailure:
    """Why a file is not a JSON document, and where (1-based)."""

    message: str
    line: int
    column: int


def parse_json(data: bytes) -> Any | ParseFailure:
    """Return the parsed JSON value, or a ParseFailure naming the line and column."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as err:
        return ParseFailure(f"invalid JSON: {err.msg}", err.lineno, err.colno)
