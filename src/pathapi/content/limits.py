"""Size limits on content files: document bytes, nesting depth and text length, as findings.

The checks run before a document is parsed by anything recursive, so a file nested a
thousand levels deep or weighing 50 MB is a positioned problem, never a RecursionError
or a worker's memory. Limits are configurable (``PATHAPI_MAX_*`` or ``pathapi validate``
options) and the same for ``validate`` and ``serve``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pathapi.content.positions import to_pointer

RULE = "limits"
# One token at a time: a string (a key when a colon follows), a bracket, or a comma.
TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"(\s*:)?|[\[\]{},]', re.DOTALL)
STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
INNERMOST = re.compile(rb"\[\]|\{\}")
ENVIRONMENT = {
    "max_depth": "PATHAPI_MAX_NESTING",
    "max_bytes": "PATHAPI_MAX_DOCUMENT_BYTES",
    "max_text": "PATHAPI_MAX_TEXT_LENGTH",
}


@dataclass(frozen=True)
class Limits:
    """How big a content document may be; every bound is inclusive."""

    max_depth: int = 32  # nested objects and arrays, the document itself being depth 1
    max_bytes: int = 1_048_576  # bytes of one file
    max_text: int = 20_000  # characters of one string value

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None, **given: int | None) -> Limits:
        """GIVEN values (CLI options), else ``PATHAPI_MAX_*`` variables, else the defaults."""
        env = os.environ if environ is None else environ
        values = {
            name: given.get(name) or (int(env[var]) if env.get(var) else None) for name, var in ENVIRONMENT.items()
        }
        return cls(**{k: v for k, v in values.items() if v is not None})


@dataclass(frozen=True)
class Excess:
    """Where a limit is exceeded: byte offset (or a pointer) and what to say."""

    offset: int
    pointer: str
    message: str
    amount: int = 0  # the measured size (characters of a long text)


def too_large(data: bytes, limits: Limits) -> str | None:
    """The message for a file over the byte limit, else None."""
    if len(data) <= limits.max_bytes:
        return None
    return (
        f"document is {len(data):,} bytes, more than the limit of {limits.max_bytes:,}: "
        "split it into smaller documents or move long material to a linked page"
    )


def without_strings(data: bytes) -> bytes:
    """DATA with every JSON string (keys too) cut out: what is left of JSON is structure, numbers and words."""
    return STRING.sub(b"", data)


def _exceeds_depth(data: bytes, limits: Limits, outside: bytes | None = None) -> bool:
    """Whether DATA may nest deeper than the limit (never a false no); fast, all in C.

    Strings are dropped, then everything but brackets; each round removes the innermost
    ``[]`` and ``{}`` pairs, so well-formed JSON is empty after as many rounds as it is deep.
    Malformed JSON may answer yes: ``too_deep`` then looks precisely.
    """
    brackets = (without_strings(data) if outside is None else outside).translate(None, NOT_BRACKETS)
    for _ in range(limits.max_depth):
        if not brackets:
            return False
        brackets = INNERMOST.sub(b"", brackets)
    return bool(brackets)


def too_deep(data: bytes, limits: Limits, outside: bytes | None = None) -> Excess | None:
    """The first object or array nested deeper than the limit, found without recursion (OUTSIDE: DATA
    ``without_strings``, when the caller has it)."""
    if data.count(b"[") + data.count(b"{") <= limits.max_depth or not _exceeds_depth(data, limits, outside):
        return None
    stack: list[list[Any]] = []  # per open container: [is_object, current key or index]
    for match in TOKEN.finditer(data):
        token = match.group()
        first = token[:1]
        if first == b'"':
            if match.group(1) and stack and stack[-1][0]:
                stack[-1][1] = _key(token[: -len(match.group(1))])
        elif first in b"[{":
            if len(stack) >= limits.max_depth:
                pointer = to_pointer(entry[1] for entry in stack)
                return Excess(
                    match.start(), pointer, f"nested more than {limits.max_depth} levels deep: flatten the structure"
                )
            stack.append([first == b"{", "" if first == b"{" else 0])
        elif first in b"]}":
            if stack:
                stack.pop()
        elif stack and not stack[-1][0]:
            stack[-1][1] += 1
    return None


def _key(token: bytes) -> str:
    try:
        return str(json.loads(token))
    except ValueError:
        return token[1:-1].decode("utf-8", errors="replace")


def long_texts(value: Any, limits: Limits) -> Iterator[Excess]:
    """Every string value longer than the limit, walked without recursion."""
    pending: list[tuple[list[str | int], Any]] = [([], value)]
    while pending:
        parts, node = pending.pop()
        if isinstance(node, str) and len(node) > limits.max_text:
            message = (
                f"text is {len(node):,} characters, more than the limit of {limits.max_text:,}: shorten it or split it"
            )
            yield Excess(0, to_pointer(parts), message, len(node))
        elif isinstance(node, dict):
            pending.extend(([*parts, k], v) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            pending.extend(([*parts, i], v) for i, v in reversed(list(enumerate(node))))


def line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte OFFSET."""
    before = data[:offset]
    start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[start:].decode("utf-8", errors="replace")) + 1
