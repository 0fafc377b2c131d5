"""Markdown texts rendered to safe HTML: CommonMark without raw HTML, then sanitized."""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark", {"html": False})
TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "code", "pre", "blockquote", "br", "hr",
        "h3", "h4", "h5", "h6"}


@lru_cache(maxsize=2048)
def to_html(text: str) -> str:
    """TEXT (Markdown) as sanitized HTML; links keep only https, mailto and tel targets."""
    rendered = _PARSER.render(text)
    return nh3.clean(rendered, tags=TAGS, attributes={"a": {"href"}},
                     url_schemes={"https", "mailto", "tel"}, link_rel="noopener noreferrer")
