"""The on-disk case corpus in ``tests/cases``, the bundled content, and the schemas themselves.

Each ``cases/<rule>/<case>/`` holds a ``content/`` fragment, ``expected.txt`` (the exact problem
lines ``pathapi validate`` prints for it in Finnish) and ``expected.en.txt`` (the same in English).
``cases/valid/<case>/`` must have none.
A case's optional ``schemas/`` folder overrides files of the repository's ``schemas/``.
Set ``UPDATE_CASES=1`` to rewrite every expected file from the validator (review the diff!).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from pathapi.cli import main
from pathapi.content.catalogue import CATALOGUE, LANGUAGES
from pathapi.content.findings import Report
from pathapi.content.kinds import Kind
from pathapi.content.schemas import SchemaSet
from pathapi.content.sources import read_directory
from pathapi.content.validator import validate_files
from pathapi.content.versions import CURRENT

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
CASES = Path(__file__).resolve().parent / "cases"
CORPUS_TODAY = date(2026, 12, 1)  # review dates are judged as of this day: the corpus never goes stale
EXPECTED = "expected.txt"
EXPECTED_FILES = {"fi": EXPECTED, "en": "expected.en.txt"}

RULES = (
    "json",
    "schema",
    "location",
    "id-matches-file",
    "schema-pointer",
    "locales-consistent",
    "dates-ordered",
    "https-links",
    "unique-ids",
    "references-resolve",
    "no-self-reference",
    "metaschema",
    "published-references",
    "audience-nested",
    "limits",
    "aliases-unique",
    "markdown",
    "plain-text",
    "synonyms",
    "languages-required",
    "placeholders",
    "review-due",
)
# Cases whose rule cannot fire alone: the other rules they are allowed to trigger as well.
EXTRA_RULES: dict[str, set[str]] = {
    # a second file with the same id necessarily has an id that differs from its file name
    "unique-ids/duplicate-document-id": {"id-matches-file"},
    # a wrong $schema does not hide the document's other problems
    "schema-pointer/wrong-schema-other-problems-too": {"schema"},
}


def _case_dirs(parent: Path) -> list[Path]:
    return sorted(d for d in parent.iterdir() if d.is_dir()) if parent.is_dir() else []


INVALID = [case for rule in _case_dirs(CASES) if rule.name != "valid" for case in _case_dirs(rule)]
VALID = _case_dirs(CASES / "valid")
SCHEMA_FILES = sorted(SCHEMAS.glob("*.schema.json"))


def _case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


def build(case: Path, tmp_path: Path) -> Path:
    """A repository root in TMP_PATH: the real schemas, overlaid with the case's files."""
    root = tmp_path / "repo"
    shutil.copytree(SCHEMAS, root / "schemas")
    shutil.copytree(case, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected*.txt"))
    return root


def validate(root: Path) -> Report:
    """Validate the repository at ROOT in-process as of CORPUS_TODAY, as the CLI does."""
    return validate_files(read_directory(root), today=CORPUS_TODAY).report


def expected_lines(case: Path, lang: str = "fi") -> list[str]:
    """The problem lines the case expects in LANG, one per line of its expected file."""
    return (case / EXPECTED_FILES[lang]).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def report_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Report]:
    """The report of a case, validated once for the module's tests (each reads it another way)."""
    reports: dict[Path, Report] = {}

    def report(case: Path) -> Report:
        if case not in reports:
            reports[case] = validate(build(case, tmp_path_factory.mktemp("case")))
        return reports[case]

    return report


@pytest.mark.parametrize("lang", sorted(EXPECTED_FILES))
@pytest.mark.parametrize("case", INVALID, ids=_case_id)
def test_invalid_case(case: Path, lang: str, report_of: Callable[[Path], Report]) -> None:
    """The validator reports exactly the lines of the case's expected file for LANG, in order."""
    report = report_of(case)
    actual = [p.line_text(lang) for p in report.problems]
    if os.environ.get("UPDATE_CASES"):
        (case / EXPECTED_FILES[lang]).write_text("".join(f"{line}\n" for line in actual), encoding="utf-8")
    assert actual == expected_lines(case, lang)


@pytest.mark.parametrize("case", INVALID, ids=_case_id)
def test_every_finding_has_a_fix_in_every_language(case: Path, report_of: Callable[[Path], Report]) -> None:
    """Each finding of the corpus comes from the catalogue and has a fix in fi, sv and en."""
    for problem in report_of(case).problems:
        assert problem.code in CATALOGUE, problem
        for lang in LANGUAGES:
            message, fix = problem.words(lang)
            assert message and fix and "{" not in message.replace("{…}", ""), (lang, message)


@pytest.mark.parametrize("case", INVALID, ids=_case_id)
def test_invalid_case_is_about_its_rule(case: Path, report_of: Callable[[Path], Report]) -> None:
    """Each case triggers its folder's rule and, barring listed exceptions, no other."""
    rules = {p.rule for p in report_of(case).problems}
    assert case.parent.name in rules
    assert rules - {case.parent.name} <= EXTRA_RULES.get(_case_id(case), set())


def test_every_rule_has_cases() -> None:
    """The corpus covers every rule, and nothing but known rules."""
    assert {d.name for d in _case_dirs(CASES)} == {*RULES, "valid"}


@pytest.mark.parametrize("case", VALID, ids=_case_id)
def test_valid_case(case: Path, tmp_path: Path) -> None:
    """Valid cases produce no problem, and every document in them is checked."""
    report = validate(build(case, tmp_path))
    assert [str(p) for p in report.problems] == []
    documents = [f for f in (case / "content").rglob("*.json") if not f.name.startswith(".")]
    assert report.checked == len(documents) > 0


