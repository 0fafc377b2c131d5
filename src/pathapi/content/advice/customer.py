"""Customer-facing texts of a document: the localized fields the schemas mark as shown on the website or app."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pathapi.content.audience import APP, PUBLIC
from pathapi.content.document import Document, is_localized
from pathapi.content.positions import to_pointer

COMMON = "common.schema.json"
ANNOTATION = "x-shown"
STEP = re.compile(r"^/phases/\d+/steps/\d+")
Schema = Mapping[str, Any]


@dataclass(frozen=True)
class Text:
    """One customer-facing text in one language, at its JSON pointer."""

    pointer: str
    language: str
    value: str
    markdown: bool

    @property
    def step(self) -> str | None:
        """Pointer of the path step the text belongs to, if any."""
        found = STEP.match(self.pointer)
        return found.group() if found else None


def _customer_facing(shown: Any) -> bool:
    """Whether an ``x-shown`` annotation puts the field before customers (website or app)."""
    return isinstance(shown, Mapping) and bool(shown.get("website") or shown.get("app"))


def _for_customers(node: Any) -> bool:
    marked = node.get("audience") if isinstance(node, dict) else None
    return marked is None or PUBLIC in marked or APP in marked


class _Walker:
    """Walks a document beside its schema, following ``$ref`` into the schema files."""

    def __init__(self, schemas: Mapping[str, Schema], file: str) -> None:
        self.schemas = schemas
        self.file = file

    def resolve(self, node: Schema, file: str) -> tuple[Schema, str]:
        """NODE with its ``$ref`` chain followed, and the file it ends in."""
        while isinstance(node.get("$ref"), str):
            target, _, fragment = node["$ref"].partition("#")
            file = target or file
            node = self.schemas.get(file, {})
            for part in fragment.strip("/").split("/") if fragment.strip("/") else []:
                node = node.get(part, {})
        return node, file

    def texts(self, value: Any, node: Schema, file: str, path: tuple[str | int, ...]) -> Iterator[Text]:
        """Customer-facing localized texts of VALUE, described by schema NODE."""
        node, file = self.resolve(node, file)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if _for_customers(item):
                    yield from self.texts(item, node.get("items", {}), file, (*path, index))
            return
        if not isinstance(value, dict):
            return
        properties = node.get("properties", {})
        if is_localized(value) and "fi" in properties:
            for language, text in value.items():
                media = properties.get(language, {}).get("contentMediaType", "")
                if isinstance(text, str):
                    yield Text(to_pointer((*path, language)), language, text, media == "text/markdown")
            return
        for key, child in value.items():
            sub = properties.get(key)
            if isinstance(sub, Mapping) and _customer_facing(sub.get(ANNOTATION)) and _for_customers(child):
                yield from self.texts(child, sub, file, (*path, key))


def customer_texts(document: Document, schemas: Mapping[str, Schema]) -> list[Text]:
    """Every customer-facing text of DOCUMENT (not professional notes, not intranet-only blocks)."""
    file = document.kind.schema_file
    if not _for_customers(document.data) or file not in schemas:
        return []
    return list(_Walker(schemas, file).texts(document.data, schemas[file], file, ()))
