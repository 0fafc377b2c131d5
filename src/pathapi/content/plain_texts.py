"""Texts that need no Markdown parser: plain paragraphs (and bullets), found with string checks in C.

The Markdown contract (content.markdown) parses a text only when these say it may hold markup;
the text rules glance at all of a document's texts of one media type at once.
"""

from __future__ import annotations

import re

# A text without these characters, and without a line that starts a block by its first
# character or indentation, is plain paragraphs: nothing in it can break the contract.
MARKUP_ANYWHERE = frozenset("<[!`~#>*_\\&")
BLOCK_STARTS = frozenset("-+=|") | frozenset("0123456789")


def only_paragraphs(text: str) -> bool:
    """True when TEXT cannot hold any construct but paragraphs and line breaks (no parse needed)."""
    if "\r" in text or not MARKUP_ANYWHERE.isdisjoint(text):
        return False
    for line in text.split("\n"):
        if line.startswith(("    ", "\t", " \t", "  \t", "   \t")) or line.lstrip()[:1] in BLOCK_STARTS:
            return False
    return True


def only_paragraphs_and_bullets(text: str) -> bool:
    """True when TEXT holds nothing but paragraphs and ``- item`` lines of plain words (no parse needed)."""
    if "\r" in text or not MARKUP_ANYWHERE.isdisjoint(text):
        return False
    for line in text.split("\n"):
        if line.startswith("- "):  # a bullet whose words start like a paragraph's: an allowed list item
            line = line[2:]
            if not line[:1] or line[:1].isspace():  # "- " alone may underline a heading; more spaces, code
                return False
        if line.startswith(("    ", "\t", " \t", "  \t", "   \t")) or line.lstrip()[:1] in BLOCK_STARTS:
            return False
    return True


# What may make a text more than plain paragraphs and bullets, over many texts at once (all in C):
# a markup character or CR anywhere, or a line starting with whitespace or a block character (after
# a bullet's "- "), or a bullet with nothing after it. Stricter than the per-text checks above.
# Lines are found after a newline (texts joined by newlines, one put first) or a NUL (one-line texts).
MARKUP_CHARACTERS = "<[!`~#>*_\\&\r"
LINE_SUSPECT = re.compile(r"\n(?:(?:- )?+(?:[^\S\n]|[-+=|0-9])|- ?(?:\n|\Z))")
ONE_LINE_SUSPECT = re.compile(r"\x00(?:\s|[-+=|0-9])")


def _any_markup(joined: str) -> bool:
    """Whether JOINED holds a markup character or a CR (a substring search per character: twenty times
    faster than a character-class regex over a few kilobytes)."""
    return any(character in joined for character in MARKUP_CHARACTERS)


def all_paragraphs_and_bullets(texts: list[str]) -> bool:
    """True only when every Markdown text of TEXTS holds nothing but paragraphs and plain bullets (one scan)."""
    joined = "\n" + "\n".join(texts)
    return not _any_markup(joined) and not LINE_SUSPECT.search(joined)


def all_plain_lines(texts: list[str]) -> bool:
    """True only when every plain text of TEXTS is one line without Markdown (one scan)."""
    joined = "\x00" + "\x00".join(texts)
    return not texts or (
        joined.count("\x00") == len(texts)
        and "\n" not in joined
        and not _any_markup(joined)
        and not ONE_LINE_SUSPECT.search(joined)
    )
