"""Checks on one condition of a segment filter, by kind."""

from __future__ import annotations

from typing import Any

from tui.api.filters.checker import Checker
from tui.api.filters.grammar import (
    ACTIVITY_KINDS,
    COLUMN_KINDS,
    CONDITION_KEYS,
    CONDITION_KINDS,
    CONJONCTIONS,
    FREQUENCY_KEYS,
    FREQUENCY_OPERATORS,
    KINDS_FOR_COLUMN,
    PERIOD_KEYS,
    PERIOD_OPERATORS,
    PERIOD_UNITS,
    REQUIRED_KEYS,
    Operand,
    kind_for_column,
    operand_for,
    operators_for_kind,
)
from tui.api.filters.jsontext import Path
from tui.api.filters.operands import check_operands, whole_number
from tui.api.filters.problems import Code, Fix, Remove, SetValue, one_of, quote
from tui.api.filters.suggest import closest, closest_column

_ALL_KEYS = tuple(dict.fromkeys(["kind", *(k for keys in CONDITION_KEYS.values() for k in keys)]))
#: What an occurrence condition may hold: conditions on its related model's columns.
OCCURRENCE_KINDS = tuple(kind for kind in COLUMN_KINDS if kind != "objectProperty")


def check_condition(
    ck: Checker,
    value: object,
    pointer: Path,
    *,
    kinds: tuple[str, ...] = CONDITION_KINDS,
    use_schema: bool = True,
) -> None:
    """Check one condition; ``kinds`` limits where it sits (inside matchConditions, ...)."""
    obj = ck.expect_object(value, pointer, "a condition")
    if obj is None:
        return
    kind = _kind(ck, obj, pointer, kinds, use_schema)
    if kind is None:
        return
    if kind in COLUMN_KINDS:
        _column_condition(ck, obj, pointer, kind, use_schema)
    elif kind == "segment":
        view = _keys(ck, obj, pointer, kind)
        ck.string(view, pointer, "segmentUuid")
        ck.choice(
            view,
            pointer,
            "operator",
            operators_for_kind(kind),
            "a segment operator",
            code=Code.INVALID_OPERATOR,
        )
    elif kind == "sql":
        view = _keys(ck, obj, pointer, kind)
        ck.string(view, pointer, "name")
        ck.string(view, pointer, "clause")
    elif kind == "enrollment":
        _enrollment(ck, obj, pointer)
    else:
        _occurrence(ck, obj, pointer)


def _keys(ck: Checker, obj: dict[str, Any], pointer: Path, kind: str) -> dict[str, Any]:
    """Report keys a ``kind`` condition does not have or lacks; the condition as once fixed."""
    where = f"{article(kind)} {kind} condition"
    return ck.keys(
        obj, pointer, ("kind", *CONDITION_KEYS[kind]), where, required=REQUIRED_KEYS[kind]
    )


def article(word: str) -> str:
    """``a`` or ``an``, as the word sounds (sql reads as a word here: "an sql")."""
    return "an" if word[:1] in tuple("aeiou") or word == "sql" else "a"


def _kind(
    ck: Checker, obj: dict[str, Any], pointer: Path, kinds: tuple[str, ...], use_schema: bool
) -> str | None:
    """The condition's kind, or None when it cannot be known (reported)."""
    at = (*pointer, "kind")
    if "kind" not in obj:
        typo = _kind_under_typo(obj, kinds)
        if typo is not None:
            return typo  # the unknown-key check offers the rename
        inferred = _kind_from_column(ck, obj, kinds) if use_schema else None
        if inferred is None:
            ck.keys(obj, pointer, _ALL_KEYS, "a condition", required=("kind",))
            return None
        message = f'a condition needs "kind": column "{obj["columnSlug"]}" takes "{inferred}"'
        ck.report(
            at,
            Code.MISSING_KEY,
            message,
            fix=Fix(f"add kind: {inferred}", (SetValue(at, inferred),)),
        )
        return inferred
    kind = obj["kind"]
    if isinstance(kind, str) and kind in kinds:
        return kind
    if not isinstance(kind, str):
        ck.choice(obj, pointer, "kind", kinds, "a condition kind")
        return None
    target = closest(kind, kinds) or (_kind_from_column(ck, obj, kinds) if use_schema else None)
    fix = Fix(f"use {target}", (SetValue(at, target),)) if target else None
    where = "a condition kind here" if kinds != CONDITION_KINDS else "a condition kind"
    if target:
        message = f'{quote(kind)} is not {where}: did you mean "{target}"? ({one_of(kinds)})'
    else:
        message = f"{quote(kind)} is not {where}: use {one_of(kinds)}"
    ck.report(at, Code.INVALID_KIND, message, fix=fix)
    return None


