"""Headless helpers for a filter form: what a column offers, and building conditions from input."""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from tui.api.filters.dates import is_iso, suggest_iso
from tui.api.filters.grammar import (
    CONJONCTIONS,
    OPERAND_KEYS,
    Operand,
    kind_for_column,
    operand_for,
    operators_for_kind,
)
from tui.api.filters.operands import as_number, as_text


class ConditionError(ValueError):
    """The form's input cannot make a condition; the message says what to change."""


def empty_filter() -> dict[str, Any]:
    """The filter that matches every record."""
    return {"conjonction": "and", "groups": []}


def operators_for(column_type: str, *, property_name: str | None = None) -> tuple[str, ...]:
    """The operators a column of ``column_type`` offers (its properties' when ``property_name``)."""
    return operators_for_kind(kind_for_column(column_type, property_name=property_name))


def operand_of(column_type: str, operator: str, *, property_name: str | None = None) -> Operand:
    """What ``operator`` takes on such a column: nothing, a value, values, or two bounds."""
    kind = kind_for_column(column_type, property_name=property_name)
    shape = operand_for(kind, operator)
    if shape is None:
        raise ConditionError(_not_valid(kind, operator))
    return shape


def takes_value(operand: Operand) -> bool:
    """Whether the form should show one input."""
    return operand is Operand.VALUE


def takes_values(operand: Operand) -> bool:
    """Whether the form should show a list input."""
    return operand is Operand.VALUES


def takes_bounds(operand: Operand) -> bool:
    """Whether the form should show two inputs (``between``)."""
    return operand in (Operand.BOUNDS, Operand.VALUE_AND_OTHER)


def build_condition(
    column_slug: str,
    column_type: str,
    operator: str,
    value: object = None,
    other: object = None,
    *,
    property_name: str | None = None,
) -> dict[str, Any]:
    """A condition on a column, as wire JSON, from what a form collected.

    ``value`` is the value, the list of values, or the first bound; ``other`` the second bound.
    Numbers and dates may come as text (``"50"``, ``"2024-01-31"``); dates also as ``date``.
    Raises ConditionError naming what is missing or malformed.
    """
    kind = kind_for_column(column_type, property_name=property_name)
    shape = operand_for(kind, operator)
    if shape is None:
        raise ConditionError(_not_valid(kind, operator))
    if shape in (Operand.PROPERTY_CONDITIONS, Operand.SEGMENT):
        raise ConditionError(f'"{operator}" is built with its own form, not from a value')
    condition: dict[str, Any] = {"kind": kind, "columnSlug": column_slug}
    if property_name is not None and kind == "objectProperty":
        condition["propertyName"] = property_name
    condition["operator"] = operator
    keys = OPERAND_KEYS[shape]
    if shape is Operand.NONE:
        if value is not None or other is not None:
            raise ConditionError(f'"{operator}" takes no value')
        return condition
    if shape is Operand.VALUES:
        condition["values"] = _strings(value)
        return condition
    given = (value,) if len(keys) == 1 else (value, other)
    for key, item in zip(keys, given, strict=True):
        if item is None or item == "":
            raise ConditionError(f'"{operator}" needs "{key}"')
        condition[key] = _typed(kind, key, item)
    return condition


def add_condition(
    filter_: Mapping[str, Any],
    condition: Mapping[str, Any],
    *,
    group: int | None = None,
    conjonction: str = "and",
) -> dict[str, Any]:
    """A copy of ``filter_`` with ``condition`` in a new group (``conjonction`` inside it) or
    appended to group ``group``."""
    result = copy.deepcopy(dict(filter_)) if filter_ else empty_filter()
    result.setdefault("conjonction", "and")
    groups = result.setdefault("groups", [])
    if group is None:
        if conjonction not in CONJONCTIONS:
            raise ConditionError(f'a group\'s conjonction is "and" or "or", not {conjonction!r}')
        groups.append({"conjonction": conjonction, "conditions": [dict(condition)]})
    elif 0 <= group < len(groups):
        groups[group].setdefault("conditions", []).append(dict(condition))
    else:
        raise ConditionError(f"there is no group {group}: the filter has {len(groups)}")
    return result


def remove_condition(filter_: Mapping[str, Any], group: int, index: int) -> dict[str, Any]:
    """A copy of ``filter_`` without that condition (and without its group, if now empty)."""
    result = copy.deepcopy(dict(filter_))
    groups = result.get("groups", [])
    try:
        conditions = groups[group]["conditions"]
        del conditions[index]
    except (IndexError, KeyError, TypeError) as error:
        raise ConditionError(f"there is no condition {index} in group {group}") from error
    if not conditions:
        del groups[group]
    return result


def _not_valid(kind: str, operator: str) -> str:
    valid = ", ".join(operators_for_kind(kind))
    return f'"{operator}" is not a {kind} operator: use one of {valid}'


def _strings(value: object) -> list[str]:
    items = list(value) if isinstance(value, Sequence) and not isinstance(value, str) else [value]
    strings = [item.strip() if isinstance(item, str) else item for item in items]
    if not strings or any(item is None or item == "" for item in strings):
        raise ConditionError('"values" needs at least one value, and no empty ones')
    return [str(item) for item in strings]


def _typed(kind: str, key: str, value: object) -> Any:
    if kind == "number":
        if isinstance(value, int | float) and not isinstance(value, bool):
            if isinstance(value, float) and not math.isfinite(value):
                raise ConditionError(f'"{key}" must be a finite number')
            return value
        number = as_number(value)
        if number is None:
            raise ConditionError(f'"{key}" must be a number, not {value!r}')
        return number
    if kind == "date":
        if isinstance(value, datetime | date):
            return value.isoformat()
        if is_iso(value):
            return value
        suggestion = suggest_iso(value)
        if suggestion is None:
            raise ConditionError(f'"{key}" must be a date like 2024-01-31, not {value!r}')
        return suggestion
    return as_text(value)
