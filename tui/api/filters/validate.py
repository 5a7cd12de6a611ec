"""Validate segment filters, sorts, limits and runs' executionsFilter, from text or parsed JSON.

Every function takes either the JSON text the user typed (problems then carry line and column)
or the already-parsed value, returns problems ordered by position, and never raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from tui.api.filters.checker import Checker, run
from tui.api.filters.conditions import article, check_condition, report_unknown_column
from tui.api.filters.grammar import (
    CONJONCTIONS,
    FILTER_KEYS,
    GROUP_KEYS,
    NODE_CONDITION_KEYS,
    NODE_STATUSES,
    SORT_KEYS,
    SORT_KINDS,
)
from tui.api.filters.jsontext import Path
from tui.api.filters.operands import whole_number
from tui.api.filters.problems import Code, Fix, Problem, Remove, SetValue, describe_type, quote
from tui.api.filters.schema import SchemaLike, as_schema
from tui.api.filters.suggest import closest

_SEGMENT_KEYS = ("filter", "sort", "limit")
_CONJONCTION = {"conjonction": "and"}


def validate_filter(source: object, schema: SchemaLike | None = None) -> list[Problem]:
    """Problems in a segment filter ``{"conjonction", "groups"}``, checked against ``schema``."""
    return run(source, partial(_filter, pointer=()), as_schema(schema))


def validate_sort(source: object, schema: SchemaLike | None = None) -> list[Problem]:
    """Problems in a sort, a list of ``{"columnSlug", "kind": "asc"|"desc"}``."""
    return run(source, partial(_sort, pointer=()), as_schema(schema))


def validate_limit(source: object) -> list[Problem]:
    """Problems in a segment's limit (a positive whole number; null means no limit)."""
    return run(source, partial(_limit, pointer=()), None)


def validate_segment(source: object, schema: SchemaLike | None = None) -> list[Problem]:
    """Problems in ``{"filter", "sort"?, "limit"?}``, what a segment fetch or download sends."""
    return run(source, _segment, as_schema(schema))


def validate_executions_filter(
    source: object, node_slugs: Iterable[str] | None = None
) -> list[Problem]:
    """Problems in a runs ``executionsFilter``; ``node_slugs`` are the release's nodes, if known."""
    slugs = tuple(node_slugs) if node_slugs is not None else None
    return run(source, partial(_executions, slugs=slugs), None)


def _segment(ck: Checker, data: Any) -> None:
    obj = ck.expect_object(data, (), "a segment query")
    if obj is None:
        return
    view = ck.keys(obj, (), _SEGMENT_KEYS, "a segment query", required=("filter",))
    if "filter" in view:
        _filter(ck, view["filter"], pointer=("filter",))
    if view.get("sort") is not None:
        _sort(ck, view["sort"], pointer=("sort",))
    if "limit" in view:
        _limit(ck, view["limit"], pointer=("limit",))


ConditionCheck = Callable[[Checker, Any, Path], None]


def _filter(
    ck: Checker,
    data: Any,
    pointer: Path,
    *,
    what: str = "filter",
    condition: ConditionCheck = check_condition,
) -> None:
    """A filter (or an executions filter): conjonction and groups of ``condition``s."""
    obj = ck.expect_object(data, pointer, f"{article(what)} {what}")
    if obj is None:
        return
    defaults = {"conjonction": "and", "groups": []}
    view = ck.keys(
        obj, pointer, FILTER_KEYS, f"the {what}", required=FILTER_KEYS, defaults=defaults
    )
    ck.choice(view, pointer, "conjonction", CONJONCTIONS, "a conjonction")
    for index, group in enumerate(ck.expect_list(view, pointer, "groups", "groups")):
        _group(ck, group, (*pointer, "groups", index), condition)


