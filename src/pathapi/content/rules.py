"""Single-document rules a JSON Schema cannot express, as functions yielding findings (see also corpus_rules)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from pathapi.content.catalogue import english
from pathapi.content.document import LANGUAGES, Document
from pathapi.content.findings import ERROR, WARNING
from pathapi.content.kinds import Kind
from pathapi.content.lifecycle import ARCHIVED
from pathapi.content.places import places


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one place in one document."""

    path: str
    pointer: str
    message: str
    rule: str
    at_key: bool = False
    code: str = ""
    args: tuple[tuple[str, str], ...] = ()
    severity: str = ERROR


def finding(
    path: str, pointer: str, rule: str, code: str, *, at_key: bool = False, severity: str = ERROR, **args: object
) -> Finding:
    """A finding worded by catalogue CODE with ARGS (the English message is kept for logs)."""
    values = {k: str(v) for k, v in args.items()}
    return Finding(path, pointer, english(code, values)[0], rule, at_key, code, tuple(values.items()), severity)


def publish_only(doc: Document) -> str:
    """Severity of a rule that only binds published documents: an error there, a warning on drafts."""
    return ERROR if doc.status == "published" else WARNING


def id_matches_file(doc: Document) -> Iterator[Finding]:
    """The ``id`` field equals the file name without ``.json``."""
    if doc.data.get("id") != doc.id:
        yield finding(
            doc.path,
            "/id",
            "id-matches-file",
            "id-mismatch",
            id=doc.data.get("id"),
            file=f"{doc.id}.json",
            expected=doc.id,
        )


def locales_consistent(doc: Document) -> Iterator[Finding]:
    """Every localized text has exactly the languages of the title (binding on published documents)."""
    expected = set(doc.languages)
    wanted = ", ".join(sorted(expected, key=LANGUAGES.index))
    severity = publish_only(doc)
    for pointer, languages in places(doc).texts:
        missing = sorted(expected - languages, key=LANGUAGES.index)
        extra = sorted(languages - expected, key=LANGUAGES.index)
        if missing:
            yield finding(
                doc.path,
                pointer,
                "locales-consistent",
                "locales-missing",
                severity=severity,
                missing=", ".join(missing),
                languages=wanted,
            )
        if extra:
            yield finding(
                doc.path,
                pointer,
                "locales-consistent",
                "locales-extra",
                severity=severity,
                extra=", ".join(extra),
                languages=wanted,
            )


def _ordered(doc: Document, first: str, second: str, parse: Callable[[str], date | datetime]) -> Iterator[Finding]:
    """Finding when the value at pointer ``first`` is not before the one at ``second``."""
    values = []
    for pointer in (first, second):
        node: object = doc.data
        for part in pointer.strip("/").split("/"):
            node = node.get(part) if isinstance(node, dict) else None
        values.append(node)
    if not all(isinstance(v, str) for v in values):
        return
    try:
        start, end = parse(str(values[0])), parse(str(values[1]))
    except ValueError:
        return  # the schema's format check reports malformed dates
    if not start < end:
        later, earlier = second.rsplit("/", 1)[-1], first.rsplit("/", 1)[-1]
        yield finding(
            doc.path,
            second,
            "dates-ordered",
            "dates-ordered",
            later=later,
            later_value=values[1],
            earlier=earlier,
            earlier_value=values[0],
        )


def dates_ordered(doc: Document) -> Iterator[Finding]:
    """Review and publishing dates come in order."""
    yield from _ordered(doc, "/owner/reviewed_on", "/owner/review_due", date.fromisoformat)
    yield from _ordered(doc, "/publish_at", "/unpublish_at", datetime.fromisoformat)


def https_links(doc: Document) -> Iterator[Finding]:
    """Links use https: the website and app must never send customers over plain http."""
    for pointer, value in places(doc).links:
        yield finding(doc.path, pointer, "https-links", "https-link", url=value)


def unique_within_path(doc: Document) -> Iterator[Finding]:
    """Phase ids, and step ids across all phases, are unique within a path."""
    if doc.kind is not Kind.PATH:
        return
    seen: dict[tuple[str, str], str] = {}
    for p, phase in enumerate(doc.data.get("phases", [])):
        items = [("phase", f"/phases/{p}", phase)]
        items += [("step", f"/phases/{p}/steps/{s}", st) for s, st in enumerate(phase["steps"])]
        for what, pointer, item in items:
            key = (what, item["id"])
            if key in seen:
                yield finding(
                    doc.path, f"{pointer}/id", "unique-ids", "duplicate-id", what=what, id=item["id"], first=seen[key]
                )
            else:
                seen[key] = pointer


def placeholders_left(doc: Document) -> Iterator[Finding]:
    """No text still holds a ``pathapi new`` placeholder (binding on published documents)."""
    if doc.status == ARCHIVED:
        return
    for pointer, value in places(doc).placeholders:
        excerpt = value if len(value) <= 60 else value[:59] + "…"
        yield finding(doc.path, pointer, "placeholders", "placeholder-left", severity=publish_only(doc), text=excerpt)


def required_languages(doc: Document, required: tuple[str, ...]) -> Iterator[Finding]:
    """The document is written in every language the repository settings require (binding when published)."""
    missing = [lang for lang in required if lang not in doc.languages]
    if not missing or doc.status == ARCHIVED:
        return
    label = "/title" if "title" in doc.data else "/name"
    yield finding(
        doc.path,
        label,
        "languages-required",
        "language-required",
        at_key=True,
        severity=publish_only(doc),
        missing=", ".join(missing),
        required=", ".join(required),
    )


def audience_nested(doc: Document) -> Iterator[Finding]:
    """A block is never for more audiences than the document or block that holds it."""
    for pointer, marked, inherited in places(doc).audiences:
        extra = sorted(set(marked) - inherited)
        yield finding(
            doc.path,
            pointer,
            "audience-nested",
            "audience-nested",
            extra=", ".join(extra),
            enclosing=", ".join(sorted(inherited)),
        )


DOCUMENT_RULES: tuple[Callable[[Document], Iterable[Finding]], ...] = (
    id_matches_file,
    locales_consistent,
    dates_ordered,
    https_links,
    unique_within_path,
    audience_nested,
    placeholders_left,
)


def check_document(doc: Document) -> list[Finding]:
    """Run every single-document rule on a schema-valid document."""
    return [finding for rule in DOCUMENT_RULES for finding in rule(doc)]
