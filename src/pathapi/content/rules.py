"""Rules a JSON Schema cannot express, as functions that yield findings."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pathapi.content.catalogue import closest, english, quoted
from pathapi.content.document import LANGUAGES, Document
from pathapi.content.findings import ERROR, WARNING
from pathapi.content.kinds import CONTENT_DIR, Kind
from pathapi.content.media import Plan, gather_texts
from pathapi.content.positions import escape_token
from pathapi.content.references import references
from pathapi.content.scaffold import PLACEHOLDER_MARKS

URL_FIELDS = ("url", "app_link")
ARCHIVED = "archived"
PLACEHOLDER_STARTS = tuple(f"{mark}:" for mark in PLACEHOLDER_MARKS.values())
LOCALES = frozenset(LANGUAGES)


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
    """One walk of a document: the places the tree-wide rules judge and, given a plan, its texts by media type."""

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
                self.localized(node, plan)
                return
            marked = node.get("audience")
            if isinstance(marked, list):
                if inherited is not None and not inherited.issuperset(marked):
                    self.found.audiences.append((self.at("audience"), marked, inherited))
                inherited = frozenset(marked) if inherited is None else inherited & frozenset(marked)
            self.members(node, inherited, plan)
        elif isinstance(node, list):
            self.items(node, inherited, plan)

    def localized(self, node: dict[str, Any], plan: Plan | None) -> None:
        found = self.found
        if node.keys() != self.expected:
            found.texts.append((self.at(), frozenset(node)))
        whole = plan is not None and plan.leaf_media is not None and node.keys() <= plan.properties.keys()
        for key, value in node.items():
            if isinstance(value, str):
                if value.startswith(PLACEHOLDER_STARTS):
                    found.placeholders.append((self.at(str(key)), value))
            else:
                whole = False
        if whole:
            assert plan is not None and plan.leaf_media is not None
            found.media.setdefault(plan.leaf_media, []).extend(node.values())
        elif plan is not None:
            gather_texts(node, plan, found.media)  # its schema decides, key by key

    def members(self, node: dict[str, Any], inherited: frozenset[str] | None, plan: Plan | None) -> None:
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
            elif isinstance(child, dict | list):
                path.append(str(key))
                self.visit(child, inherited, sub if sub is not None and sub.has_text else None)
                path.pop()

    def items(self, node: list[Any], inherited: frozenset[str] | None, plan: Plan | None) -> None:
        found, path = self.found, self.path
        sub = plan.items if plan is not None and plan.items is not None and plan.items.has_text else None
        for index, child in enumerate(node):
            if isinstance(child, str):
                if child.startswith(PLACEHOLDER_STARTS):
                    found.placeholders.append((self.at(str(index)), child))
                if sub is not None and sub.media is not None:
                    found.media.setdefault(sub.media, []).append(child)
            elif isinstance(child, dict | list):
                path.append(str(index))
                self.visit(child, inherited, sub)
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


def aliases_unique(docs: list[Document], present: Mapping[Kind, set[str]]) -> Iterator[Finding]:
    """A former id (alias) names no existing document of its kind and no other document's alias."""
    first: dict[tuple[Kind, str], str] = {}
    for doc in docs:
        aliases = doc.data.get("aliases")
        for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
            pointer, folder = f"/aliases/{index}", doc.kind.folder
            if alias in present.get(doc.kind, set()):
                yield finding(
                    doc.path,
                    pointer,
                    "aliases-unique",
                    "alias-in-use",
                    alias=alias,
                    file=f"{CONTENT_DIR}/{folder}/{alias}.json",
                )
            elif (doc.kind, alias) in first:
                yield finding(
                    doc.path, pointer, "aliases-unique", "alias-taken", alias=alias, other=first[(doc.kind, alias)]
                )
            else:
                first[(doc.kind, alias)] = doc.path


def check_corpus(documents: Iterable[Document], present: Mapping[Kind, set[str]]) -> Iterator[Finding]:
    """Rules across documents: unique ids per kind, references resolve, no self-reference.

    ``present`` holds the ids of every file that exists, valid or not, so a reference
    to a broken file is reported once, on that file, and not again here.
    """
    docs = list(documents)
    yield from aliases_unique(docs, present)
    counts = Counter((d.kind, d.data.get("id")) for d in docs)
    status = {(d.kind, d.id): d.status for d in docs}
    for doc in docs:
        if counts[(doc.kind, doc.data.get("id"))] > 1 and doc.data.get("id") != doc.id:
            yield finding(doc.path, "/id", "unique-ids", "duplicate-document-id", id=doc.data.get("id"), kind=doc.kind)
        for ref in references(doc):
            if ref.id not in present.get(ref.kind, set()):
                yield _unknown(doc, ref.pointer, ref.kind, ref.id, present.get(ref.kind, set()))
            elif ref.kind is doc.kind and ref.id == doc.id:
                yield finding(doc.path, ref.pointer, "no-self-reference", "self-reference", kind=doc.kind)
            elif doc.status != ARCHIVED and status.get((ref.kind, ref.id), "published") != "published":
                code = "published-reference" if doc.status == "published" else "reference-unpublished"
                yield finding(
                    doc.path,
                    ref.pointer,
                    "published-references",
                    code,
                    kind=ref.kind,
                    id=ref.id,
                    status=status[(ref.kind, ref.id)],
                    severity=publish_only(doc),
                )


def _unknown(doc: Document, pointer: str, kind: Kind, ref: str, ids: set[str]) -> Finding:
    """An unknown reference, with the closest existing ids of that kind when some look alike."""
    near = closest(ref, ids)
    code = "unknown-reference-near" if near else "unknown-reference"
    return finding(
        doc.path,
        pointer,
        "references-resolve",
        code,
        kind=kind,
        kind_code=kind.value,
        id=ref,
        file=f"{CONTENT_DIR}/{kind.folder}/{ref}.json",
        closest=quoted(near),
    )
