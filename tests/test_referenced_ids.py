"""referenced_ids is what references yields without the pointers (the reference check's fast way)."""

from __future__ import annotations

import json

from bench.generate import documents

from pathapi.content.checks import FileCheck
from pathapi.content.kinds import Kind
from pathapi.content.references import referenced_ids, references
from pathapi.content.sources import SourceFile, read_directory
from pathapi.content.validator import Validator
from tests.support import ROOT


def test_the_ids_are_the_references_ids() -> None:
    files = read_directory(ROOT)
    files += [
        SourceFile(f"content/{folder}/{doc['id']}.json", json.dumps(doc).encode()) for folder, doc in documents(60)
    ]
    validator = Validator.for_files(files)
    checks: list[FileCheck] = [validator.check_file(f) for f in files if f.path.startswith("content/")]
    docs = [c.document for c in checks if c.document is not None]
    assert {d.kind for d in docs} >= {Kind.PATH, Kind.CHANNEL, Kind.TOPIC}
    for doc in docs:
        expected: dict[Kind, set[str]] = {kind: set() for kind in Kind}
        for ref in references(doc):
            expected[ref.kind].add(ref.id)
        assert referenced_ids(doc) == expected, doc.path