def _kind_under_typo(obj: dict[str, Any], kinds: tuple[str, ...]) -> str | None:
    for key, value in obj.items():
        if key not in _ALL_KEYS and closest(key, _ALL_KEYS) == "kind" and value in kinds:
            return str(value)
    return None


def _kind_from_column(ck: Checker, obj: dict[str, Any], kinds: tuple[str, ...]) -> str | None:
    if ck.schema is None or "relatedModelUuid" in obj:
        return None
    column_type = ck.schema.type_of(obj.get("columnSlug"))
    if column_type is None:
        return None
    name = obj.get("propertyName")
    kind = kind_for_column(column_type, property_name=name if isinstance(name, str) else None)
    return kind if kind in kinds else None


def _column_condition(
    ck: Checker, obj: dict[str, Any], pointer: Path, kind: str, use_schema: bool
) -> None:
    schema = ck.schema if use_schema and "relatedModelUuid" not in obj else None
    column_type = schema.type_of(obj.get("columnSlug")) if schema else None
    if column_type is not None and kind not in KINDS_FOR_COLUMN.get(column_type, (kind,)):
        kind = _mismatch(ck, obj, pointer, kind, column_type)
    view = _keys(ck, obj, pointer, kind)
    slug = ck.string(view, pointer, "columnSlug")
    if slug is not None and schema is not None and slug not in schema.columns:
        report_unknown_column(ck, (*pointer, "columnSlug"), slug)
    ck.string(view, pointer, "propertyName")
    ck.string(view, pointer, "relatedModelUuid")
    operator = ck.choice(
        view,
        pointer,
        "operator",
        operators_for_kind(kind),
        f"{article(kind)} {kind} operator",
        code=Code.INVALID_OPERATOR,
    )
    if operator is None:
        return
    shape = operand_for(kind, operator) or Operand.NONE
    check_operands(ck, view, pointer, kind, operator, shape)
    if shape is Operand.PROPERTY_CONDITIONS:
        _match_conditions(ck, view, pointer, use_schema)


def _mismatch(ck: Checker, obj: dict[str, Any], pointer: Path, kind: str, column_type: str) -> str:
    """Report a kind the column cannot take; carry on as the column's kind (the fix)."""
    name = obj.get("propertyName")
    implied = kind_for_column(column_type, property_name=name if isinstance(name, str) else None)
    at = (*pointer, "kind")
    slug = obj.get("columnSlug")
    if column_type == "any":
        message = f'column "{slug}" has no declared type: a {kind} condition may not apply to it'
        ck.report(at, Code.KIND_MISMATCH, message, warning=True)
        return kind
    message = (
        f'column "{slug}" is a {column_type} column: a {kind} condition cannot compare it; '
        f'use kind "{implied}"'
    )
    ck.report(
        at, Code.KIND_MISMATCH, message, fix=Fix(f"use kind {implied}", (SetValue(at, implied),))
    )
    return implied


def report_unknown_column(ck: Checker, at: Path, slug: str) -> None:
    """Report a column the model lacks, with the closest slug (or label) as the fix."""
    assert ck.schema is not None
    columns = ck.schema.columns
    target = closest_column(slug, columns, ck.schema.labels)
    listing = f"its columns are {one_of(sorted(columns))}"
    ck.not_found(at, Code.UNKNOWN_COLUMN, f'the model has no column "{slug}"', target, listing)


