"""Rules on texts, driven by the schema's contentMediaType: the Markdown contract and plain titles."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pathapi.content.document import Document
from pathapi.content.markdown import (
    IMAGES_KEYWORD,
    MARKDOWN_TYPE,
    PLAIN_TYPE,
    markdown_issues,
    plain_issues,
)
from pathapi.content.media import Schemas, plan_for, typed_texts
from pathapi.content.places import Places, places
from pathapi.content.plain_texts import all_paragraphs_and_bullets, all_plain_lines
from pathapi.content.rules import Finding
from pathapi.content.versions import CURRENT, schema_path

MARKDOWN_RULE = "markdown"
PLAIN_RULE = "plain-text"


@dataclass(frozen=True)
class TextFinding:
    """A finding inside a text: OFFSET is where, in characters, the breach starts within the text."""

    finding: Finding
    text: str
    offset: int


def _line_offset(text: str, line: int) -> int:
    """Character offset of 0-based LINE within TEXT."""
    return sum(len(part) + 1 for part in text.split("\n")[:line])


def scan(doc: Document, schemas: Schemas) -> Places:
    """DOC's places for the tree-wide rules and its texts by media type, in one walk (kept for the rules)."""
    return places(doc, plan_for(schemas, schema_path(doc.kind, CURRENT)))  # documents have the current shape


def clean_at_a_glance(doc: Document, schemas: Schemas) -> bool:
    """True when no text of DOC can break its contract: every text plain words (one scan per media type)."""
    found = scan(doc, schemas).media
    return all_paragraphs_and_bullets(found.get(MARKDOWN_TYPE, [])) and all_plain_lines(found.get(PLAIN_TYPE, []))


def check_texts(doc: Document, schemas: Schemas) -> Iterator[TextFinding]:
    """Findings for Markdown fields outside the contract and plain fields with breaks or Markdown."""
    if not clean_at_a_glance(doc, schemas):  # most documents are: no text then needs judging alone
        yield from judge_texts(doc, schemas)


def judge_texts(doc: Document, schemas: Schemas) -> Iterator[TextFinding]:
    """``check_texts`` without the glance: every text judged on its own (the reference the glance agrees with)."""
    schema_file = schema_path(doc.kind, CURRENT)  # documents are upgraded to the current shape
    for typed in typed_texts(schemas, schema_file, doc.data):
        if typed.media_type == MARKDOWN_TYPE:
            issues = markdown_issues(typed.text, images=typed.schema.get(IMAGES_KEYWORD) is True)
            rule = MARKDOWN_RULE
        elif typed.media_type == PLAIN_TYPE:
            issues, rule = plain_issues(typed.text), PLAIN_RULE
        else:
            continue
        several = "\n" in typed.text.strip()
        for issue in issues:
            where = f"Markdown line {issue.line + 1}: " if several and rule == MARKDOWN_RULE else ""
            args = (("where", str(issue.line + 1) if where else ""), *issue.args)
            finding = Finding(doc.path, typed.pointer, f"{where}{issue.message}", rule, code=issue.code, args=args)
            yield TextFinding(finding, typed.text, _line_offset(typed.text, issue.line) + issue.column)
