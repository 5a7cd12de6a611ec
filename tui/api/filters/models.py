"""Typed models of the segment filter language and of runs' ``executionsFilter``.

A model holds a *valid* filter: parsing checks the operands each operator takes, and
``to_wire()`` gives exactly the JSON the API expects (camelCase, ``conjonction``). Unknown keys
are refused rather than kept, because an unknown key is how a filter silently matches nothing
(``conjunction``). To diagnose what a user typed, use ``tui.api.filters.validate``.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import ConfigDict, Field, StrictFloat, StrictInt, model_validator

from tui.api.filters.dates import is_iso
from tui.api.filters.grammar import (
    OPERAND_KEYS,
    VALUE_KEYS,
    ActivityKind,
    Conjonction,
    FrequencyOperator,
    Operand,
    PeriodOperator,
    PeriodUnit,
    SortKind,
    operand_for,
)
from tui.api.models.base import CargoModel
from tui.api.statuses import NodeStatus

Number = StrictInt | StrictFloat
NullOperator = Literal["isNull", "isNotNull"]


class FilterModel(CargoModel):
    """A part of a filter: camelCase on the wire, and no keys the language does not have."""

    model_config = ConfigDict(extra="forbid")


class _Operands(FilterModel):
    """A condition whose operator decides which value keys it carries."""

    @model_validator(mode="after")
    def _operands_fit_operator(self) -> Self:
        kind, operator = str(getattr(self, "kind")), str(getattr(self, "operator"))  # noqa: B009
        shape = operand_for(kind, operator) or Operand.NONE
        needed = set(OPERAND_KEYS[shape])
        wire = self.to_wire()
        for key in (*VALUE_KEYS, "conjonction", "propertyConditions"):
            if key in needed and key not in wire:
                raise ValueError(f'"{operator}" needs "{key}"')
            if key in wire and key not in needed:
                raise ValueError(f'"{operator}" does not take "{key}"')
        return self


class StringCondition(_Operands):
    kind: Literal["string"] = "string"
    column_slug: str
    operator: Literal[
        "is", "isNot", "contains", "doesNotContain", "startsWith", "endsWith",
        "isNull", "isNotNull", "isEmpty", "isNotEmpty",
    ]  # fmt: skip
    values: str | list[str] | None = None
    related_model_uuid: str | None = None


class NumberCondition(_Operands):
    kind: Literal["number"] = "number"
    column_slug: str
    operator: Literal["is", "isNot", "greaterThan", "lowerThan", "between", "isNull", "isNotNull"]
    value: Number | None = None
    first_value: Number | None = None
    last_value: Number | None = None
    related_model_uuid: str | None = None


class DateCondition(_Operands):
    kind: Literal["date"] = "date"
    column_slug: str
    operator: Literal["is", "isNot", "greaterThan", "lowerThan", "between", "isNull", "isNotNull"]
    value: str | None = None
    first_value: str | None = None
    last_value: str | None = None
    related_model_uuid: str | None = None

    @model_validator(mode="after")
    def _dates_are_iso(self) -> Self:
        for date in (self.value, self.first_value, self.last_value):
            if date is not None and not is_iso(date):
                raise ValueError(f"{date!r} is not an ISO-8601 date")
        return self


class BooleanCondition(FilterModel):
    kind: Literal["boolean"] = "boolean"
    column_slug: str
    operator: Literal["isTrue", "isFalse", "isNull", "isNotNull"]
    related_model_uuid: str | None = None


class ObjectPropertyCondition(_Operands):
    kind: Literal["objectProperty"] = "objectProperty"
    column_slug: str
    property_name: str
    operator: Literal[
        "is", "isNot", "contains", "doesNotContain", "startsWith", "endsWith",
        "greaterThan", "lowerThan", "between", "isNull", "isNotNull", "isEmpty", "isNotEmpty",
    ]  # fmt: skip
    value: str | None = None
    other_value: str | None = None
    related_model_uuid: str | None = None


class _ContainerCondition(_Operands):
    """Object and array columns: null checks, or conditions on their properties."""

    column_slug: str
    operator: Literal["isNull", "isNotNull", "matchConditions"]
    conjonction: Conjonction | None = None
    property_conditions: list[ObjectPropertyCondition] | None = None
    related_model_uuid: str | None = None


class ObjectCondition(_ContainerCondition):
    kind: Literal["object"] = "object"


class ArrayCondition(_ContainerCondition):
    kind: Literal["array"] = "array"


class VectorCondition(FilterModel):
    kind: Literal["vector"] = "vector"
    column_slug: str
    operator: NullOperator
    related_model_uuid: str | None = None


class AnyCondition(FilterModel):
    kind: Literal["any"] = "any"
    column_slug: str
    operator: NullOperator
    related_model_uuid: str | None = None


class SegmentCondition(FilterModel):
    kind: Literal["segment"] = "segment"
    segment_uuid: str
    operator: Literal["in", "notIn"]


class SqlCondition(FilterModel):
    kind: Literal["sql"] = "sql"
    name: str
    clause: str


class Frequency(FilterModel):
    """How often: ``not`` at all, or ``moreThan`` / ``lessThan`` / ``exactly`` ``value`` times."""

    operator: FrequencyOperator
    value: StrictInt | None = None

    @model_validator(mode="after")
    def _value_fits_operator(self) -> Self:
        if (self.operator == "not") != (self.value is None):
            raise ValueError('frequency "not" takes no value; the others need one')
        return self


class Period(FilterModel):
    operator: PeriodOperator
    value: StrictInt
    unit: PeriodUnit = "day"


class EnrollmentCondition(FilterModel):
    kind: Literal["enrollment"] = "enrollment"
    workflow_uuid: str
    activity_kind: ActivityKind
    node_slug: str | None = None
    frequency: Frequency
    period: Period


ColumnCondition = Annotated[
    StringCondition
    | NumberCondition
    | DateCondition
    | BooleanCondition
    | ObjectCondition
    | ArrayCondition
    | VectorCondition
    | AnyCondition,
    Field(discriminator="kind"),
]


class OccurrenceCondition(FilterModel):
    """Records of a related model matching ``conditions``, ``frequency`` times in ``period``."""

    kind: Literal["occurrence"] = "occurrence"
    related_model_uuid: str
    frequency: Frequency
    period: Period
    conjonction: Conjonction
    conditions: list[ColumnCondition]


Condition = Annotated[
    StringCondition
    | NumberCondition
    | DateCondition
    | BooleanCondition
    | ObjectCondition
    | ArrayCondition
    | VectorCondition
    | AnyCondition
    | ObjectPropertyCondition
    | SegmentCondition
    | SqlCondition
    | EnrollmentCondition
    | OccurrenceCondition,
    Field(discriminator="kind"),
]


class FilterGroup(FilterModel):
    conjonction: Conjonction = "and"
    conditions: list[Condition] = []


class SegmentFilter(FilterModel):
    """A segment's filter. ``SegmentFilter()`` is the empty filter: every record."""

    conjonction: Conjonction = "and"
    groups: list[FilterGroup] = []


class SortEntry(FilterModel):
    column_slug: str
    kind: SortKind = "asc"


class SegmentQuery(FilterModel):
    """What a segment fetch or download sends besides ``modelUuid``."""

    filter: SegmentFilter = Field(default_factory=SegmentFilter)
    sort: list[SortEntry] | None = None
    limit: Annotated[StrictInt, Field(gt=0)] | None = None


class NodeCondition(FilterModel):
    """Runs whose execution of node ``node_slug`` has ``status`` (``absent``: never reached).

    ``value`` narrows ``success`` to titles and ``error`` to error messages containing it.
    """

    kind: Literal["node"] = "node"
    node_slug: str
    status: NodeStatus
    value: str | None = None


class ExecutionsFilterGroup(FilterModel):
    conjonction: Conjonction = "and"
    conditions: list[NodeCondition] = []


class ExecutionsFilter(FilterModel):
    """A runs filter's ``executionsFilter``: select runs by what happened at given nodes."""

    conjonction: Conjonction = "and"
    groups: list[ExecutionsFilterGroup] = []
