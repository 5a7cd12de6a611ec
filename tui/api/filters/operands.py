"""Checks on what an operator compares with: value, values, the two bounds of `between`."""

from __future__ import annotations

import math
from typing import Any

from tui.api.filters.checker import Checker
from tui.api.filters.dates import comparable, parse_iso, suggest_iso
from tui.api.filters.grammar import OPERAND_KEYS, VALUE_KEYS, Operand
from tui.api.filters.jsontext import Path
from tui.api.filters.problems import (
    Code,
    Edit,
    Fix,
    Remove,
    RenameKey,
    SetValue,
    describe_type,
    quote,
)

_BOUNDED = (Operand.BOUNDS, Operand.VALUE_AND_OTHER)
_EXTRA_KEYS = (*VALUE_KEYS, "conjonction", "propertyConditions")


def check_operands(
    ck: Checker, view: dict[str, Any], pointer: Path, kind: str, operator: str, shape: Operand
) -> None:
    """Report missing, misnamed and superfluous operands, then check the values' types."""
    needed = OPERAND_KEYS[shape]
    handled: set[str] = set()  # keys a swap fix will supply or consume
    for key in needed:
        if key in view or key in handled:
            continue
        if _swap(ck, view, pointer, operator, shape, key, handled):
            continue
        if shape in _BOUNDED:
            both = f'"{needed[0]}" and "{needed[1]}"'
            message = f'"{operator}" needs both bounds, {both}: add "{key}"'
            ck.report((*pointer, key), Code.MISSING_BOUND, message)
        elif shape is not Operand.PROPERTY_CONDITIONS:
            ck.report((*pointer, key), Code.MISSING_KEY, f'"{operator}" needs "{key}"')
    for key in _EXTRA_KEYS:
        if key in view and key not in needed and key not in handled:
            if shape is Operand.NONE:
                message = f'"{operator}" takes no value: "{key}" is ignored; remove it'
            else:
                message = f'"{operator}" does not use "{key}": it is ignored; remove it'
            fix = Fix(f"remove {key}", (Remove((*pointer, key)),))
            ck.report(
                (*pointer, key), Code.UNEXPECTED_VALUE, message, fix=fix, warning=True, on_key=True
            )
    present = [key for key in needed if key in view and key in VALUE_KEYS]
    if kind == "number":
        numbers = {key: _number(ck, view, pointer, key) for key in present}
        _order(ck, view, pointer, shape, numbers)
    elif kind == "date":
        moments = {key: _date(ck, view, pointer, key) for key in present}
        _order(ck, view, pointer, shape, moments)
    elif kind == "objectProperty":
        for key in present:
            _text(ck, view, pointer, key)
    elif shape is Operand.VALUES and "values" in view:
        _values(ck, view["values"], (*pointer, "values"))


def _swap(
    ck: Checker,
    view: dict[str, Any],
    pointer: Path,
    operator: str,
    shape: Operand,
    key: str,
    handled: set[str],
) -> bool:
    """Report ``key`` written under a sibling's name (value for values, ...) with a fix."""
    for source in _SOURCES.get((shape, key), ()):
        if source not in view or source in handled:
            continue
        value = view[source]
        at = (*pointer, source)
        if source == "values" and shape in _BOUNDED:
            if not (isinstance(value, list) and len(value) == 2):
                continue
            first, last = OPERAND_KEYS[shape]
            edits: tuple[Edit, ...] = (
                SetValue((*pointer, first), value[0]),
                SetValue((*pointer, last), value[1]),
                Remove(at),
            )
            handled.update((first, last, source))
            message = f'"{operator}" takes "{first}" and "{last}", not a "values" list'
            ck.report(
                at,
                Code.VALUE_SHAPE,
                message,
                fix=Fix(f"split into {first}, {last}", edits),
                on_key=True,
            )
            return True
        handled.update((key, source))
        message = f'"{operator}" takes "{key}", not "{source}"'
        edits = (RenameKey(at, key),)
        if key == "values":
            message = f'"{operator}" takes "values" (a list), not "value"'
            if not isinstance(value, list):
                edits = (*edits, SetValue((*pointer, key), [value]))
        elif source == "values" and isinstance(value, list):
            if len(value) != 1:
                message = (
                    f'"{operator}" compares with one "value", but "values" holds {len(value)}: '
                    'use one condition per value in an "or" group'
                )
                ck.report(at, Code.VALUE_SHAPE, message, on_key=True)
                return True
            edits = (*edits, SetValue((*pointer, key), value[0]))
        ck.report(at, Code.VALUE_SHAPE, message, fix=Fix(f"rename to {key}", edits), on_key=True)
        return True
    return False


