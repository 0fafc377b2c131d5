"""Rules across documents: unique ids and aliases, references resolve, published documents refer to published ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pathapi.content.catalogue import closest, quoted
from pathapi.content.document import Document
from pathapi.content.kinds import CONTENT_DIR, Kind
from pathapi.content.lifecycle import ARCHIVED
from pathapi.content.references import references
from pathapi.content.rules import Finding, finding, publish_only

NOTHING: frozenset[str] = frozenset()  # the ids of a kind no file has


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
    # Only a document whose id differs from its file's name can repeat another's (file names are unique).
    strays = any(d.data.get("id") != d.id for d in docs)
    counts = Counter((d.kind, d.data.get("id")) for d in docs) if strays else Counter[tuple[Kind, Any]]()
    status = {(d.kind, d.id): d.status for d in docs if d.status != "published"}  # the others are published
    unpublished: dict[Kind, set[str]] = {kind: set() for kind in Kind}
    for kind, doc_id in status:
        unpublished[kind].add(doc_id)
    for doc in docs:
        if strays and doc.data.get("id") != doc.id and counts[(doc.kind, doc.data.get("id"))] > 1:
            yield finding(doc.path, "/id", "unique-ids", "duplicate-document-id", id=doc.data.get("id"), kind=doc.kind)
        if _refers_well(doc, present, unpublished):
            continue  # most documents: their references need no pointers
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


def _refers_well(doc: Document, present: Mapping[Kind, set[str]], unpublished: Mapping[Kind, set[str]]) -> bool:
    """Whether every reference of DOC names an existing document other than DOC, and, unless DOC is
    archived, a published one: then check_corpus has nothing to say about them (set operations only)."""
    try:
        referenced = doc.referenced
    except TypeError:  # an id that is no string (the schema refused it): the careful way tells
        return False
    for kind, ids in referenced.items():  # only the kinds it refers to
        if not ids <= present.get(kind, NOTHING) or (kind is doc.kind and doc.id in ids):
            return False
        if doc.status != ARCHIVED and not ids.isdisjoint(unpublished[kind]):
            return False
    return True


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
