"""The fast position map gives exactly the lines and columns json_source_map (the slow reference) gives."""

from __future__ import annotations

import json
from pathlib import Path

import json_source_map
from hypothesis import given, settings
from hypothesis import strategies as st

from pathapi.content.positions import NO_KEY, Positions, offsets
from tests.support import ROOT, examples

TRICKY = [
    '{"a": "x\\": 1, \\"b\\": {", "b": [1, {"c": ":,{}[]"}]}',  # escaped quotes, colons, brackets in strings
    '{"a": {"x": 1, "y": 2}, "a": {"y": 3, "z": [4]}}',  # a repeated key, nested: the later one wins
    '{"a/b": 1, "m~n": {"k\\"q": 2, "\\u00e4": 3}}',  # keys kept as written between their quotes
    '{\r\n  "a": [\r\n    "x",\r\n    {}\r\n  ],\r\n\t"b": []\r\n}',  # CR LF and tabs
    '[[], {}, [[]], {"": {"": ""}}, -1.5e3, true, null]',  # empty containers, an empty key, scalars
    '"just a string"',
    "  42  ",
    '{"t": "Päivystysapu 116117 \u2013 😀", "u": "\\ud83d\\ude00", "v": "\u2028line\u2029"}',  # wide characters
    '{"a": NaN, "b": Infinity, "c": 123456789012345678901234567890}',  # what the stdlib parser takes
    "",  # not JSON: no positions
    "{",
    '\ufeff{"a": 1}',
    '{"a": 1,}',
]


def reference(text: str) -> dict[str, tuple[int, int]]:
    """json_source_map's answer as (value offset, key offset or NO_KEY), {} where it raises."""
    try:
        found = json_source_map.calculate(text)
    except Exception:
        return {}
    return {
        pointer: (entry.value_start.position, entry.key_start.position if entry.key_start else NO_KEY)
        for pointer, entry in found.items()
    }


def reference_line_column(text: str, pointer: str, key: bool) -> tuple[int, int]:
    """The 1-based line and column the validator showed with json_source_map."""
    entry = json_source_map.calculate(text)[pointer]
    loc = entry.key_start if key and entry.key_start is not None else entry.value_start
    return loc.line + 1, loc.column + 1


def test_tricky_texts_map_as_the_reference_does() -> None:
    for text in TRICKY:
        assert offsets(text) == reference(text), text


def test_lines_and_columns_are_the_references() -> None:
    for text in TRICKY:
        positions = Positions(text)
        for pointer in reference(text):
            for key in (False, True):
                assert positions.of(pointer, key=key) == reference_line_column(text, pointer, key), (text, pointer)


def test_every_bundled_file_maps_as_the_reference_does() -> None:
    files = [*ROOT.glob("content/**/*.json"), *ROOT.glob("schemas/**/*.json"), *ROOT.glob("tests/cases/**/*.json")]
    assert len(files) > 50
    for file in files:
        text = file.read_bytes().decode("utf-8", errors="replace")
        assert offsets(text) == reference(text), file


def test_a_pointer_not_in_the_text_falls_back_to_its_nearest_ancestor() -> None:
    positions = Positions('{\n  "a": {\n    "b": 1\n  }\n}')
    assert positions.of("/a/b/c/d") == (3, 10) and positions.of("/a/x", key=True) == (2, 3)  # the key of "a"
    assert Positions("not json").of("/a") == (1, 1)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=examples(300), deadline=None)
@given(JSON, st.sampled_from([None, 0, 1, 2, "\t"]), st.booleans(), st.booleans())
def test_any_serialized_value_maps_as_the_reference_does(
    value: object, indent: int | str | None, ascii_: bool, crlf: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_)
    text = text.replace("\n", "\r\n") if crlf else text
    assert offsets(text) == reference(text)


def test_the_bench_documents_map_as_the_reference_does(tmp_path: Path) -> None:
    from bench.generate import documents

    for _, doc in documents(3):
        text = json.dumps(doc, ensure_ascii=False, indent=2)
        assert offsets(text) == reference(text)


def test_bytes_are_read_as_their_utf8_text() -> None:
    text = '{\n  "ä": "ö",\n  "b": [1, "\u00e5"]\n}'
    for pointer in reference(text):
        assert Positions(text.encode()).of(pointer) == Positions(text).of(pointer)
    assert Positions(b'{"a": "\xff", "b": 1}').of("/b") == (1, 17)  # an invalid byte is one character
