"""A parsed, schema-checked document of one kind, as read from one file."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pathapi.content.kinds import Kind
from pathapi.content.positions import escape_token

if TYPE_CHECKING:
    from pathapi.content.freshness import Review

LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True)
class Document:
    """A document's kind, id (its file name), repository path, data and git blob id."""

    kind: Kind
    id: str
    path: str
    data: Mapping[str, Any]
    blob_id: str | None = None
    schema_version: int = 3  # the version of the schema it was checked against (its data is upgraded)

    # Read from the data once: a build asks every document for both again and again (its data never changes).
    @cached_property
    def status(self) -> str:
        """Editorial status: draft, review, published or archived."""
        return str(self.data.get("status", "draft"))

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """Languages the document is written in, read from its title (or name)."""
        label = self.data.get("title") or self.data.get("name") or {}
        return tuple(lang for lang in LANGUAGES if lang in label)

    @cached_property
    def window(self) -> tuple[datetime | None, datetime | None]:
        """Its publishing window (publish_at, unpublish_at), either may be None (``lifecycle.window``)."""
        return _moment(self.data.get("publish_at")), _moment(self.data.get("unpublish_at"))

    @cached_property
    def referenced(self) -> dict[Kind, set[Any]]:
        """The ids it refers to, by kind, for the kinds it refers to (``references.referenced_ids``; TypeError
        for an id that is no string)."""
        from pathapi.content.references import referenced_ids

        return {kind: ids for kind, ids in referenced_ids(self).items() if ids}

    @cached_property
    def review(self) -> Review | None:
        """Its review (``freshness.review_of``): None when it has no valid ``review_due`` or is archived."""
        from pathapi.content.freshness import review_of

        return review_of(self)

    def prime(self) -> None:
        """Work out now what a build asks of every document once all are checked (its references, publishing
        window and review): a build with a helper process does it while the helper still checks."""
        self.status  # noqa: B018 (cached properties: computed here, once)
        self.window  # noqa: B018
        self.review  # noqa: B018
        with contextlib.suppress(TypeError):  # an id that is no string: the build's reference check tells
            self.referenced  # noqa: B018


def _moment(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def finnish_title(data: Mapping[str, Any]) -> str:
    """The Finnish title (or name) of a document's data, or an empty string."""
    label = data.get("title") or data.get("name")
    return str(label.get("fi", "")) if isinstance(label, dict) else ""


def is_localized(value: Any) -> bool:
    """True for a localized text object such as ``{"fi": "...", "sv": "..."}``."""
    return isinstance(value, dict) and "fi" in value and all(k in LANGUAGES for k in value)


def _nodes(value: Any, pointer: str) -> list[tuple[str, Any]]:
    """(JSON pointer, value) for every value in a JSON tree, depth first, as one list."""
    found: list[tuple[str, Any]] = []
    stack = [(pointer, value)]
    while stack:
        at, node = stack.pop()
        found.append((at, node))
        if isinstance(node, dict):
            stack.extend([(f"{at}/{escape_token(str(k))}", v) for k, v in reversed(node.items())])
        elif isinstance(node, list):
            stack.extend([(f"{at}/{i}", node[i]) for i in range(len(node) - 1, -1, -1)])
    return found


_LAST = threading.local()  # the tree walked last in this thread: rules walk one document in turn


def walk(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (JSON pointer, value) for every value in a JSON tree, depth first."""
    last = getattr(_LAST, "walk", None)
    if last is None or last[0] is not value or last[1] != pointer:
        last = _LAST.walk = (value, pointer, _nodes(value, pointer))
    return iter(last[2])
