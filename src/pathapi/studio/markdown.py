"""Markdown texts rendered to safe HTML: CommonMark without raw HTML, then sanitized."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

from pathapi.delivery.cache import MB, BoundedCache

_PARSER = MarkdownIt("commonmark", {"html": False})
TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "code", "pre", "blockquote", "br", "hr",
        "h3", "h4", "h5", "h6"}


_RENDERED: BoundedCache[str, str] = BoundedCache("studio.markdown", 4096, 8 * MB)


def to_html(text: str) -> str:
    """TEXT (Markdown) as sanitized HTML; links keep only https, mailto and tel targets."""
    return _RENDERED.get_or_compute(text, lambda: _render(text))


def _render(text: str) -> str:
    rendered = _PARSER.render(text)
    return nh3.clean(rendered, tags=TAGS, attributes={"a": {"href"}},
                     url_schemes={"https", "mailto", "tel"}, link_rel="noopener noreferrer")
