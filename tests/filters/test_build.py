"""The form builder: what a column offers, and conditions built from what the user picked."""

from __future__ import annotations

from datetime import date

import pytest

from tui.api.filters import (
    ConditionError,
    Operand,
    add_condition,
    build_condition,
    empty_filter,
    operand_of,
    operators_for,
    remove_condition,
    takes_bounds,
    takes_value,
    takes_values,
    validate_filter,
)

SCHEMA = {"industry": "string", "employees": "number", "signed_up": "date", "address": "object"}


def test_each_column_type_offers_its_operators() -> None:
    assert operators_for("string") == (
        "is",
        "isNot",
        "contains",
        "doesNotContain",
        "startsWith",
        "endsWith",
        "isNull",
        "isNotNull",
        "isEmpty",
        "isNotEmpty",
    )
    assert operators_for("number") == (
        "is",
        "isNot",
        "greaterThan",
        "lowerThan",
        "between",
        "isNull",
        "isNotNull",
    )
    assert operators_for("boolean") == ("isTrue", "isFalse", "isNull", "isNotNull")
    assert operators_for("object") == ("isNull", "isNotNull", "matchConditions")
    assert "between" in operators_for("object", property_name="zip")
    assert operators_for("vector") == operators_for("any") == ("isNull", "isNotNull")
    assert operators_for("someday-a-new-type") == ("isNull", "isNotNull")


@pytest.mark.parametrize(
    ("column_type", "operator", "operand", "value", "values", "bounds"),
    [
        ("string", "is", Operand.VALUES, False, True, False),
        ("number", "greaterThan", Operand.VALUE, True, False, False),
        ("date", "between", Operand.BOUNDS, False, False, True),
        ("string", "isNull", Operand.NONE, False, False, False),
    ],
)
def test_the_form_knows_which_inputs_to_show(
    column_type: str, operator: str, operand: Operand, value: bool, values: bool, bounds: bool
) -> None:
    shape = operand_of(column_type, operator)
    assert shape is operand
    assert (takes_value(shape), takes_values(shape), takes_bounds(shape)) == (value, values, bounds)
    assert takes_bounds(operand_of("object", "between", property_name="zip"))


def test_conditions_are_built_in_wire_form_from_form_input() -> None:
    assert build_condition("industry", "string", "is", ["SaaS", " Fintech "]) == {
        "kind": "string",
        "columnSlug": "industry",
        "operator": "is",
        "values": ["SaaS", "Fintech"],
    }
    assert build_condition("employees", "number", "between", "50", 500) == {
        "kind": "number",
        "columnSlug": "employees",
        "operator": "between",
        "firstValue": 50,
        "lastValue": 500,
    }
    assert (
        build_condition("signed_up", "date", "greaterThan", date(2024, 1, 31))["value"]
        == "2024-01-31"
    )
    assert build_condition("signed_up", "date", "lowerThan", "2024/2/1")["value"] == "2024-02-01"
    assert build_condition("address", "object", "is", "Paris", property_name="city") == {
        "kind": "objectProperty",
        "columnSlug": "address",
        "propertyName": "city",
        "operator": "is",
        "value": "Paris",
    }
    assert build_condition("industry", "string", "isNull") == {
        "kind": "string",
        "columnSlug": "industry",
        "operator": "isNull",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("employees", "number", "contains", 5),
            '"contains" is not a number operator: use one of is, isNot',
        ),
        (("employees", "number", "between", 5), '"between" needs "lastValue"'),
        (("employees", "number", "is", "many"), "\"value\" must be a number, not 'many'"),
        (("signed_up", "date", "is", "last week"), '"value" must be a date like 2024-01-31'),
        (("industry", "string", "is", []), '"values" needs at least one value'),
        (("industry", "string", "isNull", "x"), '"isNull" takes no value'),
        (("address", "object", "matchConditions"), "built with its own form"),
    ],
)
def test_bad_form_input_says_what_to_change(args: tuple[object, ...], message: str) -> None:
    with pytest.raises(ConditionError, match=message.replace("(", r"\(")):
        build_condition(*args)


def test_conditions_go_into_a_new_group_or_an_existing_one_and_the_result_validates() -> None:
    first = build_condition("industry", "string", "is", "SaaS")
    second = build_condition("employees", "number", "greaterThan", 50)
    third = build_condition("signed_up", "date", "isNotNull")
    start = empty_filter()
    filter_ = add_condition(start, first)
    filter_ = add_condition(filter_, second, group=0)
    filter_ = add_condition(filter_, third, conjonction="or")
    assert start == empty_filter(), "the original is never changed"
    assert [len(g["conditions"]) for g in filter_["groups"]] == [2, 1]
    assert filter_["groups"][1]["conjonction"] == "or"
    assert validate_filter(filter_, SCHEMA) == []
    with pytest.raises(ConditionError, match="there is no group 5"):
        add_condition(filter_, third, group=5)


def test_removing_the_last_condition_of_a_group_removes_the_group() -> None:
    filter_ = add_condition(empty_filter(), build_condition("industry", "string", "isNull"))
    filter_ = add_condition(filter_, build_condition("employees", "number", "isNull"))
    assert remove_condition(filter_, 0, 0)["groups"] == [filter_["groups"][1]]
    with pytest.raises(ConditionError):
        remove_condition(filter_, 3, 0)
