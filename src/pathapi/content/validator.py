"""Validate the files of one repository state: JSON syntax, schemas and cross-document rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import orjson

from pathapi.content.advice.vocabulary import VOCABULARY_FILE, check_vocabulary
from pathapi.content.bulk import without_collector
from pathapi.content.checks import FileCheck, KnownBlobs, Validation, settings_of
from pathapi.content.compiled import fast_validator, format_names
from pathapi.content.corpus_rules import check_corpus
from pathapi.content.document import Document
from pathapi.content.findings import WARNING, Problem, Report
from pathapi.content.freshness import overdue_findings
from pathapi.content.helper import check_all
from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR, Kind, locate
from pathapi.content.limits import RULE as LIMITS
from pathapi.content.limits import Limits, line_column, long_texts, too_deep, too_large, without_strings
from pathapi.content.parsing import ParseFailure, duplicate_keys, parse_json, plain_value
from pathapi.content.positions import Positions
from pathapi.content.rules import check_document, required_languages
from pathapi.content.schemas import SchemaSet
from pathapi.content.settings import SETTINGS_FILE, SETTINGS_SCHEMA
from pathapi.content.sources import SourceFile
from pathapi.content.synonyms import SYNONYMS_FILE, check_synonyms
from pathapi.content.text_rules import check_texts, scan
from pathapi.content.validation_problems import finding_problem, schema_problems, text_problem
from pathapi.content.versions import CURRENT, declared_version, pointer, upgrade


class Validator:
    """Checks files against one compiled SchemaSet; never prints, never raises on content."""

    def __init__(
        self,
        schemas: SchemaSet,
        schema_problems: Iterable[Problem] = (),
        limits: Limits | None = None,
        known_valid: KnownBlobs | None = None,
        schema_files: dict[str, bytes] | None = None,
    ) -> None:
        self.schemas = schemas
        self.schema_problems = tuple(schema_problems)
        self.limits = limits or Limits.from_environment()
        self.known_valid = known_valid  # blobs that skip jsonschema; those that pass are added
        self.schema_files = schema_files  # what a helper process compiles the same schemas from

    @classmethod
    def for_files(
        cls, files: Iterable[SourceFile], limits: Limits | None = None, known_valid: KnownBlobs | None = None
    ) -> Validator:
        """Compile the schemas found among FILES (``schemas/*.json``)."""
        schema_files = {
            f.path: f.data for f in files if f.path.startswith(f"{SCHEMA_DIR}/") and f.path.endswith(".json")
        }
        schemas, problems = SchemaSet.load(schema_files)
        return cls(schemas, problems, limits, known_valid, schema_files)

    def _over_limits(self, file: SourceFile, known: bool, outside: bytes | None = None) -> tuple[Problem, ...]:
        """A problem when FILE is too large or too deeply nested to be parsed safely."""
        if too_large(file.data, self.limits) is not None:
            return (
                Problem.of(file.path, 1, 1, "too-large", "", LIMITS, size=len(file.data), limit=self.limits.max_bytes),
            )
        deep = None if known else too_deep(file.data, self.limits, outside)
        if deep is not None:
            return (
                Problem.of(
                    file.path,
                    *line_column(file.data, deep.offset),
                    "too-deep",
                    deep.pointer,
                    LIMITS,
                    limit=self.limits.max_depth,
                ),
            )
        return ()

    def check_file(self, file: SourceFile) -> FileCheck:
        """Check one content file alone: limits, location, JSON syntax, schema, single-document rules."""
        known = self.known_valid is not None and file.blob_id is not None and file.blob_id in self.known_valid
        located, large = locate(file.path), too_large(file.data, self.limits) is not None
        if not known and not large and located is not None:
            plain = plain_value(file.data, self.limits.max_depth)  # most files: nothing to look at closely
            if plain is not None:
                return self._check_value(file, *located, plain, Positions(file.data, plain=True))
        # Strings cut out once: the nesting check and the parser's duplicate-key check both read it.
        outside = None if known or large else without_strings(file.data)
        over = self._over_limits(file, known, outside)
        if over:
            return FileCheck(file, None, over, Positions(""))
        positions = Positions(file.data)  # decoded only if a position is asked for
        if file.path == SYNONYMS_FILE:
            return FileCheck(file, None, check_synonyms(file.data, self.schemas.schemas), positions)
        if file.path == SETTINGS_FILE:
            return FileCheck(file, None, self._check_settings(file, positions), positions)
        if file.path == VOCABULARY_FILE:
            return FileCheck(file, None, check_vocabulary(file.data, self.schemas.schemas), positions)
        if located is None:
            folders = "|".join(kind.folder for kind in Kind)
            problem = Problem.of(file.path, 1, 1, "location", "", "location", folders=folders)
            return FileCheck(file, None, (problem,), positions)
        kind, doc_id = located
        # A blob known to be valid parsed cleanly before, duplicate keys and all: the fast parser will do.
        parsed: Any = orjson.loads(file.data) if known else parse_json(file.data, outside)
        if isinstance(parsed, ParseFailure):
            problem = Problem.of(file.path, parsed.line, parsed.column, parsed.code, "", "json", **dict(parsed.args))
            return FileCheck(file, None, (problem,), positions)
        duplicates = [] if known else duplicate_keys(parsed)
        if duplicates:
            problems = tuple(
                Problem.of(
                    file.path, *positions.of(f"{obj}/{key}", key=True), "duplicate-key", f"{obj}/{key}", "json", key=key
                )
                for obj, key in duplicates
            )
            return FileCheck(file, None, problems, positions)
        return self._check_value(file, kind, doc_id, parsed, positions, known)

    def _check_value(
        self, file: SourceFile, kind: Kind, doc_id: str, parsed: Any, positions: Positions, known: bool = False
    ) -> FileCheck:
        """Text lengths, schema and single-document rules of a parsed document within the size limits."""
        # A text cannot have more characters than its file has bytes.
        long = [] if known or len(file.data) <= self.limits.max_text else list(long_texts(parsed, self.limits))
        if long:
            problems = tuple(
                Problem.of(
                    file.path,
                    *positions.of(e.pointer),
                    "text-too-long",
                    e.pointer,
                    LIMITS,
                    length=e.amount,
                    limit=self.limits.max_text,
                )
                for e in long
            )
            return FileCheck(file, None, problems, positions)
        return self._check_parsed(file, kind, doc_id, parsed, positions, known)

    def _check_settings(self, file: SourceFile, positions: Positions) -> tuple[Problem, ...]:
        """Problems of the repository settings file: syntax and its schema."""
        parsed = parse_json(file.data)
        if isinstance(parsed, ParseFailure):
            return (Problem.of(file.path, parsed.line, parsed.column, parsed.code, "", "json", **dict(parsed.args)),)
        schema = self.schemas.schemas.get(SETTINGS_SCHEMA)
        if schema is None:
            return (
                Problem.of(
                    file.path, 1, 1, "settings-schema-missing", "", "schema", file=f"{SCHEMA_DIR}/{SETTINGS_SCHEMA}"
                ),
            )
        fast = fast_validator(schema, (), format_names(((SETTINGS_SCHEMA, schema),)))
        if fast is not None and fast.is_valid(parsed):
            return ()  # jsonschema (slow to import) only explains what jsonschema-rs refused
        from jsonschema import Draft202012Validator

        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(parsed), key=lambda e: list(map(str, e.absolute_path)))
        return tuple(schema_problems(errors, file.path, positions))

    def _check_parsed(
        self, file: SourceFile, kind: Kind, doc_id: str, parsed: Any, positions: Positions, known: bool
    ) -> FileCheck:
        """Schema and single-document rules; a wrong ``$schema`` is reported and checking goes on."""
        declared = declared_version(kind, parsed) if isinstance(parsed, dict) else CURRENT
        version = CURRENT if declared is None else declared
        problems: list[Problem] = []
        if declared is None:
            code = "schema-pointer" if isinstance(parsed, dict) and "$schema" in parsed else "schema-pointer-missing"
            problems.append(
                Problem.of(
                    file.path,
                    *positions.of("/$schema"),
                    code,
                    "/$schema",
                    "schema-pointer",
                    kind=kind,
                    expected=pointer(kind),
                )
            )
        validator = self.schemas.validators.get((kind, version))
        if validator is None:
            if version != CURRENT and (kind, CURRENT) in self.schemas.validators:
                problems.append(
                    Problem.of(file.path, 1, 1, "schema-version-gone", "/$schema", "schema-pointer", version=version)
                )
            return FileCheck(file, None, tuple(problems), positions)  # a missing schema is reported once
        errors = (
            []
            if known or self.schemas.passes(kind, version, parsed)
            else sorted(validator.iter_errors(parsed), key=lambda e: list(map(str, e.absolute_path)))
        )
        problems += schema_problems(errors, file.path, positions, skip_schema=declared is None)
        if any(p.rule == "schema" for p in problems):
            return FileCheck(file, None, tuple(problems), positions)
        if not known and declared is not None and self.known_valid is not None and file.blob_id is not None:
            self.known_valid.add(file.blob_id)
        actual = self.schemas.actual_version(kind, version)
        data = parsed if actual == CURRENT else upgrade(kind, parsed, actual)
        document = Document(kind, doc_id, file.path, data, file.blob_id, actual)
        if version != CURRENT:
            problems.append(
                Problem.of(
                    file.path,
                    *positions.of("/$schema"),
                    "schema-version-old",
                    "/$schema",
                    "schema-pointer",
                    severity=WARNING,
                    version=version,
                    current=CURRENT,
                )
            )
        scan(document, self.schemas.schemas)  # one walk of the document for the rules and the text rules
        problems += [finding_problem(f, positions) for f in check_document(document)]
        problems += [text_problem(f, positions) for f in check_texts(document, self.schemas.schemas)]
        # A document under a wrong $schema is checked in full but never delivered.
        return FileCheck(file, document if declared is not None else None, tuple(problems), positions)

    @without_collector
    def validate(
        self, files: Iterable[SourceFile], reuse: Mapping[str, FileCheck] | None = None, today: date | None = None
    ) -> Validation:
        """Check every content file, reusing REUSE's checks (by blob id) for unchanged files; given TODAY,
        overdue reviews are warnings too (a served snapshot is the same whatever the day: it gets no TODAY)."""
        reuse = reuse or {}
        content = [file for file in files if file.path.startswith(f"{CONTENT_DIR}/")]
        again = {
            file.path: previous
            for file in content
            if (previous := reuse.get(file.blob_id) if file.blob_id else None) is not None
            and previous.file.path == file.path
        }
        fresh = check_all(self, [file for file in content if file.path not in again])
        checks: dict[str, FileCheck] = {file.path: again.get(file.path) or fresh[file.path] for file in content}
        present: dict[Kind, set[str]] = {kind: set() for kind in Kind}
        for path in checks:
            located = locate(path)
            if located is not None:
                present[located[0]].add(located[1])
        documents = [c.document for c in checks.values() if c.document is not None]
        settings = settings_of(checks)
        required, months = settings.languages.required, settings.review.interval_months
        found = [
            *check_corpus(documents, present),
            *(f for d in documents for f in required_languages(d, required)),
            *(overdue_findings(documents, today, months) if today else ()),
        ]
        corpus = [finding_problem(f, checks[f.path].positions) for f in found]
        problems = [*self.schema_problems, *(p for c in checks.values() for p in c.problems), *corpus]
        return Validation(checks, Report(tuple(sorted(problems)), len(checks)))


def validate_files(files: Iterable[SourceFile], limits: Limits | None = None, today: date | None = None) -> Validation:
    """Validate one repository state given as files (schemas and content together), as of TODAY if given."""
    files = list(files)
    return Validator.for_files(files, limits).validate(files, today=today)
