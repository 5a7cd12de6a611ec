"""The typed models: exactly the wire JSON out, and only valid filters in."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from tui.api.filters.models import (
    ExecutionsFilter,
    ExecutionsFilterGroup,
    FilterGroup,
    NodeCondition,
    NumberCondition,
    SegmentFilter,
    SegmentQuery,
    SortEntry,
    StringCondition,
)


def test_a_model_serialises_to_the_wire_spelling() -> None:
    filter_ = SegmentFilter(
        conjonction="or",
        groups=[
            FilterGroup(
                conditions=[
                    StringCondition(column_slug="industry", operator="is", values=["SaaS"]),
                    NumberCondition(
                        column_slug="employees", operator="between", first_value=50, last_value=500
                    ),
                ]
            )
        ],
    )
    assert filter_.to_wire() == {
        "conjonction": "or",
        "groups": [
            {
                "conjonction": "and",
                "conditions": [
                    {
                        "kind": "string",
                        "columnSlug": "industry",
                        "operator": "is",
                        "values": ["SaaS"],
                    },
                    {
                        "kind": "number",
                        "columnSlug": "employees",
                        "operator": "between",
                        "firstValue": 50,
                        "lastValue": 500,
                    },
                ],
            }
        ],
    }
    assert '"conjonction"' in filter_.model_dump_json(by_alias=True)
    assert "conjunction" not in filter_.model_dump_json(by_alias=True)


def test_the_empty_filter_matches_everything() -> None:
    assert SegmentFilter().to_wire() == {"conjonction": "and", "groups": []}
    assert SegmentQuery(sort=[SortEntry(column_slug="a", kind="desc")], limit=5).to_wire() == {
        "filter": {"conjonction": "and", "groups": []},
        "sort": [{"columnSlug": "a", "kind": "desc"}],
        "limit": 5,
    }


def test_an_executions_filter_serialises_to_the_wire_spelling() -> None:
    condition = NodeCondition(node_slug="enrich", status="error", value="timeout")
    executions = ExecutionsFilter(groups=[ExecutionsFilterGroup(conditions=[condition])])
    assert executions.to_wire() == {
        "conjonction": "and",
        "groups": [
            {
                "conjonction": "and",
                "conditions": [
                    {"kind": "node", "nodeSlug": "enrich", "status": "error", "value": "timeout"}
                ],
            }
        ],
    }


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        ({"conjunction": "and", "groups": []}, "Extra inputs are not permitted"),
        (
            {
                "groups": [
                    {
                        "conditions": [
                            {"kind": "number", "columnSlug": "e", "operator": "is", "values": [1]}
                        ]
                    }
                ]
            },
            "Extra inputs",
        ),
        (
            {"groups": [{"conditions": [{"kind": "number", "columnSlug": "e", "operator": "is"}]}]},
            '"is" needs "value"',
        ),
        (
            {
                "groups": [
                    {
                        "conditions": [
                            {"kind": "number", "columnSlug": "e", "operator": "isNull", "value": 1}
                        ]
                    }
                ]
            },
            '"isNull" does not take "value"',
        ),
        (
            {
                "groups": [
                    {
                        "conditions": [
                            {"kind": "number", "columnSlug": "e", "operator": "is", "value": True}
                        ]
                    }
                ]
            },
            "valid integer",
        ),
        (
            {
                "groups": [
                    {
                        "conditions": [
                            {
                                "kind": "date",
                                "columnSlug": "d",
                                "operator": "is",
                                "value": "31/01/2024",
                            }
                        ]
                    }
                ]
            },
            "not an ISO-8601 date",
        ),
        (
            {
                "groups": [
                    {"conditions": [{"kind": "strin", "columnSlug": "d", "operator": "isNull"}]}
                ]
            },
            "does not match any of the expected tags",
        ),
        (
            {
                "groups": [
                    {"conditions": [{"kind": "boolean", "columnSlug": "b", "operator": "is"}]}
                ]
            },
            "Input should be",
        ),
    ],
)
def test_an_invalid_filter_is_refused(data: dict[str, Any], complaint: str) -> None:
    with pytest.raises(ValidationError, match=complaint):
        SegmentFilter.model_validate(data)


def test_a_limit_must_be_positive() -> None:
    with pytest.raises(ValidationError):
        SegmentQuery(limit=0)
