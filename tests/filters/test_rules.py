"""Each validation rule: what it catches, the message the user reads, where, and the fix offered."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tui.api.filters import (
    Code,
    ModelSchema,
    Problem,
    Remove,
    RenameKey,
    SetValue,
    Severity,
    apply_fix,
    validate_filter,
)

MODEL = ModelSchema(
    {
        "industry": "string",
        "employees": "number",
        "created_at": "date",
        "is_customer": "boolean",
        "address": "object",
        "tags": "array",
        "embedding": "vector",
        "raw": "any",
    },
    labels={"industry": "Industry", "employees": "Employee count"},
)
C0 = ("groups", 0, "conditions", 0)


def one(condition: dict[str, Any]) -> dict[str, Any]:
    return {"conjonction": "and", "groups": [{"conjonction": "and", "conditions": [condition]}]}


def check(data: Any, schema: ModelSchema | None = MODEL) -> list[Problem]:
    return validate_filter(data, schema)


def only(problems: list[Problem], code: Code) -> Problem:
    found = [p for p in problems if p.code is code]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


def fixed(data: Any, problem: Problem, schema: ModelSchema | None = MODEL) -> list[Problem]:
    """The problems left once ``problem``'s fix is applied to ``data`` written as text."""
    assert problem.fix is not None
    return validate_filter(apply_fix(json.dumps(data, indent=2), problem.fix), schema)


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


# -- operators ----------------------------------------------------------------------------------


def test_an_operator_of_another_name_is_mapped_to_the_right_one() -> None:
    data = one({"kind": "number", "columnSlug": "employees", "operator": "lessThan", "value": 5})
    problem = only(check(data), Code.INVALID_OPERATOR)
    assert problem.path == "groups[0].conditions[0].operator"
    assert problem.message == (
        '"lessThan" is not a number operator: did you mean "lowerThan"? ("is", "isNot", '
        '"greaterThan", "lowerThan", "between", "isNull" or "isNotNull")'
    )
    assert problem.fix is not None and problem.fix.label == "use lowerThan"
    assert fixed(data, problem) == []


def test_an_operator_of_another_kind_lists_the_valid_ones() -> None:
    data = one({"kind": "number", "columnSlug": "employees", "operator": "contains", "value": 5})
    problem = only(check(data), Code.INVALID_OPERATOR)
    assert problem.message == (
        '"contains" is not a number operator: use "is", "isNot", "greaterThan", "lowerThan", '
        '"between", "isNull" or "isNotNull"'
    )
    assert problem.fix is None


def test_boolean_conditions_have_their_own_operators() -> None:
    data = one({"kind": "boolean", "columnSlug": "is_customer", "operator": "is", "value": True})
    problem = only(check(data), Code.INVALID_OPERATOR)
    assert '"is" is not a boolean operator' in problem.message
    assert '"isTrue"' in problem.message


# -- value and values ---------------------------------------------------------------------------


def test_value_where_values_is_needed_is_renamed_and_wrapped_in_a_list() -> None:
    data = one({"kind": "string", "columnSlug": "industry", "operator": "is", "value": "SaaS"})
    problem = only(check(data), Code.VALUE_SHAPE)
    assert problem.path == "groups[0].conditions[0].value"
    assert problem.message == '"is" takes "values" (a list), not "value"'
    assert problem.fix is not None and problem.fix.label == "rename to values"
    text = json.dumps(data)
    assert json.loads(apply_fix(text, problem.fix))["groups"][0]["conditions"][0] == {
        "kind": "string",
        "columnSlug": "industry",
        "operator": "is",
        "values": ["SaaS"],
    }
    assert fixed(data, problem) == []


def test_values_where_value_is_needed_is_renamed_and_unwrapped() -> None:
    data = one(
        {"kind": "number", "columnSlug": "employees", "operator": "greaterThan", "values": [50]}
    )
    problem = only(check(data), Code.VALUE_SHAPE)
    assert problem.message == '"greaterThan" takes "value", not "values"'
    condition = json.loads(apply_fix(json.dumps(data), problem.fix))["groups"][0]["conditions"][0]
    assert condition["value"] == 50 and "values" not in condition


def test_several_values_for_a_one_value_operator_suggest_an_or_group() -> None:
    data = one({"kind": "number", "columnSlug": "employees", "operator": "is", "values": [1, 2]})
    problem = only(check(data), Code.VALUE_SHAPE)
    assert problem.message == (
        '"is" compares with one "value", but "values" holds 2: '
        'use one condition per value in an "or" group'
    )
    assert problem.fix is None


