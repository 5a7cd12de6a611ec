"""Filters for people: one line per condition, a short summary, and a stable pretty-print."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tui.api.filters.grammar import KEY_ORDER
from tui.api.models.base import CargoModel

_KEY_RANK = {key: rank for rank, key in enumerate(KEY_ORDER)}

_PHRASES = {
    "is": "is",
    "isNot": "is not",
    "contains": "contains",
    "doesNotContain": "does not contain",
    "startsWith": "starts with",
    "endsWith": "ends with",
    "greaterThan": "greater than",
    "lowerThan": "less than",
    "isNull": "is null",
    "isNotNull": "is not null",
    "isEmpty": "is empty",
    "isNotEmpty": "is not empty",
    "isTrue": "is true",
    "isFalse": "is false",
    "in": "in segment",
    "notIn": "not in segment",
}
_DATE_PHRASES = {"greaterThan": "after", "lowerThan": "before"}
_ACTIVITIES = {
    "workflowEntered": "entered",
    "workflowNodeExecuted": "ran node {node} of",
    "workflowLeft": "left",
}
_COUNTS = {"moreThan": "more than", "lessThan": "less than", "exactly": "exactly"}
_PERIODS = {"lessThan": "in the last {n} days", "moreThan": "more than {n} days ago"}


def pretty(value: Any) -> str:
    """A filter (or sort, or segment query) as JSON: wire key order, 2-space indent."""
    if isinstance(value, CargoModel):
        value = value.to_wire()
    return json.dumps(_ordered(value), indent=2, ensure_ascii=False)


def _ordered(value: Any) -> Any:
    if isinstance(value, Mapping):
        keys = sorted(value, key=lambda key: (_KEY_RANK.get(str(key), len(_KEY_RANK)), str(key)))
        return {key: _ordered(value[key]) for key in keys}
    if isinstance(value, list):
        return [_ordered(item) for item in value]
    return value


def describe_condition(
    condition: Any,
    labels: Mapping[str, str] | None = None,
    segment_names: Mapping[str, str] | None = None,
) -> str:
    """One condition in words: ``industry is SaaS, Fintech``, ``employees between 50 and 500``."""
    if isinstance(condition, CargoModel):
        condition = condition.to_wire()
    if not isinstance(condition, Mapping):
        return _compact(condition)
    labels = labels or {}
    kind = condition.get("kind")
    operator = str(condition.get("operator", "?"))
    if kind == "segment":
        uuid = str(condition.get("segmentUuid", "?"))
        name = (segment_names or {}).get(uuid, uuid)
        return f"{_PHRASES.get(operator, operator)} {name}"
    if kind == "sql":
        return f"sql {condition.get('name', '?')}: {condition.get('clause', '')}"
    if kind == "enrollment":
        return _enrollment(condition)
    if kind == "occurrence":
        count = len(condition.get("conditions") or [])
        plural = "" if count == 1 else "s"
        timing = _timing(condition)
        return f"related records matching {count} condition{plural}, {timing}"
    if kind == "node":
        return _node(condition)
    subject = _subject(condition, labels)
    if operator == "matchConditions":
        joiner = f" {condition.get('conjonction', 'and')} "
        inner = [describe_condition(item, {}) for item in condition.get("propertyConditions") or []]
        return f"{subject} has {joiner.join(inner) or 'no conditions'}"
    phrase = _PHRASES.get(operator, operator)
    if kind == "date":
        phrase = _DATE_PHRASES.get(operator, phrase)
    if operator == "between":
        first = condition.get("firstValue", condition.get("value"))
        last = condition.get("lastValue", condition.get("otherValue"))
        return f"{subject} between {_show(first)} and {_show(last)}"
    if "values" in condition:
        values = condition["values"]
        shown = ", ".join(_show(v) for v in values) if isinstance(values, list) else _show(values)
        return f"{subject} {phrase} {shown}"
    if "value" in condition:
        return f"{subject} {phrase} {_show(condition['value'])}"
    return f"{subject} {phrase}"


def describe_filter(
    filter_: Any,
    labels: Mapping[str, str] | None = None,
    segment_names: Mapping[str, str] | None = None,
) -> list[str]:
    """Every condition of a filter (segment or executions) as one line, in order."""
    if isinstance(filter_, CargoModel):
        filter_ = filter_.to_wire()
    lines: list[str] = []
    for group in _groups(filter_):
        for condition in group.get("conditions") or []:
            lines.append(describe_condition(condition, labels, segment_names))
    return lines


def summarize_filter(
    filter_: Any,
    labels: Mapping[str, str] | None = None,
    *,
    width: int = 80,
    segment_names: Mapping[str, str] | None = None,
) -> str:
    """The whole filter on one line (``(a and b) or c``), cut to ``width`` with a count left."""
    if isinstance(filter_, CargoModel):
        filter_ = filter_.to_wire()
    groups = [g for g in _groups(filter_) if g.get("conditions")]
    if not groups:
        return "all records"
    outer = f" {_conjonction(filter_)} "
    parts = []
    for group in groups:
        joiner = f" {_conjonction(group)} "
        lines = [describe_condition(c, labels, segment_names) for c in group["conditions"]]
        text = joiner.join(lines)
        parts.append(f"({text})" if len(lines) > 1 and len(groups) > 1 else text)
    total = sum(len(g["conditions"]) for g in groups)
    summary = outer.join(parts)
    if len(summary) <= width:
        return summary
    suffix = f"… ({total} condition{'' if total == 1 else 's'})"
    kept = summary[: max(width - len(suffix), 1)].rstrip()
    return f"{kept}{suffix}"


def _groups(filter_: Any) -> list[Mapping[str, Any]]:
    if not isinstance(filter_, Mapping) or not isinstance(filter_.get("groups"), list):
        return []
    groups = [g for g in filter_["groups"] if isinstance(g, Mapping)]
    return [g for g in groups if isinstance(g.get("conditions", []), list)]


def _conjonction(obj: Mapping[str, Any]) -> str:
    value = obj.get("conjonction")
    return value if value in ("and", "or") else "and"


def _subject(condition: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    slug = str(condition.get("columnSlug", "?"))
    subject = labels.get(slug, slug)
    if condition.get("kind") == "objectProperty":
        subject = f"{subject}.{condition.get('propertyName', '?')}"
    return subject


def _enrollment(condition: Mapping[str, Any]) -> str:
    activity = str(condition.get("activityKind", ""))
    verb = _ACTIVITIES.get(activity, activity).format(node=condition.get("nodeSlug", "?"))
    workflow = condition.get("workflowUuid", "?")
    return f"{verb} workflow {workflow} {_timing(condition)}".strip()


def _timing(condition: Mapping[str, Any]) -> str:
    frequency = condition.get("frequency")
    period = condition.get("period")
    parts = []
    if isinstance(frequency, Mapping):
        operator = frequency.get("operator")
        if operator == "not":
            parts.append("never")
        else:
            parts.append(f"{_COUNTS.get(str(operator), operator)} {frequency.get('value')} times")
    if isinstance(period, Mapping):
        number = period.get("value")
        template = _PERIODS.get(str(period.get("operator")), "exactly {n} days ago")
        parts.append(template.format(n=number))
    return " ".join(parts)


def _node(condition: Mapping[str, Any]) -> str:
    slug = condition.get("nodeSlug", "?")
    status = condition.get("status", "?")
    if status == "absent":
        return f"node {slug} not reached"
    text = f"node {slug} {status}"
    if "value" in condition:
        what = "title" if status == "success" else "message"
        text += f" ({what} contains {_show(condition['value'])})"
    return text


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value
    return _compact(value)


def _compact(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)
