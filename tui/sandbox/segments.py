"""The segment filter language, evaluated over a model's records in Python.

``{"conjonction": "and"|"or", "groups": [{"conjonction": ..., "conditions": [...]}]}``; the
key is spelled ``conjonction`` on purpose, and a filter spelled ``conjunction`` matches no
records, as on the real service. Invalid filters raise :class:`InvalidFilter` (reason
``invalidFilter``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from tui.sandbox.catalog import Catalog

Record = dict[str, Any]


class InvalidFilter(ValueError):
    pass


STRING_OPS = {"is", "isNot", "contains", "doesNotContain", "startsWith", "endsWith",
              "isNull", "isNotNull", "isEmpty", "isNotEmpty"}  # fmt: skip
ORDERED_OPS = {"is", "isNot", "greaterThan", "lowerThan", "between", "isNull", "isNotNull"}
BOOLEAN_OPS = {"isTrue", "isFalse", "isNull", "isNotNull"}
OPERATORS = {
    "string": STRING_OPS,
    "number": ORDERED_OPS,
    "date": ORDERED_OPS,
    "boolean": BOOLEAN_OPS,
    "object": {"isNull", "isNotNull", "matchConditions"},
    "array": {"isNull", "isNotNull", "matchConditions", "contains"},
}


def matcher(
    filter_: Any, columns: dict[str, str], segments: dict[str, Callable[[Record], bool]]
) -> Callable[[Record], bool]:
    """A predicate over records; raises InvalidFilter when the filter is malformed."""
    if not isinstance(filter_, dict) or not isinstance(filter_.get("groups", []), list):
        raise InvalidFilter("The filter must be an object with 'conjonction' and 'groups'")
    if "conjonction" not in filter_:
        return lambda _: False  # the real service silently matches nothing
    outer = _conjunction(filter_["conjonction"])
    groups = []
    for group in filter_["groups"]:
        if not isinstance(group, dict) or not isinstance(group.get("conditions"), list):
            raise InvalidFilter("Each group needs 'conjonction' and a list of 'conditions'")
        inner = _conjunction(group.get("conjonction", "and"))
        tests = [_condition(c, columns, segments) for c in group["conditions"]]
        groups.append((inner, tests))
    if not groups:
        return lambda _: True
    return lambda r: outer(inner(t(r) for t in tests) for inner, tests in groups)


def _conjunction(word: Any) -> Callable[[Any], bool]:
    if word == "and":
        return all
    if word == "or":
        return any
    raise InvalidFilter(f"Unknown conjonction {word!r}: use 'and' or 'or'")


def _condition(
    cond: Any, columns: dict[str, str], segments: dict[str, Callable[[Record], bool]]
) -> Callable[[Record], bool]:
    if not isinstance(cond, dict):
        raise InvalidFilter("A condition must be an object")
    kind, op = cond.get("kind"), cond.get("operator")
    if kind == "segment":
        found = segments.get(str(cond.get("segmentUuid")))
        if found is None or op not in ("in", "notIn"):
            raise InvalidFilter(
                "A segment condition needs operator in/notIn and a known segmentUuid"
            )
        return found if op == "in" else (lambda r: not found(r))
    if kind == "sql":
        raise InvalidFilter("SQL conditions are not supported by the sandbox")
    column = cond.get("columnSlug")
    if kind not in OPERATORS:
        raise InvalidFilter(f"Unknown condition kind {kind!r}")
    if column not in columns:
        raise InvalidFilter(f"Unknown column {column!r}")
    if op not in OPERATORS[kind]:
        raise InvalidFilter(f"Operator {op!r} does not apply to {kind} conditions")
    if op == "isNull":
        return lambda r: r.get(column) is None
    if op == "isNotNull":
        return lambda r: r.get(column) is not None
    if kind == "string":
        return _string(column, op, cond)
    if kind == "boolean":
        want = op == "isTrue"
        return lambda r: r.get(column) is want
    if kind in ("number", "date"):
        return _ordered(column, op, cond, kind)
    if op == "contains":
        values = _values(cond)
        return lambda r: any(v in (r.get(column) or []) for v in values)
    raise InvalidFilter(f"Operator {op!r} is not supported by the sandbox")


def _values(cond: dict[str, Any]) -> list[str]:
    values = cond.get("values")
    if isinstance(values, str):
        return [values]
    if isinstance(values, list) and all(isinstance(v, str | int | float) for v in values):
        return [str(v) for v in values]
    raise InvalidFilter("This operator takes 'values': a string or a list of strings")


def _string(column: str, op: str, cond: dict[str, Any]) -> Callable[[Record], bool]:
    if op == "isEmpty":
        return lambda r: (r.get(column) or "") == ""
    if op == "isNotEmpty":
        return lambda r: (r.get(column) or "") != ""
    values = [v.lower() for v in _values(cond)]
    tests: dict[str, Callable[[str], bool]] = {
        "is": lambda s: s in values,
        "isNot": lambda s: s not in values,
        "contains": lambda s: any(v in s for v in values),
        "doesNotContain": lambda s: not any(v in s for v in values),
        "startsWith": lambda s: any(s.startswith(v) for v in values),
        "endsWith": lambda s: any(s.endswith(v) for v in values),
    }
    test = tests[op]
    return lambda r: r.get(column) is not None and test(str(r[column]).lower())


def _ordered(column: str, op: str, cond: dict[str, Any], kind: str) -> Callable[[Record], bool]:
    def parse(value: Any) -> Any:
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidFilter(f"{column}: number conditions take numbers")
            return value
        try:
            return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            raise InvalidFilter(f"{column}: {value!r} is not an ISO date") from None

    def get(r: Record) -> Any:
        value = r.get(column)
        return None if value is None else (value if kind == "number" else parse(value))

    if op == "between":
        low, high = parse(cond.get("firstValue")), parse(cond.get("lastValue"))
        return lambda r: (v := get(r)) is not None and low <= v <= high
    want = parse(cond.get("value"))
    tests: dict[str, Callable[[Any], bool]] = {
        "is": lambda v: v == want,
        "isNot": lambda v: v != want,
        "greaterThan": lambda v: v > want,
        "lowerThan": lambda v: v < want,
    }
    test = tests[op]
    return lambda r: (v := get(r)) is not None and test(v)


def model_matcher(
    catalog: Catalog, model: dict[str, Any], filter_: Any
) -> Callable[[Record], bool]:
    columns = {c["slug"]: c["type"] for c in model["columns"]}
    segments: dict[str, Callable[[Record], bool]] = {}
    for segment in catalog.segments:
        if segment["modelUuid"] == model["uuid"] and segment["filter"] is not filter_:
            try:
                segments[segment["uuid"]] = matcher(segment["filter"], columns, {})
            except InvalidFilter:
                continue
    return matcher(filter_, columns, segments)


def select(catalog: Catalog, model: dict[str, Any], filter_: Any, sort: Any = None) -> list[Record]:
    """The model's records the filter keeps, sorted as asked."""
    test = model_matcher(catalog, model, filter_)
    found = [r for r in catalog.records.of(model["slug"]) if test(r)]
    if sort:
        if not isinstance(sort, list):
            raise InvalidFilter("sort must be a list of {columnSlug, kind}")
        for key in reversed(sort):
            if not isinstance(key, dict) or key.get("kind") not in ("asc", "desc"):
                raise InvalidFilter("each sort key needs columnSlug and kind asc|desc")
            slug = str(key.get("columnSlug"))

            def order(record: Record, slug: str = slug) -> tuple[bool, Any]:
                value = record.get(slug)
                return (value is None, value if value is not None else 0)

            found.sort(key=order, reverse=key["kind"] == "desc")
    return found


def count_segments(catalog: Catalog) -> None:
    """Fill each segment's recordsCount and lastChange from its filter."""
    for segment in catalog.segments:
        model = catalog.find("models", segment["modelUuid"])
        assert model is not None
        found = select(catalog, model, segment["filter"], segment["sort"])
        count = min(len(found), segment["limit"] or len(found))
        segment["recordsCount"] = count
        added = count // 17
        segment["lastChange"] = {
            "uuid": segment["uuid"][:-4] + "c4a9",
            "slug": f"{segment['slug']}-change",
            "totalRecordsCount": count,
            "addedRecordsCount": added,
            "updatedRecordsCount": count // 9,
            "removedRecordsCount": count // 40,
            "unchangedRecordsCount": count - added - count // 9,
            "createdAt": segment["syncedAt"],
        }
