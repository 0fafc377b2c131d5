"""Word diffs: which words of a text were removed and which were added."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
SAME, REMOVED, ADDED = "=", "-", "+"
CONTEXT = 8  # unchanged words kept on each side of a change


def tokens(text: str) -> list[str]:
    """TEXT split into words, whitespace runs and single punctuation marks."""
    return TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) segments turning OLD into NEW: ``=`` kept, ``-`` removed, ``+`` added."""
    a, b = tokens(old), tokens(new)
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append((SAME, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append((REMOVED, "".join(a[i1:i2])))
        if j2 > j1:
            segments.append((ADDED, "".join(b[j1:j2])))
    return segments


def shortened(segments: list[tuple[str, str]], context: int = CONTEXT) -> list[tuple[str, str]]:
    """SEGMENTS with long unchanged stretches cut to CONTEXT words around each change (``…``)."""
    result: list[tuple[str, str]] = []
    for index, (op, text) in enumerate(segments):
        if op != SAME:
            result.append((op, text))
            continue
        words = tokens(text)
        keep = context * 2  # words and the spaces between them
        first, last = index == 0, index == len(segments) - 1
        if len(words) <= keep * (1 if first or last else 2):
            result.append((op, text))
        elif first:
            result.append((op, "… " + "".join(words[-keep:]).lstrip()))
        elif last:
            result.append((op, "".join(words[:keep]).rstrip() + " …"))
        else:
            result.append((op, "".join(words[:keep]).rstrip() + " … " + "".join(words[-keep:]).lstrip()))
    return result
