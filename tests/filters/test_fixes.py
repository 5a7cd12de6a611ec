"""Applying fixes to the user's text: in place, keeping their layout; refusing stale fixes."""

from __future__ import annotations

import json

import pytest

from tui.api.filters import (
    Fix,
    FixNotApplicable,
    Remove,
    RenameKey,
    SetValue,
    apply_fix,
    apply_fix_to_data,
    fix_all,
    validate_filter,
)

TEXT = """{
    "conjunction": "and",
    "groups": [
        {
            "conjonction": "or",
            "conditions": [
                {"kind": "string", "columnSlug": "industry", "operator": "is", "value": "SaaS"}
            ]
        }
    ]
}"""
SCHEMA = {"industry": "string", "employees": "number"}


def _fix(*edits: RenameKey | SetValue | Remove) -> Fix:
    return Fix("test", edits)


def test_a_key_rename_touches_only_the_key() -> None:
    result = apply_fix(TEXT, _fix(RenameKey(("conjunction",), "conjonction")))
    assert result == TEXT.replace('"conjunction"', '"conjonction"', 1)


def test_a_value_is_replaced_where_it_stands() -> None:
    at = ("groups", 0, "conditions", 0, "columnSlug")
    result = apply_fix(TEXT, _fix(SetValue(at, "employees")))
    assert result == TEXT.replace('"columnSlug": "industry"', '"columnSlug": "employees"')


def test_a_missing_key_is_added_after_its_last_sibling_in_the_same_style() -> None:
    compact = '{"groups": []}'
    assert apply_fix(compact, _fix(SetValue(("conjonction",), "and"))) == (
        '{"groups": [], "conjonction": "and"}'
    )
    tight = '{"groups":[]}'
    assert apply_fix(tight, _fix(SetValue(("conjonction",), "and"))) == (
        '{"groups":[],"conjonction":"and"}'
    )
    indented = '{\n    "groups": []\n}'
    assert apply_fix(indented, _fix(SetValue(("conjonction",), "and"))) == (
        '{\n    "groups": [],\n    "conjonction": "and"\n}'
    )


def test_a_key_added_to_an_empty_object() -> None:
    assert apply_fix("{}", _fix(SetValue(("groups",), []))) == '{"groups": []}'
    assert apply_fix("{\n}", _fix(SetValue(("groups",), []))) == '{\n  "groups": []\n}'


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        ('{"a": 1, "b": 2, "c": 3}', ("b",), '{"a": 1, "c": 3}'),
        ('{"a": 1, "b": 2}', ("a",), '{"b": 2}'),
        ('{"a": 1, "b": 2}', ("b",), '{"a": 1}'),
        ('{\n  "a": 1\n}', ("a",), "{}"),
        ("[1, 2, 3]", (0,), "[2, 3]"),
        ("[1, 2, 3]", (2,), "[1, 2]"),
        ('{"a": [\n  {"x": 1},\n  {"y": 2}\n]}', ("a", 1), '{"a": [\n  {"x": 1}\n]}'),
    ],
)
def test_a_removal_takes_its_comma_with_it(
    text: str, path: tuple[str | int, ...], expected: str
) -> None:
    assert apply_fix(text, _fix(Remove(path))) == expected


def test_a_long_value_is_spread_over_lines_at_the_right_indent() -> None:
    value = [f"industry number {n}" for n in range(5)]
    text = '{\n  "values": "x"\n}'
    result = apply_fix(text, _fix(SetValue(("values",), value)))
    assert json.loads(result) == {"values": value}
    assert result.splitlines()[2] == '    "industry number 0",'


def test_edits_apply_in_order_so_a_rename_can_be_followed_by_a_new_value() -> None:
    [problem] = [p for p in validate_filter(TEXT, SCHEMA) if p.path.endswith("value")]
    assert problem.fix is not None
    result = apply_fix(TEXT, problem.fix)
    assert '"values": ["SaaS"]' in result
    assert result.count("\n") == TEXT.count("\n")


def test_a_stale_fix_is_refused_rather_than_guessed() -> None:
    fix = _fix(RenameKey(("conjunction",), "conjonction"))
    with pytest.raises(FixNotApplicable, match="not there any more"):
        apply_fix('{"conjonction": "and", "groups": []}', fix)
    with pytest.raises(FixNotApplicable, match="already set"):
        apply_fix('{"conjunction": "and", "conjonction": "or"}', fix)
    with pytest.raises(FixNotApplicable, match="not valid JSON"):
        apply_fix('{"conjunction": ', fix)
    with pytest.raises(FixNotApplicable):
        apply_fix_to_data({"groups": []}, fix)


def test_fixing_data_matches_fixing_text() -> None:
    data = json.loads(TEXT)
    for problem in validate_filter(TEXT, SCHEMA):
        assert problem.fix is not None
        assert apply_fix_to_data(data, problem.fix) == json.loads(apply_fix(TEXT, problem.fix))
    assert data == json.loads(TEXT), "the caller's data is never changed"


def test_fix_all_repairs_everything_that_has_a_fix_and_keeps_the_layout() -> None:
    result = fix_all(TEXT, lambda text: validate_filter(text, SCHEMA))
    assert validate_filter(result, SCHEMA) == []
    assert result == TEXT.replace("conjunction", "conjonction").replace(
        '"value": "SaaS"', '"values": ["SaaS"]'
    )
