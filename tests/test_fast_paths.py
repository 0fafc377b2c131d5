"""The shortcuts of the validator's fast path never skip a problem they guard against."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from pathapi.content.document import walk
from pathapi.content.limits import Limits, _exceeds_depth
from pathapi.content.parsing import duplicate_keys, parse_json
from tests.support import ROOT, examples

TEXT = st.text(alphabet='[]{}"\\,:ab\n', max_size=8)
JSON = st.recursive(
    st.none() | st.integers() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=20,
)


def depth(value: Any) -> int:
    """Nesting depth the slow way: the document itself is depth 1, scalars 0."""
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


@settings(max_examples=examples(300), deadline=None, database=None)
@given(JSON, st.integers(1, 6), st.booleans())
def test_depth_gate_answers_exactly_on_wellformed_json(value: Any, limit: int, pretty: bool) -> None:
    """Brackets inside strings, escaped quotes, any layout: the gate says deep exactly when it is."""
    data = json.dumps(value, indent=2 if pretty else None).encode()
    assert _exceeds_depth(data, Limits(max_depth=limit)) == (depth(value) > limit)


def test_duplicate_keys_are_still_found_after_clean_documents() -> None:
    """The no-duplicates shortcut does not hide a duplicate parsed later, nor keep one after it is gone."""
    assert duplicate_keys(parse_json(b'{"a": {"b": 1}}')) == []
    twice = parse_json(b'{"a": [{"b": 1, "b": 2}]}')
    assert duplicate_keys(twice) == [("/a/0", "b")]
    del twice
    assert duplicate_keys(parse_json(b'{"a": [{"b": 1}]}')) == []


def test_walk_of_equal_trees_and_of_the_same_tree_again() -> None:
    """Walking reuses its last result only for the very same tree."""
    first, second = orjson.loads(b'{"a": [1, {"b~/": 2}]}'), orjson.loads(b'{"a": [1, {"b~/": 3}]}')
    expected = [("", first), ("/a", first["a"]), ("/a/0", 1), ("/a/1", first["a"][1]), ("/a/1/b~0~1", 2)]
    assert list(walk(first)) == expected == list(walk(first))
    assert list(walk(second))[-1] == ("/a/1/b~0~1", 3)
    assert next(walk(first, "/x")) == ("/x", first)


def test_valid_content_is_validated_without_importing_jsonschema() -> None:
    """jsonschema (whose import alone costs about a second) is loaded only to explain a refused document."""
    script = (
        "import sys; from pathlib import Path; from pathapi.content.sources import read_directory; "
        "from pathapi.content.validator import validate_files; "
        f"report = validate_files(read_directory(Path({str(ROOT)!r}))).report; "
        "print(report.ok, 'jsonschema' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.stdout.split() == ["True", "False"], done.stdout + done.stderr
