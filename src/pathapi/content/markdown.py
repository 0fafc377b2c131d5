"""The Markdown contract: the CommonMark subset long texts may use, and plain one-line texts.

Allowed in Markdown fields: paragraphs, emphasis, lists, links (https, tel, mailto) and
headings from level 3; images only where the schema says so (``x-markdown-images``). No
raw HTML, code, quotes or rules. Plain-text fields (titles, names) are one line without
Markdown. Both are checked on markdown-it-py's token stream, never with regular expressions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from pathapi.content.plain_texts import only_paragraphs, only_paragraphs_and_bullets

if TYPE_CHECKING:  # markdown-it-py is loaded when a text is first judged (a clean build never does)
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MARKDOWN_TYPE = "text/markdown"
PLAIN_TYPE = "text/plain"
IMAGES_KEYWORD = "x-markdown-images"
LINK_SCHEMES = ("https://", "tel:", "mailto:")
MIN_HEADING = 3
ALLOWED_BLOCKS = frozenset(
    {
        "paragraph_open",
        "paragraph_close",
        "inline",
        "heading_open",
        "heading_close",
        "bullet_list_open",
        "bullet_list_close",
        "ordered_list_open",
        "ordered_list_close",
        "list_item_open",
        "list_item_close",
    }
)
ALLOWED_INLINE = frozenset(
    {
        "text",
        "softbreak",
        "hardbreak",
        "em_open",
        "em_close",
        "strong_open",
        "strong_close",
        "link_open",
        "link_close",
    }
)
CODES = {
    "html_block": "md-html",
    "html_inline": "md-html",
    "code_block": "md-code-block",
    "fence": "md-fence",
    "code_inline": "md-code-inline",
    "blockquote_open": "md-quote",
    "hr": "md-rule",
    "image": "md-image",
}
NOT_ALLOWED = {
    "html_block": "raw HTML is not allowed; write it as Markdown or remove it",
    "html_inline": "raw HTML is not allowed; write it as Markdown or remove it",
    "code_block": "a line indented by four spaces becomes a code block; remove the indentation",
    "fence": "code blocks (```) are not allowed; write the text as a paragraph",
    "code_inline": "code (`…`) is not allowed; remove the backticks",
    "blockquote_open": "quotes (>) are not allowed; write the text as a paragraph",
    "hr": "horizontal rules (---, ***) are not allowed; remove the line",
    "image": "images are not allowed here; link to the page that shows the image instead",
}
# Markdown a one-line plain text must not contain (ordered lists are left alone: "6. joulukuuta").
PLAIN_MARKUP = {
    "heading_open": "a heading (#)",
    "bullet_list_open": "a list (- or *)",
    "blockquote_open": "a quote (>)",
    "html_block": "HTML",
    "html_inline": "HTML",
    "em_open": "emphasis (*…* or _…_)",
    "strong_open": "bold (**…**)",
    "link_open": "a link ([…](…))",
    "image": "an image (![…](…))",
    "code_inline": "code (`…`)",
    "fence": "a code block",
    "code_block": "a code block",
    "hr": "a rule (---)",
}


@dataclass(frozen=True)
class TextIssue:
    """One breach of the contract in one text: its 0-based line and column within the text, and what to fix."""

    line: int
    message: str
    code: str = ""
    args: tuple[tuple[str, str], ...] = ()
    column: int = 0


class _Columns:
    """Finds where a token starts on its line; repeated constructs on one line get successive columns."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.after: dict[int, int] = {}

    def of(self, line: int, token: Token) -> int:
        """0-based column of TOKEN's source on LINE; the line's first character when it cannot be found."""
        source = self.lines[line] if line < len(self.lines) else ""
        needle = _needle(token)
        start = self.after.get(line, 0)
        found = source.find(needle, start) if needle else -1
        if found < 0:  # a block: its first character (an indented code block: the indentation itself)
            return 0 if token.type == "code_block" else len(source) - len(source.lstrip())
        self.after[line] = found + 1
        return found


