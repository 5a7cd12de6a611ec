"""Positions of keys and values in JSON text, for marking problems in the editor."""

from __future__ import annotations

from tui.api.filters.jsontext import JsonSyntaxError, ParsedText, line_column, parse


def test_every_key_and_value_has_its_span() -> None:
    text = '{"a": [1, {"b": "x"}],\n "c": null}'
    parsed = parse(text)
    assert isinstance(parsed, ParsedText)
    b = parsed.nodes[("a", 1, "b")]
    assert text[b.start : b.end] == '"x"'
    assert b.key_start is not None and text[b.key_start : b.key_end] == '"b"'
    assert text[parsed.nodes[("a", 0)].start : parsed.nodes[("a", 0)].end] == "1"
    assert parsed.line_column(parsed.nodes[("c",)].start) == (2, 7)
    assert parsed.children(("a",)) == [("a", 0), ("a", 1)]


def test_a_repeated_key_keeps_the_last_and_records_the_first() -> None:
    parsed = parse('{"a": {"x": 1}, "a": 2}')
    assert isinstance(parsed, ParsedText)
    assert parsed.value == {"a": 2}
    assert ("a", "x") not in parsed.nodes
    [duplicate] = parsed.duplicates
    assert (duplicate.path, duplicate.key_start) == (("a",), 1)


def test_escaped_strings_and_numbers_are_spanned_exactly() -> None:
    text = '{"k\\"ey": "va\\u00e9l", "n": -1.5e3, "t": true}'
    parsed = parse(text)
    assert isinstance(parsed, ParsedText)
    key = parsed.nodes[('k"ey',)]
    assert text[key.start : key.end] == '"va\\u00e9l"'
    n = parsed.nodes[("n",)]
    assert text[n.start : n.end] == "-1.5e3"


def test_failures_say_where_and_never_raise() -> None:
    result = parse("[" * 100_000)
    assert isinstance(result, JsonSyntaxError)
    assert result.reason == "nested too deeply to read"
    result = parse('{"a":\n  }')
    assert isinstance(result, JsonSyntaxError)
    assert (result.line, result.column) == (2, 3)


def test_line_and_column_count_from_one() -> None:
    assert line_column("ab\ncd", 0) == (1, 1)
    assert line_column("ab\ncd", 4) == (2, 2)


def test_json_too_deep_to_walk_still_validates_with_a_position() -> None:
    from tui.api.filters import validate_filter

    text = "[" * 700 + "]" * 700
    [problem] = validate_filter(text)
    assert problem.message == "a filter must be an object, not a list"
    assert (problem.line, problem.column) == (1, 1)
