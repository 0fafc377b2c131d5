"""Find intranet-only texts in documents, to prove no public answer carries them."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pathapi.content.audience import INTRANET_FIELDS, INTRANET_LANES, INTRANET_LINK_KINDS


def intranet_only_texts(value: Any, inherited: bool = False) -> Iterator[str]:
    """Every text in a document that only intranets may see."""
    if isinstance(value, dict):
        marked = value.get("audience")
        internal = (
            inherited
            or (isinstance(marked, list) and not {"public", "app"} & set(marked))
            or (value.get("kind") in INTRANET_LINK_KINDS and "url" in value)
        )
        for key, child in value.items():
            lane = key in INTRANET_LANES and isinstance(child, dict)
            if key in INTRANET_FIELDS or internal:
                yield from (t for t in strings(child) if len(t) > 20)
            elif key == "swimlanes" and isinstance(child, dict):
                for lane_name, text in child.items():
                    if lane_name in INTRANET_LANES:
                        yield from (t for t in strings(text) if len(t) > 20)
            elif not lane:
                yield from intranet_only_texts(child, internal)
    elif isinstance(value, list):
        for child in value:
            yield from intranet_only_texts(child, inherited)


def secret_texts(content: Path) -> set[str]:
    """Texts written only in intranet places of the documents under CONTENT (not also in a public one)."""
    documents = [json.loads(f.read_text()) for f in content.rglob("*.json")]
    everywhere = Counter(t for d in documents for t in strings(d))
    internal = Counter(t for d in documents for t in intranet_only_texts(d))
    return {t for t, n in internal.items() if everywhere[t] == n}


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from strings(child)