_SOURCES: dict[tuple[Operand, str], tuple[str, ...]] = {
    (Operand.VALUES, "values"): ("value",),
    (Operand.VALUE, "value"): ("values",),
    (Operand.BOUNDS, "firstValue"): ("values", "value"),
    (Operand.BOUNDS, "lastValue"): ("otherValue",),
    (Operand.VALUE_AND_OTHER, "value"): ("values", "firstValue"),
    (Operand.VALUE_AND_OTHER, "otherValue"): ("lastValue",),
}


def _number(ck: Checker, view: dict[str, Any], pointer: Path, key: str) -> float | None:
    value = view[key]
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    number = as_number(value)
    fix = Fix(f"use {number}", (SetValue((*pointer, key), number),)) if number is not None else None
    message = f'"{key}" must be a number, not {describe_type(value)} {quote(value)}'
    ck.report((*pointer, key), Code.WRONG_TYPE, message, fix=fix)
    return None


def as_number(value: object) -> int | float | None:
    """A number written as a string (``"50"``, ``"1.5"``), or None."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace("_", "")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def whole_number(value: object) -> int | None:
    """A whole number written as one (``10``, ``10.0``, ``"10"``), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value)
    return None


def _date(ck: Checker, view: dict[str, Any], pointer: Path, key: str) -> Any:
    value = view[key]
    moment = parse_iso(value)
    if moment is not None:
        return moment
    suggestion = suggest_iso(value)
    at = (*pointer, key)
    fix = Fix(f"use {suggestion}", (SetValue(at, suggestion),)) if suggestion else None
    shown = quote(value) if isinstance(value, str) else f"{describe_type(value)} {quote(value)}"
    message = f"{shown} is not an ISO-8601 date: write it like 2024-01-31 or 2024-01-31T09:30:00Z"
    ck.report(at, Code.INVALID_DATE, message, fix=fix)
    return None


def _order(
    ck: Checker, view: dict[str, Any], pointer: Path, shape: Operand, bounds: dict[str, Any]
) -> None:
    """Warn when `between` runs backwards, which matches nothing."""
    if shape is not Operand.BOUNDS:
        return
    first, last = bounds.get("firstValue"), bounds.get("lastValue")
    if first is None or last is None:
        return
    if hasattr(first, "tzinfo") and not comparable(first, last):
        return
    if first > last:
        edits = (
            SetValue((*pointer, "firstValue"), view["lastValue"]),
            SetValue((*pointer, "lastValue"), view["firstValue"]),
        )
        message = '"firstValue" is after "lastValue", so nothing can match: swap them'
        fix = Fix("swap the bounds", edits)
        ck.report((*pointer, "firstValue"), Code.REVERSED_BOUNDS, message, fix=fix, warning=True)


def _text(ck: Checker, view: dict[str, Any], pointer: Path, key: str) -> None:
    value = view[key]
    if isinstance(value, str):
        return
    at = (*pointer, key)
    message = f'"{key}" is compared as text: write {quote(value)} as a string'
    if isinstance(value, int | float) and not isinstance(value, bool):
        fix = Fix(f"use {quote(str(value))}", (SetValue(at, str(value)),))
        ck.report(at, Code.WRONG_TYPE, message, fix=fix, warning=True)
    else:
        ck.report(at, Code.WRONG_TYPE, f'"{key}" must be a string, not {describe_type(value)}')


def _values(ck: Checker, value: Any, at: Path) -> None:
    if isinstance(value, str):
        return
    if isinstance(value, list):
        if not value:
            ck.report(
                at, Code.EMPTY_VALUES, '"values" is empty: add at least one value', warning=True
            )
            return
        if all(isinstance(item, str) for item in value):
            return
        fix = None
        if all(_scalar(item) for item in value):
            fixed = [item if isinstance(item, str) else as_text(item) for item in value]
            fix = Fix("write the values as strings", (SetValue(at, fixed),))
        ck.report(at, Code.WRONG_TYPE, '"values" must hold strings only', fix=fix)
        return
    fix = (
        Fix("use a list of strings", (SetValue(at, [as_text(value)]),)) if _scalar(value) else None
    )
    message = f'"values" must be a string or a list of strings, not {describe_type(value)}'
    ck.report(at, Code.WRONG_TYPE, message, fix=fix)


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and not (
        isinstance(value, float) and not math.isfinite(value)
    )


def as_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
