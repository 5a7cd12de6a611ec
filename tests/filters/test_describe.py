"""Filters for people: one line per condition, a one-line summary, a stable pretty-print."""

from __future__ import annotations

import json
from typing import Any

from tui.api.filters import describe_condition, describe_filter, pretty, summarize_filter
from tui.api.filters.models import SegmentFilter

LABELS = {"employees": "Employees", "signed_up": "Signed up"}


def _condition(**fields: Any) -> dict[str, Any]:
    return fields


def test_each_kind_of_condition_reads_as_a_sentence() -> None:
    cases = [
        (
            _condition(
                kind="string", columnSlug="industry", operator="is", values=["SaaS", "Fintech"]
            ),
            "industry is SaaS, Fintech",
        ),
        (
            _condition(
                kind="string", columnSlug="industry", operator="doesNotContain", values="bank"
            ),
            "industry does not contain bank",
        ),
        (
            _condition(
                kind="number",
                columnSlug="employees",
                operator="between",
                firstValue=50,
                lastValue=500,
            ),
            "Employees between 50 and 500",
        ),
        (
            _condition(kind="number", columnSlug="employees", operator="lowerThan", value=10),
            "Employees less than 10",
        ),
        (
            _condition(
                kind="date", columnSlug="signed_up", operator="greaterThan", value="2024-01-31"
            ),
            "Signed up after 2024-01-31",
        ),
        (
            _condition(kind="boolean", columnSlug="is_customer", operator="isTrue"),
            "is_customer is true",
        ),
        (_condition(kind="string", columnSlug="industry", operator="isNull"), "industry is null"),
        (
            _condition(
                kind="objectProperty",
                columnSlug="address",
                propertyName="zip",
                operator="between",
                value="75000",
                otherValue="75999",
            ),
            "address.zip between 75000 and 75999",
        ),
        (
            _condition(
                kind="object",
                columnSlug="address",
                operator="matchConditions",
                conjonction="or",
                propertyConditions=[
                    _condition(
                        kind="objectProperty",
                        columnSlug="address",
                        propertyName="city",
                        operator="is",
                        value="Paris",
                    ),
                    _condition(
                        kind="objectProperty",
                        columnSlug="address",
                        propertyName="city",
                        operator="is",
                        value="Lyon",
                    ),
                ],
            ),
            "address has address.city is Paris or address.city is Lyon",
        ),
        (_condition(kind="segment", segmentUuid="s-1", operator="notIn"), "not in segment Churned"),
        (_condition(kind="sql", name="big", clause="employees > 10"), "sql big: employees > 10"),
        (
            _condition(
                kind="enrollment",
                workflowUuid="w-1",
                activityKind="workflowNodeExecuted",
                nodeSlug="enrich",
                frequency={"operator": "moreThan", "value": 2},
                period={"operator": "lessThan", "value": 7, "unit": "day"},
            ),
            "ran node enrich of workflow w-1 more than 2 times in the last 7 days",
        ),
        (
            _condition(kind="node", nodeSlug="enrich", status="error", value="timeout"),
            "node enrich error (message contains timeout)",
        ),
        (_condition(kind="node", nodeSlug="score", status="absent"), "node score not reached"),
    ]
    for condition, sentence in cases:
        assert describe_condition(condition, LABELS, {"s-1": "Churned"}) == sentence


def test_anything_else_is_shown_rather_than_refused() -> None:
    assert describe_condition(3) == "3"
    assert describe_condition({"kind": "number"}) == "? ?"


FILTER = {
    "conjonction": "or",
    "groups": [
        {
            "conjonction": "and",
            "conditions": [
                {"kind": "string", "columnSlug": "industry", "operator": "is", "values": ["SaaS"]},
                {
                    "kind": "number",
                    "columnSlug": "employees",
                    "operator": "greaterThan",
                    "value": 50,
                },
            ],
        },
        {
            "conjonction": "and",
            "conditions": [{"kind": "boolean", "columnSlug": "vip", "operator": "isTrue"}],
        },
    ],
}


def test_a_filter_lists_its_conditions_and_sums_them_up() -> None:
    assert describe_filter(FILTER, LABELS) == [
        "industry is SaaS",
        "Employees greater than 50",
        "vip is true",
    ]
    assert (
        summarize_filter(FILTER, LABELS)
        == "(industry is SaaS and Employees greater than 50) or vip is true"
    )
    assert summarize_filter({"conjonction": "and", "groups": []}) == "all records"
    short = summarize_filter(FILTER, LABELS, width=30)
    assert len(short) <= 30 and short.endswith("… (3 conditions)")


def test_models_describe_like_their_wire_json() -> None:
    model = SegmentFilter.model_validate(FILTER)
    assert describe_filter(model, LABELS) == describe_filter(FILTER, LABELS)
    assert pretty(model) == pretty(FILTER)


def test_pretty_printing_is_stable_and_in_wire_order() -> None:
    shuffled = {
        "groups": [
            {
                "conditions": [
                    {"value": 50, "operator": "is", "zeta": 1, "columnSlug": "e", "kind": "number"}
                ],
                "conjonction": "and",
            }
        ],
        "conjonction": "and",
    }
    text = pretty(shuffled)
    assert text == pretty(json.loads(text))
    assert list(json.loads(text)) == ["conjonction", "groups"]
    assert list(json.loads(text)["groups"][0]["conditions"][0]) == [
        "kind",
        "columnSlug",
        "operator",
        "value",
        "zeta",
    ]
    assert text.splitlines()[1] == '  "conjonction": "and",'
