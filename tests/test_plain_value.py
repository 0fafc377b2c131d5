"""plain_value accepts a file in C only when the careful reading would find nothing to say about it.

Its promise: when it gives a value, ``parse_json`` gives the same value, no key is repeated, nothing
is nested too deep and there is no byte order mark. The validator's answer for any file is then the
same whether it takes that way or the careful one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathapi.content.validator as validator_module
from pathapi.content.checks import FileCheck
from pathapi.content.limits import Limits, too_deep
from pathapi.content.parsing import BOM, ParseFailure, duplicate_keys, parse_json, plain_value
from pathapi.content.positions import Positions, escape_token
from pathapi.content.sources import SourceFile
from pathapi.content.validator import Validator
from tests.support import ROOT, examples

CASES = Path(__file__).resolve().parent / "cases"

# Keys as written in the file: escapes, colons, one key spelled two ways ("a" and "\u0061").
KEYS = st.sampled_from(['"a"', '"\\u0061"', '"b:c"', '"\\u003a"', '"\\u003A"', '":"', '"d\\"e"', '"\u00e4"', '""'])
SCALARS = st.sampled_from(
    ["null", "true", "1", "-0.5", "12345678901234567890", "1e400", '"x:y"', '"\\u003a"', '"\\n"', '"\\""', '"\u00e4:"']
)


def nested(depth: int) -> st.SearchStrategy[str]:
    """JSON texts nested at most DEPTH levels deep, objects free to repeat keys."""
    if depth == 0:
        return SCALARS
    inner = nested(depth - 1)
    pairs = st.lists(st.tuples(KEYS, inner), max_size=3).map(
        lambda ps: "{" + ", ".join(f"{k}: {v}" for k, v in ps) + "}"
    )
    items = st.lists(inner, max_size=3).map(lambda vs: "[" + ",".join(vs) + "]")
    return SCALARS | pairs | items


def keeps_its_promise(data: bytes, max_depth: int) -> None:
    value = plain_value(data, max_depth)
    if value is None:
        return
    careful = parse_json(data)
    assert not isinstance(careful, ParseFailure)
    assert json.dumps(careful, sort_keys=False) == json.dumps(value, sort_keys=False)
    assert duplicate_keys(careful) == []
    assert too_deep(data, Limits(max_depth=max_depth)) is None
    assert not data.startswith(BOM)


@settings(max_examples=examples(500), deadline=None)
@given(nested(5), st.integers(min_value=1, max_value=6), st.sampled_from([b"", BOM, b"  "]))
def test_a_plain_value_is_what_the_careful_reading_finds(text: str, max_depth: int, prefix: bytes) -> None:
    keeps_its_promise(prefix + text.encode(), max_depth)


@pytest.mark.parametrize("max_depth", [1, 2, 3, 32])
def test_nesting_at_and_beyond_the_limit(max_depth: int) -> None:
    for depth in range(1, max_depth + 3):
        for empty, full in (("[]", "[1]"), ("{}", '{"k": 1}')):
            for innermost in (empty, full):
                text = innermost
                for _ in range(depth - 1):
                    text = f'{{"k": {text}}}' if empty == "{}" else f"[{text}]"
                data = text.encode()
                keeps_its_promise(data, max_depth)
                if depth > max_depth:
                    assert plain_value(data, max_depth) is None


def test_doubtful_files_are_left_to_the_careful_reading() -> None:
    for data in (
        b'{"a": 1, "a": 2}',
        b'{"a": 1, "\\u0061": 2}',
        b'{"n": 12345678901234567890}',
        BOM + b'{"a": 1}',
        b'{"a": 1,}',
        b"\xff\xfe",
        b"",
    ):
        assert plain_value(data, 32) is None, data


def content_files() -> list[SourceFile]:
    """Every content file of the bundled content and of the invalid-document corpus."""
    found = [SourceFile(str(p.relative_to(ROOT)), p.read_bytes()) for p in sorted(ROOT.glob("content/**/*.json"))]
    for case in sorted(CASES.glob("*/*/content")):
        found += [
            SourceFile(str(p.relative_to(case.parent)), p.read_bytes())
            for p in sorted(case.glob("**/*"))
            if p.is_file()
        ]
    return found


def summary(check: FileCheck) -> tuple[Any, ...]:
    doc = check.document
    return (check.problems, None if doc is None else (doc.kind, doc.id, json.dumps(doc.data)))


def test_the_validator_answers_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    schemas = [SourceFile(str(p.relative_to(ROOT)), p.read_bytes()) for p in sorted(ROOT.glob("schemas/**/*.json"))]
    validator = Validator.for_files(schemas, Limits())
    files = content_files()
    fast = [summary(validator.check_file(f)) for f in files]
    assert sum(plain_value(f.data, 32) is not None for f in files) > len(files) // 2  # the fast way is taken
    monkeypatch.setattr(validator_module, "plain_value", lambda data, max_depth: None)
    careful = [summary(validator.check_file(f)) for f in files]
    for file, a, b in zip(files, fast, careful, strict=True):
        assert a == b, file.path


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=25,
)


def pointers(value: Any, at: str = "") -> list[str]:
    """Every pointer of VALUE, and one below each that is not there (it falls back to its ancestor)."""
    found = [at, f"{at}/absent"]
    if isinstance(value, dict):
        for key, child in value.items():
            found += pointers(child, f"{at}/{escape_token(key)}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += pointers(child, f"{at}/{index}")
    return found


@settings(max_examples=examples(300), deadline=None)
@given(JSON_VALUES, st.sampled_from([None, 2, "\t"]), st.booleans(), st.randoms(use_true_random=False))
def test_a_plain_documents_positions_are_the_full_maps(
    value: Any, indent: int | str | None, ascii_: bool, order: Any
) -> None:
    """Looked up lazily, in any order, a position is what the whole-text map gives (keys and values)."""
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_)
    full, plain = Positions(text), Positions(text.encode(), plain=True)
    asked = pointers(value)
    order.shuffle(asked)
    for pointer in asked:
        for key in (False, True):
            assert plain.of(pointer, key=key) == full.of(pointer, key=key), pointer
