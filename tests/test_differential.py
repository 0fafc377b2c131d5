"""The compiled validator (jsonschema-rs) and the explaining one (jsonschema) agree on every document.

Valid documents are decided by jsonschema-rs alone; jsonschema only explains the invalid
ones. Any document on which the two disagree would either hide a problem or report one
with no explanation, so each disagreement fails here: on the bundled content, the
validation-case corpus, every pinned format and pattern with tricky values, and random
mutations (hypothesis) of valid documents.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathapi.content.compiled import Explainer, fast_validator
from pathapi.content.formats import FORMATS
from pathapi.content.kinds import Kind, locate
from pathapi.content.limits import Limits, too_deep
from pathapi.content.schemas import SchemaSet
from pathapi.content.versions import CURRENT, VERSIONS, declared_version
from tests.support import ROOT, examples

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def load_schemas(folder: Path) -> SchemaSet:
    """The SchemaSet of FOLDER's ``*.json`` schemas; fails on any schema problem."""
    files = {f"schemas/{p.relative_to(folder)}": p.read_bytes() for p in folder.rglob("*.json")}
    schemas, problems = SchemaSet.load(files)
    assert not problems, problems
    return schemas


SCHEMAS = load_schemas(ROOT / "schemas")


def agree(schemas: SchemaSet, kind: Kind, document: Any) -> bool:
    """Assert both validators give DOCUMENT the same verdict; return it."""
    version = declared_version(kind, document) or CURRENT
    fast = schemas.fast[(kind, version)].is_valid(document)
    slow = schemas.validators[(kind, version)].is_valid(document)
    assert fast == slow, f"jsonschema-rs says {fast}, jsonschema says {slow} for {kind}: {document!r}"[:2000]
    return bool(fast)


def documents(files: list[Path]) -> list[tuple[Kind, Any, Path]]:
    """(kind, parsed data, file) of every document among FILES that the validator would schema-check."""
    found = []
    for file in sorted(files):
        located = locate("content/" + "/".join(file.parts[-2:]))
        try:
            data = orjson.loads(file.read_bytes())
        except orjson.JSONDecodeError:
            continue  # a syntax error stops the validator before any schema
        if located is not None and too_deep(file.read_bytes(), Limits()) is None:
            found.append((located[0], data, file))
    return found


def case_schemas(case: Path) -> SchemaSet | None:
    """The schemas of a validation case (its own files over the repository's), None when they are broken."""
    merged = {p.name: p.read_bytes() for p in (ROOT / "schemas").glob("*.json")}
    merged |= {p.name: p.read_bytes() for p in (case / "schemas").glob("*.json")}
    schemas, problems = SchemaSet.load({f"schemas/{n}": b for n, b in merged.items()})
    return None if problems else schemas  # broken schemas: documents are not schema-checked (test_cases)


BUNDLED = documents(list((ROOT / "content").glob("*/*.json")))
CASES = {
    case: case_schemas(case) if (case / "schemas").is_dir() else SCHEMAS
    for case in (ROOT / "tests" / "cases").glob("*/*")
    if case.is_dir()
}
CORPUS = [
    (kind, data, file, schemas)
    for case, schemas in CASES.items()
    if schemas is not None
    for kind, data, file in documents(list(case.glob("content/*/*.json")))
]


def test_every_schema_compiles_on_both_sides() -> None:
    """The delivered schemas compile in jsonschema-rs: no kind silently falls back to the slow path."""
    assert set(SCHEMAS.fast) == set(SCHEMAS.validators) == {(kind, v) for kind in Kind for v in VERSIONS}


def test_bundled_content_is_valid_for_both() -> None:
    """Every bundled document is valid, by both validators."""
    assert len(BUNDLED) > 20
    assert all(agree(SCHEMAS, kind, data) for kind, data, _ in BUNDLED)


@pytest.mark.parametrize(
    ("kind", "data", "file", "schemas"), CORPUS, ids=[str(c[2].relative_to(ROOT / "tests" / "cases")) for c in CORPUS]
)
def test_case_corpus_agrees(kind: Kind, data: Any, file: Path, schemas: SchemaSet) -> None:
    """Every document of the validation cases gets one verdict, under the case's own schemas if any."""
    agree(schemas, kind, data)


def test_the_corpus_holds_valid_and_invalid_documents() -> None:
    """The corpus exercises both sides: many schema-valid and many schema-invalid documents."""
    verdicts = [agree(schemas, kind, data) for kind, data, _, schemas in CORPUS]
    assert len(verdicts) >= 80 and verdicts.count(False) >= 8 and verdicts.count(True) >= 40