def test_string_values_must_be_strings_and_not_empty() -> None:
    data = one({"kind": "string", "columnSlug": "industry", "operator": "is", "values": [1, True]})
    problem = only(check(data), Code.WRONG_TYPE)
    assert problem.message == '"values" must hold strings only'
    assert problem.fix is not None and problem.fix.edits[0] == SetValue(
        (*C0, "values"), ["1", "true"]
    )
    empty = only(
        check(one({**data["groups"][0]["conditions"][0], "values": []})), Code.EMPTY_VALUES
    )
    assert empty.severity is Severity.WARNING
    assert empty.message == '"values" is empty: add at least one value'


def test_a_number_written_as_text_is_offered_as_a_number() -> None:
    data = one({"kind": "number", "columnSlug": "employees", "operator": "is", "value": "50"})
    problem = only(check(data), Code.WRONG_TYPE)
    assert problem.message == '"value" must be a number, not a string "50"'
    assert problem.fix is not None and problem.fix.edits == (SetValue((*C0, "value"), 50),)


# -- between ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "missing", "message"),
    [
        (
            {"kind": "number", "columnSlug": "employees", "operator": "between", "firstValue": 50},
            "lastValue",
            '"between" needs both bounds, "firstValue" and "lastValue": add "lastValue"',
        ),
        (
            {
                "kind": "date",
                "columnSlug": "created_at",
                "operator": "between",
                "lastValue": "2024-01-01",
            },
            "firstValue",
            '"between" needs both bounds, "firstValue" and "lastValue": add "firstValue"',
        ),
        (
            {
                "kind": "objectProperty",
                "columnSlug": "address",
                "propertyName": "zip",
                "operator": "between",
                "value": "1",
            },
            "otherValue",
            '"between" needs both bounds, "value" and "otherValue": add "otherValue"',
        ),
    ],
)
def test_between_needs_both_bounds(condition: dict[str, Any], missing: str, message: str) -> None:
    problem = only(check(one(condition)), Code.MISSING_BOUND)
    assert problem.pointer == (*C0, missing)
    assert problem.message == message


def test_between_with_the_other_kinds_bound_names_is_renamed() -> None:
    data = one(
        {
            "kind": "number",
            "columnSlug": "employees",
            "operator": "between",
            "value": 1,
            "otherValue": 9,
        }
    )
    problems = check(data)
    assert [(p.path, p.code) for p in problems] == [
        ("groups[0].conditions[0].value", Code.VALUE_SHAPE),
        ("groups[0].conditions[0].otherValue", Code.VALUE_SHAPE),
    ]
    assert problems[0].message == '"between" takes "firstValue", not "value"'


def test_between_with_a_values_pair_is_split_into_bounds() -> None:
    data = one(
        {"kind": "number", "columnSlug": "employees", "operator": "between", "values": [50, 500]}
    )
    problem = only(check(data), Code.VALUE_SHAPE)
    assert problem.message == '"between" takes "firstValue" and "lastValue", not a "values" list'
    assert problem.fix is not None and problem.fix.label == "split into firstValue, lastValue"
    assert fixed(data, problem) == []


def test_bounds_the_wrong_way_round_are_a_warning_with_a_swap() -> None:
    data = one(
        {
            "kind": "number",
            "columnSlug": "employees",
            "operator": "between",
            "firstValue": 500,
            "lastValue": 50,
        }
    )
    problem = only(check(data), Code.REVERSED_BOUNDS)
    assert problem.severity is Severity.WARNING
    assert problem.message == '"firstValue" is after "lastValue", so nothing can match: swap them'
    assert fixed(data, problem) == []
    equal = one(
        {
            "kind": "number",
            "columnSlug": "employees",
            "operator": "between",
            "firstValue": 5,
            "lastValue": 5,
        }
    )
    assert check(equal) == []


# -- operators that take nothing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "key"),
    [
        (
            {"kind": "string", "columnSlug": "industry", "operator": "isNull", "values": ["x"]},
            "values",
        ),
        (
            {"kind": "number", "columnSlug": "employees", "operator": "isNotNull", "value": 3},
            "value",
        ),
        (
            {"kind": "boolean", "columnSlug": "is_customer", "operator": "isTrue", "value": True},
            "value",
        ),
        (
            {"kind": "string", "columnSlug": "industry", "operator": "isEmpty", "values": []},
            "values",
        ),
    ],
)
def test_a_value_given_to_an_operator_that_takes_none_is_a_warning(
    condition: dict[str, Any], key: str
) -> None:
    problem = only(check(one(condition)), Code.UNEXPECTED_VALUE)
    assert problem.severity is Severity.WARNING
    assert (
        problem.message
        == f'"{condition["operator"]}" takes no value: "{key}" is ignored; remove it'
    )
    assert problem.fix is not None and problem.fix.label == f"remove {key}"
    assert fixed(one(condition), problem) == []