def _match_conditions(ck: Checker, view: dict[str, Any], pointer: Path, use_schema: bool) -> None:
    if "conjonction" in view:
        ck.choice(view, pointer, "conjonction", CONJONCTIONS, "a conjonction")
    else:
        at = (*pointer, "conjonction")
        fix = Fix('add conjonction: "and"', (SetValue(at, "and"),))
        ck.report(at, Code.MISSING_KEY, '"matchConditions" needs "conjonction"', fix=fix)
    if "propertyConditions" not in view:
        at = (*pointer, "propertyConditions")
        ck.report(at, Code.MISSING_KEY, '"matchConditions" needs "propertyConditions"')
        return
    items = ck.expect_list(view, pointer, "propertyConditions", "objectProperty conditions")
    for index, item in enumerate(items):
        at = (*pointer, "propertyConditions", index)
        check_condition(ck, item, at, kinds=("objectProperty",), use_schema=use_schema)


def _enrollment(ck: Checker, obj: dict[str, Any], pointer: Path) -> None:
    view = _keys(ck, obj, pointer, "enrollment")
    ck.string(view, pointer, "workflowUuid")
    ck.string(view, pointer, "nodeSlug")
    if "activityKind" in view:
        ck.choice(view, pointer, "activityKind", ACTIVITY_KINDS, "an activity kind")
    _frequency_and_period(ck, view, pointer)


def _occurrence(ck: Checker, obj: dict[str, Any], pointer: Path) -> None:
    view = _keys(ck, obj, pointer, "occurrence")
    ck.string(view, pointer, "relatedModelUuid")
    if "conjonction" in view:
        ck.choice(view, pointer, "conjonction", CONJONCTIONS, "a conjonction")
    _frequency_and_period(ck, view, pointer)
    if "conditions" in view:
        items = ck.expect_list(view, pointer, "conditions", "conditions")
        for index, item in enumerate(items):
            at = (*pointer, "conditions", index)
            check_condition(ck, item, at, kinds=OCCURRENCE_KINDS, use_schema=False)


def _frequency_and_period(ck: Checker, view: dict[str, Any], pointer: Path) -> None:
    if "frequency" in view:
        at = (*pointer, "frequency")
        frequency = ck.expect_object(view["frequency"], at, '"frequency"')
        if frequency is not None:
            seen = ck.keys(frequency, at, FREQUENCY_KEYS, '"frequency"', required=("operator",))
            operator = ck.choice(seen, at, "operator", FREQUENCY_OPERATORS, "a frequency operator")
            if operator == "not" and "value" in seen:
                fix = Fix("remove value", (Remove((*at, "value")),))
                message = '"not" takes no value: "value" is ignored; remove it'
                ck.report((*at, "value"), Code.UNEXPECTED_VALUE, message, fix=fix, warning=True)
            elif operator is not None and operator != "not":
                _count(ck, seen, at)
    if "period" in view:
        at = (*pointer, "period")
        period = ck.expect_object(view["period"], at, '"period"')
        if period is not None:
            seen = ck.keys(
                period,
                at,
                PERIOD_KEYS,
                '"period"',
                required=("operator", "value", "unit"),
                defaults={"unit": "day"},
            )
            ck.choice(seen, at, "operator", PERIOD_OPERATORS, "a period operator")
            ck.choice(seen, at, "unit", PERIOD_UNITS, "a period unit")
            _count(ck, seen, at)


def _count(ck: Checker, view: dict[str, Any], pointer: Path) -> None:
    at = (*pointer, "value")
    if "value" not in view:
        ck.report(at, Code.MISSING_KEY, 'needs "value" (a whole number)')
        return
    value = view["value"]
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return
    number = whole_number(value)
    fix = (
        Fix(f"use {number}", (SetValue(at, number),))
        if number is not None and number >= 0
        else None
    )
    ck.report(
        at,
        Code.WRONG_TYPE,
        f'"value" must be a whole number of 0 or more, not {quote(value)}',
        fix=fix,
    )
