"""Rules on conditions: operators, value and values, bounds, columns, kinds and dates."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.filters.support import C0, check, fixed, one, only
from tui.api.filters import Code, SetValue, Severity, apply_fix

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
