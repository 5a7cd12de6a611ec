"""The segment filter language as data: kinds, operators, the operands each one takes.

One table serves the validator, the typed models, the form builder and the summaries, so they
cannot drift apart. It follows the published types (``@cargo-ai/types``,
``SystemOfRecordIntegrationTypes.Filter*``), which add ``vector``, ``any`` and ``occurrence``
kinds and objectProperty's string operators to what CONTRACT.md lists.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal, get_args

from tui.api.statuses import NODE_STATUSES as NODE_STATUSES


class Operand(StrEnum):
    """What an operator takes besides the column."""

    NONE = "none"
    VALUE = "value"  # one value
    VALUES = "values"  # a string or a list of strings
    BOUNDS = "bounds"  # firstValue and lastValue (number, date `between`)
    VALUE_AND_OTHER = "valueAndOther"  # value and otherValue (objectProperty `between`)
    PROPERTY_CONDITIONS = "propertyConditions"  # object/array `matchConditions`
    SEGMENT = "segment"  # segmentUuid


#: The keys each operand shape needs, in wire order.
OPERAND_KEYS: Final[dict[Operand, tuple[str, ...]]] = {
    Operand.NONE: (),
    Operand.VALUE: ("value",),
    Operand.VALUES: ("values",),
    Operand.BOUNDS: ("firstValue", "lastValue"),
    Operand.VALUE_AND_OTHER: ("value", "otherValue"),
    Operand.PROPERTY_CONDITIONS: ("conjonction", "propertyConditions"),
    Operand.SEGMENT: ("segmentUuid",),
}

#: Keys that carry what a column is compared with; each operator uses some of them.
VALUE_KEYS: Final = ("value", "values", "firstValue", "lastValue", "otherValue")

COLUMN_TYPES: Final = ("string", "number", "object", "array", "date", "boolean", "vector", "any")
Conjonction = Literal["and", "or"]
SortKind = Literal["asc", "desc"]
ActivityKind = Literal["workflowEntered", "workflowNodeExecuted", "workflowLeft"]
FrequencyOperator = Literal["not", "moreThan", "lessThan", "exactly"]
PeriodOperator = Literal["lessThan", "moreThan", "exactly"]
PeriodUnit = Literal["day"]
CONJONCTIONS: Final[tuple[str, ...]] = get_args(Conjonction)
SORT_KINDS: Final[tuple[str, ...]] = get_args(SortKind)
ACTIVITY_KINDS: Final[tuple[str, ...]] = get_args(ActivityKind)
FREQUENCY_OPERATORS: Final[tuple[str, ...]] = get_args(FrequencyOperator)
PERIOD_OPERATORS: Final[tuple[str, ...]] = get_args(PeriodOperator)
PERIOD_UNITS: Final[tuple[str, ...]] = get_args(PeriodUnit)

_N, _V, _VS = Operand.NONE, Operand.VALUE, Operand.VALUES
_NULLS = {"isNull": _N, "isNotNull": _N}
_COMPARE = {"is": _V, "isNot": _V, "greaterThan": _V, "lowerThan": _V, "between": Operand.BOUNDS}

#: Operators of each kind that compares a column, and the operand each takes (in UI order).
OPERATORS: Final[dict[str, dict[str, Operand]]] = {
    "string": {
        **{op: _VS for op in ("is", "isNot", "contains", "doesNotContain")},
        **{op: _VS for op in ("startsWith", "endsWith")},
        **_NULLS,
        "isEmpty": _N,
        "isNotEmpty": _N,
    },
    "number": {**_COMPARE, **_NULLS},
    "date": {**_COMPARE, **_NULLS},
    "boolean": {"isTrue": _N, "isFalse": _N, **_NULLS},
    "object": {**_NULLS, "matchConditions": Operand.PROPERTY_CONDITIONS},
    "array": {**_NULLS, "matchConditions": Operand.PROPERTY_CONDITIONS},
    "vector": dict(_NULLS),
    "any": dict(_NULLS),
    "objectProperty": {
        **{op: _V for op in ("is", "isNot", "contains", "doesNotContain")},
        **{op: _V for op in ("startsWith", "endsWith", "greaterThan", "lowerThan")},
        "between": Operand.VALUE_AND_OTHER,
        **_NULLS,
        "isEmpty": _N,
        "isNotEmpty": _N,
    },
    "segment": {"in": Operand.SEGMENT, "notIn": Operand.SEGMENT},
}

#: Kinds that compare one column of the model (they carry ``columnSlug``).
COLUMN_KINDS: Final = (
    "string",
    "number",
    "date",
    "boolean",
    "object",
    "array",
    "vector",
    "any",
    "objectProperty",
)

#: Every condition kind and the keys it may carry (besides ``kind``).
CONDITION_KEYS: Final[dict[str, tuple[str, ...]]] = {
    **{
        kind: ("columnSlug", "operator", "relatedModelUuid", *VALUE_KEYS)
        for kind in COLUMN_KINDS
        if kind not in ("object", "array", "objectProperty")
    },
    "object": ("columnSlug", "operator", "relatedModelUuid", "conjonction", "propertyConditions"),
    "array": ("columnSlug", "operator", "relatedModelUuid", "conjonction", "propertyConditions"),
    "objectProperty": ("columnSlug", "propertyName", "operator", "relatedModelUuid", *VALUE_KEYS),
    "segment": ("segmentUuid", "operator"),
    "sql": ("name", "clause"),
    "enrollment": ("workflowUuid", "activityKind", "nodeSlug", "frequency", "period"),
    "occurrence": ("relatedModelUuid", "frequency", "period", "conjonction", "conditions"),
}

#: Keys each kind must carry (operands come from the operator).
REQUIRED_KEYS: Final[dict[str, tuple[str, ...]]] = {
    **{kind: ("columnSlug", "operator") for kind in COLUMN_KINDS},
    "objectProperty": ("columnSlug", "propertyName", "operator"),
    "segment": ("segmentUuid", "operator"),
    "sql": ("name", "clause"),
    "enrollment": ("workflowUuid", "activityKind", "frequency", "period"),
    "occurrence": ("relatedModelUuid", "frequency", "period", "conjonction", "conditions"),
}

CONDITION_KINDS: Final = tuple(CONDITION_KEYS)

#: The condition kinds a column of each type accepts; the first is the one a form builds.
KINDS_FOR_COLUMN: Final[dict[str, tuple[str, ...]]] = {
    "string": ("string",),
    "number": ("number",),
    "date": ("date",),
    "boolean": ("boolean",),
    "object": ("object", "objectProperty"),
    "array": ("array", "objectProperty"),
    "vector": ("vector",),
    "any": ("any",),
}

#: Keys of the filter, its groups, sort entries, and the executions filter's conditions.
FILTER_KEYS: Final = ("conjonction", "groups")
GROUP_KEYS: Final = ("conjonction", "conditions")
SORT_KEYS: Final = ("columnSlug", "kind")
NODE_CONDITION_KEYS: Final = ("kind", "nodeSlug", "status", "value")
FREQUENCY_KEYS: Final = ("operator", "value")
PERIOD_KEYS: Final = ("operator", "value", "unit")

#: Wire order for pretty-printing; keys not listed follow in alphabetical order.
KEY_ORDER: Final = (
    "filter",
    "sort",
    "limit",
    "conjonction",
    "groups",
    "kind",
    "name",
    "columnSlug",
    "propertyName",
    "nodeSlug",
    "relatedModelUuid",
    "segmentUuid",
    "workflowUuid",
    "activityKind",
    "status",
    "operator",
    "value",
    "values",
    "firstValue",
    "lastValue",
    "otherValue",
    "unit",
    "frequency",
    "period",
    "clause",
    "propertyConditions",
    "conditions",
)


def operand_for(kind: str, operator: str) -> Operand | None:
    """The operand ``operator`` takes in a ``kind`` condition, or None if it is not valid there."""
    return OPERATORS.get(kind, {}).get(operator)


def operators_for_kind(kind: str) -> tuple[str, ...]:
    """The operators a ``kind`` condition accepts (empty for sql, enrollment, occurrence)."""
    return tuple(OPERATORS.get(kind, {}))


def kind_for_column(column_type: str, *, property_name: str | None = None) -> str:
    """The condition kind a form builds for a column of ``column_type``.

    Object and array columns compare one of their properties when ``property_name`` is given.
    Unknown column types (a newer API) are treated as ``any``.
    """
    kinds = KINDS_FOR_COLUMN.get(column_type, ("any",))
    if property_name is not None and "objectProperty" in kinds:
        return "objectProperty"
    return kinds[0]
