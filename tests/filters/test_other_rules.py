"""Rules beyond column conditions: sort, limit, the segment query, other kinds, executionsFilter."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.filters.support import one, only
from tui.api.filters import (
    Code,
    SetValue,
    Severity,
    apply_fix,
    validate_executions_filter,
    validate_filter,
    validate_limit,
    validate_segment,
    validate_sort,
)

MODEL = {"industry": "string", "employees": "number", "address": "object"}


# -- sort ---------------------------------------------------------------------------------------


def test_a_valid_sort_passes() -> None:
    sort = [{"columnSlug": "employees", "kind": "desc"}, {"columnSlug": "industry", "kind": "asc"}]
    assert validate_sort(sort, MODEL) == []


def test_a_sort_column_the_model_lacks_names_the_closest() -> None:
    problem = only(
        validate_sort([{"columnSlug": "employes", "kind": "asc"}], MODEL), Code.UNKNOWN_COLUMN
    )
    assert problem.path == "[0].columnSlug"
    assert problem.message == 'the model has no column "employes": did you mean "employees"?'
    assert problem.fix is not None and problem.fix.edits == (
        SetValue((0, "columnSlug"), "employees"),
    )


@pytest.mark.parametrize(("kind", "fix"), [("descending", "desc"), ("ASC", "asc"), ("up", None)])
def test_a_sort_kind_is_asc_or_desc(kind: str, fix: str | None) -> None:
    problem = only(
        validate_sort([{"columnSlug": "industry", "kind": kind}], MODEL), Code.INVALID_VALUE
    )
    assert problem.message.startswith(f'"{kind}" is not a sort kind')
    assert '"asc" or "desc"' in problem.message
    assert (problem.fix.edits[0].value if problem.fix else None) == fix


def test_a_sort_entry_without_kind_is_told_so_once() -> None:
    problems = validate_sort([{"columnSlug": "industry"}], MODEL)
    assert [(p.code, p.message) for p in problems] == [
        (Code.MISSING_KEY, 'a sort entry needs "kind"')
    ]


def test_a_sort_entry_with_direction_for_kind_is_renamed() -> None:
    problem = only(
        validate_sort([{"columnSlug": "industry", "direction": "asc"}]), Code.UNKNOWN_KEY
    )
    assert problem.message == 'unknown key "direction" in a sort entry: did you mean "kind"?'


def test_a_lone_sort_entry_is_wrapped_in_a_list() -> None:
    text = '{"columnSlug": "industry", "kind": "asc"}'
    problem = only(validate_sort(text, MODEL), Code.WRONG_TYPE)
    assert problem.message == "a sort is a list of entries: wrap this one in a list"
    assert problem.fix is not None
    assert validate_sort(apply_fix(text, problem.fix), MODEL) == []


# -- limit --------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 10_000, None])
def test_a_positive_whole_limit_passes(limit: int | None) -> None:
    assert validate_limit(limit) == []


@pytest.mark.parametrize(
    ("limit", "fix"),
    [(0, None), (-5, None), (10.5, None), (True, None), ("100", 100), (20.0, 20), ([], None)],
)
def test_a_limit_must_be_a_positive_whole_number(limit: object, fix: int | None) -> None:
    [problem] = validate_limit(json.dumps(limit))  # as typed in the editor
    assert problem.code is Code.INVALID_LIMIT
    assert problem.message.startswith(
        '"limit" must be a positive whole number (or null for none), not '
    )
    assert (problem.fix.edits[0].value if problem.fix else None) == fix


# -- the segment query (filter, sort, limit) ----------------------------------------------------


def test_a_segment_query_checks_its_filter_sort_and_limit_in_place() -> None:
    text = json.dumps(
        {
            "filter": {"conjunction": "and", "groups": []},
            "sort": [{"columnSlug": "nope", "kind": "asc"}],
            "limit": 0,
        },
        indent=2,
    )
    problems = validate_segment(text, MODEL)
    assert [(p.path, p.code) for p in problems] == [
        ("filter.conjunction", Code.UNKNOWN_KEY),
        ("sort[0].columnSlug", Code.UNKNOWN_COLUMN),
        ("limit", Code.INVALID_LIMIT),
    ]
    assert [p.line for p in problems] == [3, 8, 12]


def test_a_segment_query_needs_a_filter() -> None:
    problem = only(validate_segment({"sorting": []}), Code.UNKNOWN_KEY)
    assert problem.message == 'unknown key "sorting" in a segment query: did you mean "sort"?'
    assert only(validate_segment({}), Code.MISSING_KEY).message == 'a segment query needs "filter"'


# -- other condition kinds ----------------------------------------------------------------------


def test_valid_segment_sql_and_enrollment_conditions_pass() -> None:
    data = {
        "conjonction": "or",
        "groups": [
            {
                "conjonction": "and",
                "conditions": [
                    {"kind": "segment", "segmentUuid": "s-1", "operator": "notIn"},
                    {"kind": "sql", "name": "big", "clause": "employees > 10"},
                    {
                        "kind": "enrollment",
                        "workflowUuid": "w-1",
                        "activityKind": "workflowNodeExecuted",
                        "nodeSlug": "enrich",
                        "frequency": {"operator": "moreThan", "value": 2},
                        "period": {"operator": "lessThan", "value": 7, "unit": "day"},
                    },
                ],
            }
        ],
    }
    assert validate_filter(data, MODEL) == []


def test_a_segment_condition_needs_its_segment() -> None:
    problem = only(validate_filter(one({"kind": "segment", "operator": "in"})), Code.MISSING_KEY)
    assert problem.message == 'a segment condition needs "segmentUuid"'
    bad = only(
        validate_filter(one({"kind": "segment", "segmentUuid": "s", "operator": "is"})),
        Code.INVALID_OPERATOR,
    )
    assert bad.message == '"is" is not a segment operator: use "in" or "notIn"'


def test_an_sql_condition_needs_a_name_and_a_clause() -> None:
    problems = validate_filter(one({"kind": "sql", "clause": ""}))
    assert [(p.path, p.message) for p in problems] == [
        ("groups[0].conditions[0].name", 'an sql condition needs "name"'),
        ("groups[0].conditions[0].clause", '"clause" is empty'),
    ]


def test_an_enrollment_condition_checks_its_activity_frequency_and_period() -> None:
    condition = {
        "kind": "enrollment",
        "workflowUuid": "w-1",
        "activityKind": "entered",
        "frequency": {"operator": "not", "value": 3},
        "period": {"operator": "lessThan", "value": "7", "unit": "days"},
    }
    problems = validate_filter(one(condition))
    assert [(p.path, p.code, p.severity) for p in problems] == [
        ("groups[0].conditions[0].activityKind", Code.INVALID_VALUE, Severity.ERROR),
        ("groups[0].conditions[0].frequency.value", Code.UNEXPECTED_VALUE, Severity.WARNING),
        ("groups[0].conditions[0].period.value", Code.WRONG_TYPE, Severity.ERROR),
        ("groups[0].conditions[0].period.unit", Code.INVALID_VALUE, Severity.ERROR),
    ]
    assert problems[0].message == (
        '"entered" is not an activity kind: did you mean "workflowEntered"? '
        '("workflowEntered", "workflowNodeExecuted" or "workflowLeft")'
    )
    assert problems[2].message == '"value" must be a whole number of 0 or more, not "7"'
    assert problems[2].fix is not None and problems[2].fix.label == "use 7"
    assert problems[3].fix is not None and problems[3].fix.label == "use day"


def test_match_conditions_checks_its_property_conditions() -> None:
    condition = {
        "kind": "object",
        "columnSlug": "address",
        "operator": "matchConditions",
        "propertyConditions": [
            {
                "kind": "objectProperty",
                "columnSlug": "address",
                "propertyName": "city",
                "operator": "is",
                "value": "Paris",
            },
            {"kind": "string", "columnSlug": "address", "operator": "isNull"},
        ],
    }
    problems = validate_filter(one(condition), MODEL)
    assert [(p.path, p.code) for p in problems] == [
        ("groups[0].conditions[0].conjonction", Code.MISSING_KEY),
        ("groups[0].conditions[0].propertyConditions[1].kind", Code.INVALID_KIND),
    ]
    assert problems[0].fix is not None and problems[0].fix.label == 'add conjonction: "and"'
    assert problems[1].message == '"string" is not a condition kind here: use "objectProperty"'


def test_an_occurrence_condition_checks_its_conditions_without_this_models_columns() -> None:
    condition = {
        "kind": "occurrence",
        "relatedModelUuid": "m-2",
        "frequency": {"operator": "exactly", "value": 1},
        "period": {"operator": "moreThan", "value": 30, "unit": "day"},
        "conjonction": "and",
        "conditions": [
            {
                "kind": "string",
                "columnSlug": "not_in_this_model",
                "operator": "is",
                "values": ["x"],
            },
            {"kind": "number", "columnSlug": "amount", "operator": "between", "firstValue": 1},
        ],
    }
    problems = validate_filter(one(condition), MODEL)
    assert [(p.path, p.code) for p in problems] == [
        ("groups[0].conditions[0].conditions[1].lastValue", Code.MISSING_BOUND)
    ]


# -- executionsFilter ---------------------------------------------------------------------------

NODES = ("enrich", "crm_sync", "score")


def _executions(*conditions: dict[str, Any]) -> dict[str, Any]:
    return {"conjonction": "or", "groups": [{"conjonction": "and", "conditions": list(conditions)}]}


def test_a_valid_executions_filter_passes() -> None:
    data = _executions(
        {"kind": "node", "nodeSlug": "enrich", "status": "error", "value": "timeout"},
        {"kind": "node", "nodeSlug": "score", "status": "absent"},
    )
    assert validate_executions_filter(data, NODES) == []


def test_an_executions_filter_catches_conjunction_too() -> None:
    problem = only(
        validate_executions_filter({"conjunction": "and", "groups": []}), Code.UNKNOWN_KEY
    )
    assert "silently returns no records" in problem.message


@pytest.mark.parametrize(
    ("status", "fix"), [("failed", "error"), ("Success", "success"), ("weird", None)]
)
def test_a_node_status_is_one_of_four(status: str, fix: str | None) -> None:
    data = _executions({"kind": "node", "nodeSlug": "enrich", "status": status})
    problem = only(validate_executions_filter(data, NODES), Code.INVALID_VALUE)
    assert problem.path == "groups[0].conditions[0].status"
    assert problem.message.startswith(f'"{status}" is not a node status')
    assert (problem.fix.edits[0].value if problem.fix else None) == fix


def test_a_node_the_release_lacks_names_the_closest() -> None:
    data = _executions({"kind": "node", "nodeSlug": "enrch", "status": "error"})
    problem = only(validate_executions_filter(data, NODES), Code.UNKNOWN_NODE)
    assert problem.message == 'the release has no node "enrch": did you mean "enrich"?'
    assert validate_executions_filter(data) == []  # without the release, any slug goes


def test_a_node_condition_gets_its_kind_added() -> None:
    text = json.dumps(_executions({"nodeSlug": "enrich", "status": "success"}))
    problem = only(validate_executions_filter(text, NODES), Code.MISSING_KEY)
    assert problem.fix is not None and problem.fix.label == 'add kind: "node"'
    assert validate_executions_filter(apply_fix(text, problem.fix), NODES) == []


def test_a_value_for_a_status_without_text_is_a_warning() -> None:
    data = _executions({"kind": "node", "nodeSlug": "enrich", "status": "absent", "value": "x"})
    problem = only(validate_executions_filter(data, NODES), Code.UNEXPECTED_VALUE)
    assert problem.severity is Severity.WARNING
    assert (
        problem.message
        == '"value" only applies to status success (title) or error (message), not absent'
    )