def _needle(token: Token) -> str:
    """Text that marks where TOKEN begins in the source ('' for a block, found at its line's start)."""
    if token.type == "link_open":
        return str(token.attrs.get("href", ""))
    if token.type == "image":
        return "!["
    if token.type == "code_inline":
        return token.markup
    if token.type in ("html_inline", "html_block"):
        return token.content.split("\n", 1)[0].strip()
    if token.type in ("em_open", "strong_open"):
        return token.markup
    return ""


@cache
def parser() -> MarkdownIt:
    """A CommonMark parser that keeps every link, so the contract (not the parser) judges them."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def _inline_tokens(token: Token) -> Iterator[tuple[int, Token]]:
    """(line, child) for each child of an inline token; lines counted from the breaks before it."""
    line = token.map[0] if token.map else 0
    for child in token.children or ():
        yield line, child
        if child.type in ("softbreak", "hardbreak"):
            line += 1


def _tokens(text: str) -> Iterator[tuple[int, Token]]:
    """(0-based line, token) for every block and inline token of TEXT."""
    for token in parser().parse(text):
        yield (token.map[0] if token.map else 0), token
        if token.type == "inline":
            yield from _inline_tokens(token)


def _link_issue(href: str) -> tuple[str, str] | None:
    if href.lower().startswith(LINK_SCHEMES):
        return None
    if href.lower().startswith("http://"):
        return "md-link-http", f'link "{href}" uses http: write https:// (customers are never sent over plain http)'
    return "md-link-scheme", f'link "{href}" is not allowed: links start with https://, tel: or mailto:'


def _snippet(text: str, limit: int = 40) -> str:
    """TEXT on one line, quoted and shortened for a message."""
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= limit else flat[: limit - 1] + "…"}"'


def markdown_issues(text: str, images: bool = False) -> list[TextIssue]:
    """Where TEXT breaks the Markdown contract; images are allowed only when IMAGES."""
    if only_paragraphs_and_bullets(text):
        return []
    issues = []
    columns = _Columns(text)
    for line, token in _tokens(text):
        message: str | None = None
        code, args = "", {}
        if token.type == "heading_open" and int(token.tag[1:]) < MIN_HEADING:
            level = int(token.tag[1:])
            message = (
                f"heading level {level} is not allowed: headings start at level {MIN_HEADING} "
                f"({'#' * MIN_HEADING} Heading)"
            )
            code, args = "md-heading", {"level": str(level), "min": str(MIN_HEADING)}
        elif token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            code, message = _link_issue(href) or ("", None)
            args = {"href": href}
        elif token.type == "image" and images:
            src = str(token.attrs.get("src", ""))
            message = None if src.lower().startswith("https://") else f'image "{src}" must use https://'
            code, args = "md-image-http", {"src": src}
        elif token.type.endswith("_close"):
            continue  # the opening token was judged
        elif token.type not in ALLOWED_BLOCKS and token.type not in ALLOWED_INLINE:
            message = NOT_ALLOWED.get(token.type, f"{token.type.removesuffix('_open')} is not allowed")
            code, args = CODES.get(token.type, "md-other"), {"what": token.type.removesuffix("_open")}
            if token.type.startswith("html_"):
                message = f"{_snippet(token.content)}: {message}"
                args = {"snippet": _snippet(token.content)}
        if message:
            issues.append(TextIssue(line, message, code, tuple(args.items()), columns.of(line, token)))
    return issues


def plain_issues(text: str) -> list[TextIssue]:
    """Where TEXT, a one-line plain text such as a title, has a line break or Markdown."""
    if "\n" in text or "\r" in text:
        return [
            TextIssue(
                0,
                "must be one line: remove the line break (longer texts belong in a Markdown field)",
                "plain-line-break",
            )
        ]
    if only_paragraphs(text):
        return []
    for line, token in _tokens(text):
        markup = PLAIN_MARKUP.get(token.type)
        if markup:
            syntax = markup.split("(", 1)[1].rstrip(")") if "(" in markup else markup
            return [
                TextIssue(
                    line,
                    f"is plain text but contains {markup}: remove the Markdown",
                    "plain-markup",
                    (("markup", syntax),),
                    _Columns(text).of(line, token),
                )
            ]
    return []