# -- columns ------------------------------------------------------------------------------------


def test_a_column_the_model_lacks_names_the_closest_one() -> None:
    data = one({"kind": "string", "columnSlug": "industy", "operator": "isNull"})
    problem = only(check(data), Code.UNKNOWN_COLUMN)
    assert problem.message == 'the model has no column "industy": did you mean "industry"?'
    assert problem.fix is not None and problem.fix.label == "use industry"
    assert fixed(data, problem) == []


def test_a_label_typed_for_a_slug_is_mapped_to_the_slug() -> None:
    data = one({"kind": "number", "columnSlug": "Employee count", "operator": "isNull"})
    problem = only(check(data), Code.UNKNOWN_COLUMN)
    assert problem.fix is not None and problem.fix.edits == (
        SetValue((*C0, "columnSlug"), "employees"),
    )


def test_a_column_like_nothing_lists_the_columns() -> None:
    problem = only(
        check(one({"kind": "string", "columnSlug": "zzzzzz", "operator": "isNull"})),
        Code.UNKNOWN_COLUMN,
    )
    assert problem.message.startswith(
        'the model has no column "zzzzzz": its columns are "address", '
    )
    assert problem.fix is None


def test_without_a_schema_columns_are_not_checked() -> None:
    assert (
        check(one({"kind": "string", "columnSlug": "anything", "operator": "isNull"}), None) == []
    )


def test_a_column_of_a_related_model_is_not_checked_against_this_one() -> None:
    condition = {
        "kind": "string",
        "columnSlug": "plan",
        "operator": "isNull",
        "relatedModelUuid": "m-2",
    }
    assert check(one(condition)) == []


def test_a_condition_of_the_wrong_kind_for_its_column_names_the_right_kind() -> None:
    data = one({"kind": "number", "columnSlug": "industry", "operator": "isNull"})
    problem = only(check(data), Code.KIND_MISMATCH)
    assert problem.path == "groups[0].conditions[0].kind"
    assert problem.message == (
        'column "industry" is a string column: a number condition cannot compare it; '
        'use kind "string"'
    )
    assert problem.fix is not None and problem.fix.label == "use kind string"
    assert fixed(data, problem) == []


def test_object_columns_take_object_and_object_property_conditions() -> None:
    ok = {
        "kind": "objectProperty",
        "columnSlug": "address",
        "propertyName": "city",
        "operator": "is",
        "value": "Paris",
    }
    assert check(one(ok)) == []
    wrong = {**ok, "columnSlug": "industry"}
    problem = only(check(one(wrong)), Code.KIND_MISMATCH)
    assert problem.fix is not None and problem.fix.edits == (SetValue((*C0, "kind"), "string"),)


def test_a_condition_on_an_untyped_column_is_only_a_warning() -> None:
    [problem] = check(one({"kind": "string", "columnSlug": "raw", "operator": "isNull"}))
    assert (problem.code, problem.severity) == (Code.KIND_MISMATCH, Severity.WARNING)


# -- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        ("2024/1/31", "2024-01-31"),
        ("31/01/2024", None),
        ("last week", None),
        (1706659200, "2024-01-31T00:00:00Z"),
    ],
)
def test_a_date_that_is_not_iso_8601_is_an_error(value: object, fix: str | None) -> None:
    data = one(
        {"kind": "date", "columnSlug": "created_at", "operator": "greaterThan", "value": value}
    )
    problem = only(check(data), Code.INVALID_DATE)
    assert problem.path == "groups[0].conditions[0].value"
    assert problem.message.endswith(
        "is not an ISO-8601 date: write it like 2024-01-31 or 2024-01-31T09:30:00Z"
    )
    assert (problem.fix.edits[0].value if problem.fix else None) == fix


@pytest.mark.parametrize(
    "value", ["2024-01-31", "2024-01-31T09:30:00Z", "2024-01-31T09:30:00.5+02:00"]
)
def test_iso_dates_pass(value: str) -> None:
    assert (
        check(one({"kind": "date", "columnSlug": "created_at", "operator": "is", "value": value}))
        == []
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
