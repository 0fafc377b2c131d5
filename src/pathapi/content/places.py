"""Where in a document the tree-wide rules look: one walk finds texts, links, audiences and placeholders."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from pathapi.content.document import LANGUAGES, Document
from pathapi.content.media import Plan, gather_texts
from pathapi.content.positions import escape_token
from pathapi.content.scaffold import PLACEHOLDER_MARKS

URL_FIELDS = ("url", "app_link")
PLACEHOLDER_STARTS = tuple(f"{mark}:" for mark in PLACEHOLDER_MARKS.values())
LOCALES = frozenset(LANGUAGES)


@dataclass(frozen=True)
class Places:
    """What the tree-wide rules look at, found in one walk: pointers are made only for these."""

    texts: list[tuple[str, frozenset[str]]]  # localized texts whose languages differ from the title's
    links: list[tuple[str, str]]  # URL fields not on https
    audiences: list[tuple[str, list[str], frozenset[str]]]  # audience marks wider than what encloses them
    placeholders: list[tuple[str, str]]  # texts still starting with a `pathapi new` placeholder
    media: dict[str, list[str]] = field(default_factory=dict)  # strings by contentMediaType, given a schema plan


_LAST_PLACES = threading.local()  # the document scanned last in this thread: its rules run in turn


NO_PLAN: dict[str, Plan] = {}


class _Scan:
    """One walk of a document: the places the tree-wide rules judge and, given a plan, its texts by media type.

    Written for speed (it visits every node of every document of a build): a localized text is
    judged where its parent meets it, without a call of its own, and the pointer of a node is made
    only for what is found.
    """

    def __init__(self, doc: Document) -> None:
        self.expected = frozenset(doc.languages)
        self.found = Places([], [], [], [])
        self.path: list[str] = []

    def at(self, *more: str) -> str:
        """The JSON pointer of the node being visited (and MORE below it)."""
        return "".join("/" + escape_token(part) for part in (*self.path, *more))

    def visit(self, node: Any, inherited: frozenset[str] | None, plan: Plan | None) -> None:
        if isinstance(node, dict):
            if "fi" in node and node.keys() <= LOCALES:  # a localized text: only strings below
                self.localized(node, plan, None)
                return
            self.members(node, inherited, plan)
        elif isinstance(node, list):
            self.items(node, inherited, plan)

    def localized(self, node: dict[str, Any], plan: Plan | None, key: str | None) -> None:
        """A localized text NODE (at KEY below the node being visited, if given)."""
        found, keys = self.found, node.keys()
        more = () if key is None else (key,)
        if keys != self.expected:
            found.texts.append((self.at(*more), frozenset(node)))
        whole = plan is not None and plan.leaf_media is not None and keys <= plan.properties.keys()
        for language, value in node.items():
            if isinstance(value, str):
                if value.startswith(PLACEHOLDER_STARTS):
                    found.placeholders.append((self.at(*more, str(language)), value))
            else:
                whole = False
        if whole:
            assert plan is not None and plan.leaf_media is not None
            found.media.setdefault(plan.leaf_media, []).extend(node.values())
        elif plan is not None:
            gather_texts(node, plan, found.media)  # its schema decides, key by key

    def members(self, node: dict[str, Any], inherited: frozenset[str] | None, plan: Plan | None) -> None:
        marked = node.get("audience")
        if isinstance(marked, list):
            if inherited is not None and not inherited.issuperset(marked):
                self.found.audiences.append((self.at("audience"), marked, inherited))
            inherited = frozenset(marked) if inherited is None else inherited & frozenset(marked)
        found, path = self.found, self.path
        properties, extra = (plan.properties, plan.extra) if plan is not None else (NO_PLAN, None)
        for key, child in node.items():
            sub = properties.get(key, extra)
            if isinstance(child, str):
                if key in URL_FIELDS and not child.startswith("https://"):
                    found.links.append((self.at(str(key)), child))
                if child.startswith(PLACEHOLDER_STARTS):
                    found.placeholders.append((self.at(str(key)), child))
                if sub is not None and sub.media is not None:
                    found.media.setdefault(sub.media, []).append(child)
            elif isinstance(child, dict):
                sub = sub if sub is not None and sub.has_text else None
                if "fi" in child and child.keys() <= LOCALES:
                    self.localized(child, sub, str(key))
                else:
                    path.append(str(key))
                    self.members(child, inherited, sub)
                    path.pop()
            elif isinstance(child, list):
                path.append(str(key))
                self.items(child, inherited, sub if sub is not None and sub.has_text else None)
                path.pop()

    def items(self, node: list[Any], inherited: frozenset[str] | None, plan: Plan | None) -> None:
        found, path = self.found, self.path
        sub = plan.items if plan is not None and plan.items is not None and plan.items.has_text else None
        media = sub.media if sub is not None else None
        for index, child in enumerate(node):
            if isinstance(child, str):
                if child.startswith(PLACEHOLDER_STARTS):
                    found.placeholders.append((self.at(str(index)), child))
                if media is not None:
                    found.media.setdefault(media, []).append(child)
            elif isinstance(child, dict):
                if "fi" in child and child.keys() <= LOCALES:
                    self.localized(child, sub, str(index))
                else:
                    path.append(str(index))
                    self.members(child, inherited, sub)
                    path.pop()
            elif isinstance(child, list):
                path.append(str(index))
                self.items(child, inherited, sub)
                path.pop()


def places(doc: Document, plan: Plan | None = None) -> Places:
    """The places in DOC the tree-wide rules judge (one walk per document, cached for the next rule);
    with the schema PLAN of DOC, the same walk also gathers its texts by media type (``media.typed_texts``)."""
    last = getattr(_LAST_PLACES, "value", None)
    if last is not None and last[0] is doc.data and (plan is None or last[1] is plan):
        return last[2]  # type: ignore[no-any-return]
    scan = _Scan(doc)
    scan.visit(doc.data, None, plan)
    _LAST_PLACES.value = (doc.data, plan, scan.found)
    return scan.found