CLI_CASES = ["schema/additional-property", "references-resolve/unknown-channel", "json/trailing-comma"]


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_prints_expected_lines(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``pathapi validate`` exits 1 and prints each expected line, then a summary."""
    case = CASES / name
    root = build(case, tmp_path)
    monkeypatch.chdir(root)
    assert main(["validate", str(root), "--lang", "en"]) == 1
    lines = capsys.readouterr().out.splitlines()
    for line in expected_lines(case, "en"):
        assert line in lines
    count = len(expected_lines(case))
    assert f"checked, {count} problem{'s' if count != 1 else ''}, 0 warnings" in lines[-1]


def test_cli_names_files_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Given ``repo/content`` from the parent folder, file names start with ``repo/``."""
    case = CASES / "references-resolve" / "unknown-topic"
    build(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "repo/content", "--lang", "fi"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:-1] == [f"repo/{line}" for line in expected_lines(case)]


def test_cli_valid_case_exits_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A valid repository exits 0 with only the summary line."""
    root = build(CASES / "valid" / "minimal", tmp_path)
    monkeypatch.chdir(root)
    assert main(["validate", str(root), "--lang", "en"]) == 0
    assert capsys.readouterr().out == "4 documents checked, 0 problems, 0 warnings\n"


def test_bundled_content_is_valid() -> None:
    """The repository's own ``content/`` validates cleanly against its ``schemas/``."""
    report = validate(ROOT)
    assert [str(p) for p in report.problems] == []
    assert report.ok
    assert report.checked > 0


def _schema(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _refs(value: Any) -> Iterator[str]:
    """Every ``$ref`` string in a schema, depth first."""
    if isinstance(value, dict):
        if isinstance(value.get("$ref"), str):
            yield value["$ref"]
        for child in value.values():
            yield from _refs(child)
    elif isinstance(value, list):
        for child in value:
            yield from _refs(child)


def _refuse_remote(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)


def _registry() -> Registry[Any]:
    """Every schema file, by its ``$id``; nothing is ever fetched."""
    schemas = [_schema(path) for path in SCHEMA_FILES]
    return Registry(retrieve=_refuse_remote).with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)


def test_schema_files_exist() -> None:
    """Each document kind has its schema, next to the shared definitions."""
    names = {path.name for path in SCHEMA_FILES}
    assert {kind.schema_file for kind in Kind} | {"common.schema.json"} <= names


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    """The schema passes the Draft 2020-12 metaschema and declares that draft."""
    schema = _schema(path)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_id_names_its_file(path: Path) -> None:
    """``$id`` is set and ends with the file name, so relative ``$ref``s find sibling files."""
    schema = _schema(path)
    assert isinstance(schema.get("$id"), str)
    assert schema["$id"].rsplit("/", 1)[-1] == path.name


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_refs_resolve_locally(path: Path) -> None:
    """Every ``$ref`` resolves among the schema files, without the network."""
    schema = _schema(path)
    resolver = _registry().resolver(base_uri=schema["$id"])
    for ref in _refs(schema):
        resolver.lookup(ref)


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_schema_rejects_empty_object(kind: Kind) -> None:
    """``{}`` is not a document of any kind: required properties are missing."""
    files = {f"schemas/{path.name}": path.read_bytes() for path in SCHEMA_FILES}
    schemas, problems = SchemaSet.load(files)
    assert problems == []
    errors = list(schemas.validators[(kind, CURRENT)].iter_errors({}))
    assert errors
    assert {e.validator for e in errors} == {"required"}


def _break_common(schemas: dict[str, dict[str, Any]]) -> None:
    schemas["common.schema.json"]["$defs"]["id"]["type"] = 12


def _dangling_ref(schemas: dict[str, dict[str, Any]]) -> None:
    schemas["topic.schema.json"]["properties"]["status"]["$ref"] = "common.schema.json#/$defs/nope"


@pytest.mark.parametrize("breakage", [_break_common, _dangling_ref], ids=["common-invalid", "dangling-ref"])
def test_schema_breakage_is_reported_not_raised(
    breakage: Callable[[dict[str, dict[str, Any]]], None], tmp_path: Path
) -> None:
    """A broken shared schema or a dangling ``$ref`` is a problem in the report, not a crash."""
    root = build(CASES / "valid" / "minimal", tmp_path)
    schemas = {path.name: _schema(path) for path in SCHEMA_FILES}
    breakage(schemas)
    for name, schema in schemas.items():
        (root / "schemas" / name).write_text(json.dumps(schema, indent=2), encoding="utf-8")
    report = validate(root)
    assert not report.ok
    schema_problems = [p for p in report.problems if p.file.startswith("schemas/")]
    assert schema_problems and all(p.rule == "metaschema" and p.line > 1 for p in schema_problems)


@pytest.mark.parametrize("schema", ["synonyms.schema.json", "topic.schema.json"])
def test_a_missing_schema_file_is_a_finding_naming_it(schema: str, tmp_path: Path) -> None:
    """Deleting a schema that content needs gives a problem naming the file, never a crash."""
    root = build(CASES / "valid" / "synonyms", tmp_path)
    (root / "schemas" / schema).unlink()
    problems = validate(root).problems
    assert any(f"schemas/{schema}" in str(p) for p in problems), [str(p) for p in problems]
