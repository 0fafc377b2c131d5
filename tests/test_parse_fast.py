"""parse_json reads with orjson and falls back to the standard parser only where they could differ:
it must give exactly the standard parser's value, and see every repeated key the standard parser sees."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pathapi.content.parsing import ParseFailure, _as_standard, _pairs, duplicate_keys, parse_json
from tests.support import ROOT, examples


def standard(text: str) -> Any:
    """The reference: the standard parser with the hook that marks repeated keys."""
    return json.loads(text, object_pairs_hook=_pairs)


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types all the way down (1 and 1.0 differ; so do int and float)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


REPEATED = [
    '{"a": 1, "a": 2}',
    '{"x": {"deep": [{"k": 1, "k": 1}]}}',  # a repeated key deep down
    '{"a": "b\\": 1, \\"a\\": 2", "c": {"d": "e:f", "d": "g"}}',  # escaped quotes and colons in strings
    '{"k\\"": 1, "k\\"": 2}',  # a key with an escaped quote, twice
    '{"a": 1, "\\u0061": 2}',  # the same key written two ways
    '[{"a": 1}, {"b": 1, "b": {"c": ":::"}}]',
]
SINGLE = [
    '{"a": "b\\": 1, \\"a\\": 2", "c": {"d": "e:f"}}',  # looks like repeated keys, inside strings only
    '{"a:b": "c:d", "e": ["f:", ":g"], "\\"": "\\\\"}',
    '{"n": 12345678901234567890123, "m": -9223372036854775809}',  # beyond 64 bits: stays an exact int
    '{"f": 0.1, "g": 1e-7, "h": -0.0, "i": 1.7976931348623157e308, "j": 5e-324}',
    "[]",
    '"x"',
]


def test_repeated_keys_are_all_seen() -> None:
    for text in REPEATED:
        parsed = parse_json(text.encode())
        assert not isinstance(parsed, ParseFailure)
        assert duplicate_keys(parsed) == duplicate_keys(standard(text)) != [], text


def test_values_are_the_standard_parsers() -> None:
    for text in [*SINGLE, *REPEATED]:
        assert same(parse_json(text.encode()), standard(text)), text


def test_the_fast_way_is_taken_for_ordinary_documents() -> None:
    files = list(ROOT.glob("content/**/*.json"))
    assert files and all(_as_standard(f.read_bytes(), json.loads(f.read_bytes()), None) for f in files)
    assert not _as_standard(b'{"a": 1, "a": 2}', {"a": 2}, None)


KEYS = st.text(alphabet=st.sampled_from(list('ab:"\\/{}[], \u00e4\U0001f600')), max_size=4)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from(list('x:"\\,{}[]\n\u00e4')), max_size=6)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.lists(st.tuples(KEYS, inner), max_size=4),
    max_leaves=20,
)


def dump(value: Any, indent: int | None) -> str:
    """VALUE as JSON text; a list of pairs is an object that may repeat keys."""
    if isinstance(value, list) and value and all(isinstance(v, tuple) for v in value):
        pairs = ", ".join(f"{json.dumps(k)}: {dump(v, indent)}" for k, v in value)
        return "{" + pairs + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dump(v, indent) for v in value) + "]"
    return json.dumps(value, indent=indent)


@settings(max_examples=examples(400), deadline=None)
@given(JSON, st.sampled_from([None, 2]))
def test_any_text_parses_as_the_standard_parser_parses_it(value: Any, indent: int | None) -> None:
    text = dump(value, indent)
    parsed = parse_json(text.encode())
    assert same(parsed, standard(text))
    assert duplicate_keys(parsed) == duplicate_keys(standard(text))
