"""Rules a JSON Schema cannot express, as functions that yield findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from pathapi.content.document import LANGUAGES, Document, is_localized, walk
from pathapi.content.kinds import CONTENT_DIR, Kind
from pathapi.content.references import references

URL_FIELDS = ("url", "app_link")


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one place in one document."""

    path: str
    pointer: str
    message: str
    rule: str
    at_key: bool = False


def id_matches_file(doc: Document) -> Iterator[Finding]:
    """The ``id`` field equals the file name without ``.json``."""
    if doc.data.get("id") != doc.id:
        message = f'id "{doc.data.get("id")}" does not match the file name "{doc.id}.json"'
        yield Finding(doc.path, "/id", message, "id-matches-file")


def locales_consistent(doc: Document) -> Iterator[Finding]:
    """Every localized text has exactly the languages of the document's title."""
    expected = set(doc.languages)
    for pointer, value in walk(doc.data):
        if is_localized(value) and set(value) != expected:
            missing = sorted(expected - set(value), key=LANGUAGES.index)
            extra = sorted(set(value) - expected, key=LANGUAGES.index)
            parts = [f"missing {', '.join(missing)}"] if missing else []
            parts += [f"has {', '.join(extra)} that the title lacks"] if extra else []
            wanted = ", ".join(sorted(expected, key=LANGUAGES.index))
            message = f"text languages differ from the document's ({wanted}): {'; '.join(parts)}"
            yield Finding(doc.path, pointer, message, "locales-consistent")


def _ordered(
    doc: Document, first: str, second: str, parse: Callable[[str], date | datetime]
) -> Iterator[Finding]:
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
        message = f"{later} ({values[1]}) must be after {earlier} ({values[0]})"
        yield Finding(doc.path, second, message, "dates-ordered")


def dates_ordered(doc: Document) -> Iterator[Finding]:
    """Review and publishing dates come in order."""
    yield from _ordered(doc, "/owner/reviewed_on", "/owner/review_due", date.fromisoformat)
    yield from _ordered(doc, "/publish_at", "/unpublish_at", datetime.fromisoformat)


def https_links(doc: Document) -> Iterator[Finding]:
    """Links use https: the website and app must never send customers over plain http."""
    for pointer, value in walk(doc.data):
        field = pointer.rsplit("/", 1)[-1]
        if field in URL_FIELDS and isinstance(value, str) and not value.startswith("https://"):
            yield Finding(doc.path, pointer, f'link must use https: "{value}"', "https-links")


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
                message = f'duplicate {what} id "{item["id"]}" (first at {seen[key]})'
                yield Finding(doc.path, f"{pointer}/id", message, "unique-ids")
            else:
                seen[key] = pointer


def audience_nested(doc: Document) -> Iterator[Finding]:
    """A block is never for more audiences than the document or block that holds it."""

    def walk_audience(value: object, pointer: str, inherited: frozenset[str] | None) -> Iterator[Finding]:
        if isinstance(value, dict):
            marked = value.get("audience")
            if isinstance(marked, list):
                extra = sorted(set(marked) - inherited) if inherited is not None else []
                if extra:
                    message = (f"audience {', '.join(extra)} is wider than the enclosing "
                               f"{', '.join(sorted(inherited or ()))}")
                    yield Finding(doc.path, f"{pointer}/audience", message, "audience-nested")
                inherited = frozenset(marked) if inherited is None else inherited & frozenset(marked)
            for key, child in value.items():
                yield from walk_audience(child, f"{pointer}/{key}", inherited)
        elif isinstance(value, list):
            for index, child in enumerate(value):
                yield from walk_audience(child, f"{pointer}/{index}", inherited)

    yield from walk_audience(doc.data, "", None)


DOCUMENT_RULES: tuple[Callable[[Document], Iterable[Finding]], ...] = (
    id_matches_file,
    locales_consistent,
    dates_ordered,
    https_links,
    unique_within_path,
    audience_nested,
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
                message = (f'alias "{alias}" is the id of {CONTENT_DIR}/{folder}/{alias}.json: a former id must '
                           "not be in use; remove the alias or rename that file")
                yield Finding(doc.path, pointer, message, "aliases-unique")
            elif (doc.kind, alias) in first:
                message = (f'alias "{alias}" is already a former id of {first[(doc.kind, alias)]}: an old URL can '
                           "lead to one document only; keep the alias in one of them")
                yield Finding(doc.path, pointer, message, "aliases-unique")
            else:
                first[(doc.kind, alias)] = doc.path


def check_corpus(
    documents: Iterable[Document], present: Mapping[Kind, set[str]]
) -> Iterator[Finding]:
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
            message = f'id "{doc.data.get("id")}" is used by another {doc.kind} document'
            yield Finding(doc.path, "/id", message, "unique-ids")
        for ref in references(doc):
            if ref.id not in present.get(ref.kind, set()):
                message = f'unknown {ref.kind} "{ref.id}": no {CONTENT_DIR}/{ref.kind.folder}/{ref.id}.json'
                yield Finding(doc.path, ref.pointer, message, "references-resolve")
            elif ref.kind is doc.kind and ref.id == doc.id:
                yield Finding(doc.path, ref.pointer, f"{doc.kind} refers to itself", "no-self-reference")
            elif doc.status == "published" and status.get((ref.kind, ref.id), "published") != "published":
                message = (f'published {doc.kind} refers to {ref.kind} "{ref.id}" whose status is '
                           f'"{status[(ref.kind, ref.id)]}": publish it first or remove the reference')
                yield Finding(doc.path, ref.pointer, message, "published-references")
