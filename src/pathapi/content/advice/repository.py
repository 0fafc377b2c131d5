"""The advisor over one repository state: its vocabulary, its thresholds, its validated documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import orjson

from pathapi.content.advice import Advised, Advisor, advisable
from pathapi.content.advice.thresholds import Thresholds
from pathapi.content.advice.vocabulary import VOCABULARY_FILE, load_vocabulary
from pathapi.content.checks import Validation
from pathapi.content.findings import Report
from pathapi.content.kinds import SCHEMA_DIR
from pathapi.content.sources import SourceFile


def _data(files: Sequence[SourceFile], path: str) -> bytes | None:
    return next((f.data for f in files if f.path == path), None)


def _json(data: bytes | None) -> Any:
    try:
        return orjson.loads(data) if data else None
    except orjson.JSONDecodeError:
        return None


def advisor_for(files: Sequence[SourceFile], thresholds: Thresholds | None = None) -> Advisor:
    """An advisor with the repository's schemas and vocabulary, and THRESHOLDS (from its settings)."""
    schemas = {
        f.path.removeprefix(f"{SCHEMA_DIR}/"): _json(f.data)
        for f in files
        if f.path.startswith(f"{SCHEMA_DIR}/") and f.path.endswith(".json")
    }
    usable = {name: schema for name, schema in schemas.items() if isinstance(schema, dict)}
    return Advisor(usable, load_vocabulary(_data(files, VOCABULARY_FILE)), thresholds)


def advise(
    files: Sequence[SourceFile], validation: Validation, within: Callable[[str], bool] = lambda path: True
) -> Advised:
    """Advice on the documents of VALIDATION that passed their schema and lie WITHIN the scope."""
    documents = [
        (c.document, c.positions)
        for path, c in validation.checks.items()
        if c.document is not None and advisable(c.document.kind) and within(path)
    ]
    return advisor_for(files, validation.settings.advice).advise(documents)


def with_advice(validation: Validation, advised: Advised) -> Validation:
    """VALIDATION with the advice added to its report as warnings."""
    problems = tuple(sorted((*validation.report.problems, *advised.problems)))
    return replace(validation, report=Report(problems, validation.report.checked))