TRICKY: dict[str, tuple[list[str], list[str]]] = {  # format: (valid, invalid)
    "date": (
        ["2024-02-29", "2000-02-29", "1999-12-31"],
        [
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-1-01",
            "20240101",
            "2024-01-01\n",
            "\uff12\uff10\uff12\uff14-01-01",
            "2024-01-01T00:00:00Z",
            "",
            "2024-W01-1",
        ],
    ),
    "date-time": (
        ["2024-01-01T00:00:00Z", "2024-01-01t23:59:60+02:00", "2024-06-30T12:00:00.123456-05:30"],
        [
            "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01T24:00:00Z",
            "2023-02-29T10:00:00Z",
            "2024-01-01T00:00:00Z\n",
            "2024-01-01T00:00Z",
            "2024-01-01T00:00:00+0200",
            "",
        ],
    ),
    "time": (["12:30:00Z", "23:59:60+00:00"], ["12:30", "24:00:00Z", "12:30:00", ""]),
    "email": (
        ["asiakaspalvelu@hel.fi", "first.last+tag@sub.example.fi", "info@hämeenlinna.fi"],
        ["@hel.fi", "a@", "a@b", "a b@hel.fi", "a@@hel.fi", ".a@hel.fi", "a..b@hel.fi", "a@hel.fi\n", "a@-hel.fi", ""],
    ),
    "uuid": (
        ["123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000"],
        [
            "123e4567e89b12d3a456426614174000",
            "123e4567-e89b-12d3-a456-42661417400",
            "g23e4567-e89b-12d3-a456-426614174000",
            "{123e4567-e89b-12d3-a456-426614174000}",
            "",
        ],
    ),
    "uri": (
        [
            "https://www.hel.fi/fi/sosiaali-ja-terveyspalvelut?x=1#a",
            "mailto:a@hel.fi",
            "urn:isbn:0451450523",
            "https://example.fi/%C3%A4",
        ],
        [
            "www.hel.fi",
            "https://www.hel.fi/ä",
            "https://x.fi/a b",
            "https://x.fi/%zz",
            "/relative",
            "",
            "https://x.fi/\n",
            "1http://x.fi",
        ],
    ),
    "ipv4": (["192.168.0.1", "0.0.0.0"], ["192.168.0.01", "256.0.0.1", "1.2.3", "1.2.3.4\n"]),
}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_pinned_format_agrees_and_decides_as_pinned(name: str) -> None:
    """Tricky values of each format: the same verdict on both sides, and the verdict we pinned."""
    schema = {"$schema": DRAFT, "$id": "https://schemas.pathapi.fi/test/format.json", "format": name}
    fast = fast_validator(schema, (), {name})
    slow = Explainer(schema, SCHEMAS.validators[(Kind.PATH, CURRENT)].registry, {name})
    valid, invalid = TRICKY[name]
    for value in [*valid, *invalid, 12, None]:
        expected = value in valid or not isinstance(value, str)
        assert fast.is_valid(value) == slow.is_valid(value) == expected, (name, value)


def test_patterns_use_ecma_end_of_text_on_both_sides() -> None:
    """``$`` ends the text in both validators: Python's re alone would accept a trailing newline."""
    schema = {
        "$schema": DRAFT,
        "$id": "https://schemas.pathapi.fi/test/pattern.json",
        "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$",
    }
    fast = fast_validator(schema, (), set())
    slow = Explainer(schema, SCHEMAS.validators[(Kind.PATH, CURRENT)].registry, set())
    for value, expected in [("abc-def", True), ("abc-def\n", False), ("abc-", False), ("x[$]", False)]:
        assert fast.is_valid(value) == slow.is_valid(value) == expected, value


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([v for valid, invalid in TRICKY.values() for v in (*valid, *invalid)]),
    st.sampled_from(
        [
            "fi",
            "sv",
            "en",
            "published",
            "draft",
            "00100",
            "S1",
            "12:30",
            "24:00",
            "+358 9 310 11111",
            "٣٣٣٣٣",
            "web",
            "phone",
            "https://www.hel.fi",
            "http://www.hel.fi",
            "",
            " ",
        ]
    ),
    st.text(max_size=12),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["fi", "sv", "en", "id", "type", "url", "title", "x"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def _containers(node: Any, trail: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths (key/index tuples) to every object and array inside NODE, NODE included."""
    found = [trail] if isinstance(node, dict | list) else []
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        found += _containers(child, (*trail, key))
    return found


def _at(node: Any, trail: tuple[Any, ...]) -> Any:
    for part in trail:
        node = node[part]
    return node


def _perturb(value: Any, how: int) -> Any:
    """A near miss of VALUE: strings edited at the edges, numbers nudged, others swapped."""
    if isinstance(value, str):
        return [value + "\n", value[:-1], value.upper(), " " + value, value + "x", value.replace("-", "")][how % 6]
    if isinstance(value, bool) or value is None:
        return [0, "true", None, not value][how % 4]
    if isinstance(value, int | float):
        return [value + 1, -value, float(value) + 0.5, str(value)][how % 4]
    return [[], {}, [value], None][how % 4]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Kind, Any]:
    """A bundled valid document with 1-4 random edits: values replaced or nudged, keys dropped or added."""
    kind, original, _ = draw(st.sampled_from(BUNDLED))
    data = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 4))):
        trail = draw(st.sampled_from(_containers(data)))
        node = _at(data, trail)
        if not node:
            continue
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else list(range(len(node)))))
        action = draw(st.integers(0, 4))
        if action == 0:
            node[key] = draw(VALUES)
        elif action in (1, 2):
            node[key] = _perturb(node[key], draw(st.integers(0, 11)))
        elif action == 3:
            del node[key]
        elif isinstance(node, dict):
            node[draw(st.sampled_from(["x", "extra", "fi", "id", "url"]))] = draw(VALUES)
        else:
            node.append(copy.deepcopy(node[key]))
    return kind, data


@settings(max_examples=examples(400), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_of_valid_documents_agree(case: tuple[Kind, Any]) -> None:
    """Random edits of valid documents: both validators always give the same verdict."""
    agree(SCHEMAS, *case)