def _group(ck: Checker, data: Any, pointer: Path, condition: ConditionCheck) -> None:
    obj = ck.expect_object(data, pointer, "a group")
    if obj is None:
        return
    view = ck.keys(obj, pointer, GROUP_KEYS, "a group", required=GROUP_KEYS, defaults=_CONJONCTION)
    ck.choice(view, pointer, "conjonction", CONJONCTIONS, "a conjonction")
    if "conditions" not in view:
        return
    conditions = ck.expect_list(view, pointer, "conditions", "conditions")
    if not conditions and isinstance(view["conditions"], list):
        message = "this group has no conditions: add one or remove the group"
        fix = Fix("remove the empty group", (Remove(pointer),))
        ck.report((*pointer, "conditions"), Code.EMPTY_CONDITIONS, message, fix=fix, warning=True)
    for index, item in enumerate(conditions):
        condition(ck, item, (*pointer, "conditions", index))


def _sort(ck: Checker, data: Any, pointer: Path) -> None:
    if isinstance(data, dict):
        message = "a sort is a list of entries: wrap this one in a list"
        ck.report(
            pointer,
            Code.WRONG_TYPE,
            message,
            fix=Fix("wrap in a list", (SetValue(pointer, [data]),)),
        )
        return
    if not isinstance(data, list):
        message = f'a sort must be a list of {{"columnSlug", "kind"}}, not {describe_type(data)}'
        ck.report(pointer, Code.WRONG_TYPE, message)
        return
    for index, entry in enumerate(data):
        at = (*pointer, index)
        obj = ck.expect_object(entry, at, "a sort entry")
        if obj is None:
            continue
        view = ck.keys(obj, at, SORT_KEYS, "a sort entry", required=SORT_KEYS)
        if "kind" in view:  # a missing kind is reported once, as missing
            ck.choice(view, at, "kind", SORT_KINDS, "a sort kind")
        slug = ck.string(view, at, "columnSlug")
        if slug is not None and ck.schema is not None and slug not in ck.schema.columns:
            report_unknown_column(ck, (*at, "columnSlug"), slug)


def _limit(ck: Checker, data: Any, pointer: Path) -> None:
    if data is None or (isinstance(data, int) and not isinstance(data, bool) and data > 0):
        return
    number = whole_number(data)
    fix = Fix(f"use {number}", (SetValue(pointer, number),)) if number and number > 0 else None
    message = f'"limit" must be a positive whole number (or null for none), not {quote(data)}'
    ck.report(pointer, Code.INVALID_LIMIT, message, fix=fix)


def _executions(ck: Checker, data: Any, slugs: tuple[str, ...] | None) -> None:
    check = partial(_node_condition, slugs=slugs)
    _filter(ck, data, (), what="executions filter", condition=check)


def _node_condition(ck: Checker, data: Any, pointer: Path, slugs: tuple[str, ...] | None) -> None:
    obj = ck.expect_object(data, pointer, "a node condition")
    if obj is None:
        return
    view = ck.keys(
        obj,
        pointer,
        NODE_CONDITION_KEYS,
        "a node condition",
        required=("kind", "nodeSlug", "status"),
        defaults={"kind": "node"},
    )
    ck.choice(view, pointer, "kind", ("node",), "a node condition kind", code=Code.INVALID_KIND)
    slug = ck.string(view, pointer, "nodeSlug")
    if slug is not None and slugs is not None and slug not in slugs:
        missing = f'the release has no node "{slug}"'
        ck.not_found((*pointer, "nodeSlug"), Code.UNKNOWN_NODE, missing, closest(slug, slugs), "")
    status = ck.choice(view, pointer, "status", NODE_STATUSES, "a node status")
    ck.string(view, pointer, "value")
    if status in ("absent", "pending") and "value" in view:
        at = (*pointer, "value")
        message = f'"value" only applies to status success (title) or error (message), not {status}'
        ck.report(
            at,
            Code.UNEXPECTED_VALUE,
            message,
            fix=Fix("remove value", (Remove(at),)),
            warning=True,
            on_key=True,
        )
