"""Rules on the filter's shape: JSON syntax, keys, required keys, JSON types, order."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.filters.support import MODEL, check, fixed, one, only
from tui.api.filters import (
    Code,
    Remove,
    RenameKey,
    SetValue,
    Severity,
    apply_fix,
    validate_filter,
)

# -- text that is not JSON ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ('{"conjonction": "and",\n  "groups": [,]}', "not valid JSON: Expecting value", 2, 14),
        (
            '{"conjonction": "and", "groups": [],}',
            "not valid JSON: trailing comma: remove the comma before }",
            1,
            37,
        ),
        (
            "{'conjonction': 'and'}",
            "not valid JSON: Expecting property name enclosed in double quotes: "
            "JSON strings use double quotes",
            1,
            2,
        ),
        ('{"a": True}', "not valid JSON: Expecting value: write true, not True", 1, 7),
        (
            '{"a": 1 // why\n}',
            "not valid JSON: Expecting ',' delimiter: JSON has no comments",
            1,
            9,
        ),
        ('{"a": NaN}', "not valid JSON: NaN is not JSON: write a number or null", 1, 7),
        (
            "  ",
            "not valid JSON: the text is empty: "
            'a filter starts as {"conjonction": "and", "groups": []}',
            1,
            3,
        ),
    ],
)
def test_text_that_is_not_json_says_why_and_where(
    text: str, message: str, line: int, column: int
) -> None:
    [problem] = validate_filter(text)
    assert (problem.code, problem.message) == (Code.INVALID_JSON, message)
    assert (problem.line, problem.column) == (line, column)


# -- unknown keys -------------------------------------------------------------------------------


def test_conjunction_is_the_misspelling_that_silently_matches_nothing() -> None:
    text = '{\n  "conjunction": "and",\n  "groups": []\n}'
    [problem] = validate_filter(text)
    assert problem.code is Code.UNKNOWN_KEY
    assert problem.severity is Severity.ERROR
    assert problem.path == "conjunction"
    assert problem.message == (
        '"conjunction" is misspelled: the key is "conjonction"; the server ignores '
        '"conjunction" and silently returns no records'
    )
    assert (problem.line, problem.column) == (2, 3)  # the key itself
    assert problem.fix is not None and problem.fix.label == "rename to conjonction"
    assert apply_fix(text, problem.fix) == '{\n  "conjonction": "and",\n  "groups": []\n}'


def test_conjunction_in_a_group_is_caught_too_and_missing_conjonction_is_not_repeated() -> None:
    data = {"conjonction": "and", "groups": [{"conjunction": "or", "conditions": []}]}
    problems = check(data)
    assert [p.code for p in problems] == [Code.UNKNOWN_KEY, Code.EMPTY_CONDITIONS]
    assert problems[0].path == "groups[0].conjunction"
    assert "silently returns no records" in problems[0].message


def test_conjunction_beside_conjonction_is_offered_for_removal() -> None:
    problem = only(
        check({"conjonction": "and", "conjunction": "or", "groups": []}), Code.UNKNOWN_KEY
    )
    assert problem.message.endswith("silently returns no records; remove it")
    assert problem.fix is not None and problem.fix.edits == (Remove(("conjunction",)),)


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        (
            {"conjonction": "and", "groups": [{"conjonction": "and", "condtions": []}]},
            "groups[0].condtions",
            'unknown key "condtions" in a group: did you mean "conditions"?',
        ),
        (
            one({"kind": "string", "columnSlug": "industry", "operater": "isNull"}),
            "groups[0].conditions[0].operater",
            'unknown key "operater" in a string condition: did you mean "operator"?',
        ),
        (
            one({"kind": "number", "columSlug": "employees", "operator": "isNull"}),
            "groups[0].conditions[0].columSlug",
            'unknown key "columSlug" in a number condition: did you mean "columnSlug"?',
        ),
        (
            {"conjonction": "and", "grups": []},
            "grups",
            'unknown key "grups" in the filter: did you mean "groups"?',
        ),
    ],
)
def test_a_typo_in_a_key_names_the_key_it_meant_and_renames_it(
    data: dict[str, Any], path: str, message: str
) -> None:
    problem = only(check(data), Code.UNKNOWN_KEY)
    assert (problem.path, problem.message) == (path, message)
    target = message.split('"')[-2]
    assert problem.fix is not None and problem.fix.label == f"rename to {target}"
    assert problem.fix.edits == (RenameKey(problem.pointer, target),)
    assert [p.code for p in fixed(data, problem)] in ([], [Code.EMPTY_CONDITIONS])


def test_a_key_like_nothing_lists_the_keys_there_are_and_offers_removal() -> None:
    data = one({"kind": "boolean", "columnSlug": "is_customer", "operator": "isTrue", "zzz": 1})
    problem = only(check(data), Code.UNKNOWN_KEY)
    assert problem.message.startswith('unknown key "zzz" in a boolean condition: use "kind", ')
    assert problem.fix is not None and problem.fix.label == "remove zzz"
    assert fixed(data, problem) == []


def test_problems_inside_a_misspelled_key_are_still_found_where_they_are() -> None:
    data = {
        "conjonction": "and",
        "groups": [
            {
                "conjonction": "and",
                "condtions": [
                    {
                        "kind": "number",
                        "columnSlug": "employees",
                        "operator": "lessThan",
                        "value": 5,
                    }
                ],
            }
        ],
    }
    problems = check(data)
    assert [(p.path, p.code) for p in problems] == [
        ("groups[0].condtions", Code.UNKNOWN_KEY),
        ("groups[0].condtions[0].operator", Code.INVALID_OPERATOR),
    ]
    assert problems[1].fix is not None
    assert problems[1].fix.edits == (
        SetValue(("groups", 0, "condtions", 0, "operator"), "lowerThan"),
    )


# -- structure ----------------------------------------------------------------------------------


def test_a_missing_kind_is_inferred_from_the_column() -> None:
    data = one({"columnSlug": "employees", "operator": "greaterThan", "value": 5})
    problem = only(check(data), Code.MISSING_KEY)
    assert problem.message == 'a condition needs "kind": column "employees" takes "number"'
    assert problem.fix is not None and problem.fix.label == "add kind: number"
    assert fixed(data, problem) == []


@pytest.mark.parametrize(
    ("data", "path", "message", "label"),
    [
        ({"groups": []}, "conjonction", 'the filter needs "conjonction"', 'add conjonction: "and"'),
        ({"conjonction": "or"}, "groups", 'the filter needs "groups"', "add groups: []"),
        (
            {"conjonction": "or", "groups": [{"conditions": []}]},
            "groups[0].conjonction",
            'a group needs "conjonction"',
            'add conjonction: "and"',
        ),
        (
            one({"kind": "string", "columnSlug": "industry"}),
            "groups[0].conditions[0].operator",
            'a string condition needs "operator"',
            None,
        ),
        (
            one({"kind": "string", "operator": "isNull"}),
            "groups[0].conditions[0].columnSlug",
            'a string condition needs "columnSlug"',
            None,
        ),
        (
            one({"operator": "isNull"}),
            "groups[0].conditions[0].kind",
            'a condition needs "kind"',
            None,
        ),
    ],
)
def test_a_missing_key_is_named(data: Any, path: str, message: str, label: str | None) -> None:
    problem = only(check(data), Code.MISSING_KEY)
    assert (problem.path, problem.message) == (path, message)
    assert (problem.fix.label if problem.fix else None) == label


def test_a_missing_key_is_marked_at_its_object() -> None:
    text = '{\n  "conjonction": "and",\n  "groups": [\n    {"conditions": []}\n  ]\n}'
    problem = only(validate_filter(text), Code.MISSING_KEY)
    assert (problem.line, problem.column) == (4, 5)


@pytest.mark.parametrize(
    ("data", "path", "message", "has_fix"),
    [
        (
            {"conjonction": "and", "groups": {"conjonction": "and", "conditions": []}},
            "groups",
            '"groups" must be a list of groups, not an object',
            True,
        ),
        (
            {"conjonction": "and", "groups": "all"},
            "groups",
            '"groups" must be a list of groups, not a string',
            False,
        ),
        (
            {"conjonction": "and", "groups": [[]]},
            "groups[0]",
            "a group must be an object, not a list",
            False,
        ),
        (
            {"conjonction": "and", "groups": [{"conjonction": "and", "conditions": [3]}]},
            "groups[0].conditions[0]",
            "a condition must be an object, not a number",
            False,
        ),
        (
            one({"kind": "string", "columnSlug": 7, "operator": "isNull"}),
            "groups[0].conditions[0].columnSlug",
            '"columnSlug" must be a string, not a number',
            True,
        ),
        ([], "", "a filter must be an object, not a list", False),
    ],
)
def test_a_value_of_the_wrong_json_type_is_named(
    data: Any, path: str, message: str, has_fix: bool
) -> None:
    problem = only(check(data), Code.WRONG_TYPE)
    assert (problem.path, problem.message) == (path, message)
    assert (problem.fix is not None) is has_fix


def test_an_empty_group_is_a_warning_with_a_fix_that_removes_it() -> None:
    data = {"conjonction": "and", "groups": [{"conjonction": "and", "conditions": []}]}
    problem = only(check(data), Code.EMPTY_CONDITIONS)
    assert problem.severity is Severity.WARNING
    assert problem.message == "this group has no conditions: add one or remove the group"
    assert fixed(data, problem) == []


def test_the_empty_filter_is_valid() -> None:
    assert check({"conjonction": "and", "groups": []}) == []


@pytest.mark.parametrize(("value", "fix"), [("AND", "and"), ("||", "or"), ("both", None)])
def test_conjonction_must_be_and_or_or(value: str, fix: str | None) -> None:
    problem = only(check({"conjonction": value, "groups": []}), Code.INVALID_VALUE)
    assert problem.message.startswith(f'"{value}" is not a conjonction')
    assert problem.message.endswith('"and" or "or")' if fix else 'use "and" or "or"')
    assert (problem.fix.edits[0].value if problem.fix else None) == fix


def test_an_unknown_kind_names_the_closest() -> None:
    problem = only(
        check(one({"kind": "strng", "columnSlug": "industry", "operator": "isNull"})),
        Code.INVALID_KIND,
    )
    assert problem.message.startswith('"strng" is not a condition kind: did you mean "string"?')


def test_duplicate_keys_are_a_warning_at_the_first() -> None:
    text = '{"conjonction": "and", "conjonction": "or", "groups": []}'
    [problem] = validate_filter(text)
    assert (problem.code, problem.severity, problem.column) == (
        Code.DUPLICATE_KEY,
        Severity.WARNING,
        2,
    )
    assert (
        problem.message
        == '"conjonction" appears more than once here: the last one wins; remove the others'
    )


# -- order --------------------------------------------------------------------------------------


def test_problems_come_in_the_order_of_the_text_and_of_the_data() -> None:
    data = {
        "groups": [
            {
                "conjonction": "x",
                "conditions": [
                    {"kind": "number", "columnSlug": "nope", "operator": "is", "value": "a"}
                ],
            },
            {"conjonction": "and", "conditions": []},
        ],
        "conjunction": "and",
    }
    from_text = validate_filter(json.dumps(data, indent=2), MODEL)
    from_data = validate_filter(data, MODEL)
    expected = [
        "groups[0].conjonction",
        "groups[0].conditions[0].columnSlug",
        "groups[0].conditions[0].value",
        "groups[1].conditions",
        "conjunction",
    ]
    assert [p.path for p in from_text] == expected
    assert [p.path for p in from_data] == expected
    assert [p.line for p in from_text] == sorted(p.line or 0 for p in from_text)


def test_a_problem_spans_what_it_marks() -> None:
    text = '{"conjonction": "and", "groups": [], "conjunction": "or"}'
    [problem] = validate_filter(text)
    assert problem.start is not None and problem.end is not None
    assert text[problem.start : problem.end] == '"conjunction"'
    assert (problem.line, problem.column, problem.end_line, problem.end_column) == (1, 38, 1, 51)
