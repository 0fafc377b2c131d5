"""Markdown fields rendered to sanitized HTML, for consumers that ask for ``format=html``."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

from pathapi.content.document import Document
from pathapi.content.markdown import IMAGES_KEYWORD, MARKDOWN_TYPE
from pathapi.content.media import Schemas, replace_texts, typed_texts
from pathapi.content.versions import CURRENT, schema_path

MARKDOWN = "markdown"
HTML = "html"
FORMATS = (MARKDOWN, HTML)
TAGS = frozenset({"p", "em", "strong", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "br"})
IMAGE_TAGS = TAGS | {"img"}
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "img": {"src", "alt", "title"}}
URL_SCHEMES = frozenset({"https", "tel", "mailto"})
# Raw HTML in the Markdown is shown as text, never passed through; the sanitizer is the second guard.
RENDERER = MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=4096)
def render(text: str, images: bool = False) -> str:
    """TEXT (Markdown) as an HTML fragment holding only the contract's elements and safe links."""
    return nh3.clean(
        RENDERER.render(text),
        tags=set(IMAGE_TAGS if images else TAGS),
        attributes=ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
    ).strip()


def html_document(document: Document, schemas: Schemas) -> Document:
    """DOCUMENT with every Markdown field (by the schema's contentMediaType) rendered to HTML."""
    replacements = {
        typed.parts: render(typed.text, typed.schema.get(IMAGES_KEYWORD) is True)
        for typed in typed_texts(schemas, schema_path(document.kind, CURRENT), document.data)
        if typed.media_type == MARKDOWN_TYPE
    }
    data = replace_texts(document.data, replacements)
    return replace(document, data=data)
