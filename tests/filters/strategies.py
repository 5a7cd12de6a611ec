"""Hypothesis strategies: model schemas, valid filters built from the grammar, and mutations."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hypothesis import strategies as st

from tui.api.filters.conditions import OCCURRENCE_KINDS
from tui.api.filters.grammar import (
    ACTIVITY_KINDS,
    COLUMN_KINDS,
    COLUMN_TYPES,
    CONDITION_KEYS,
    FILTER_KEYS,
    GROUP_KEYS,
    KINDS_FOR_COLUMN,
    OPERATORS,
    Operand,
    operand_for,
    operators_for_kind,
)
from tui.api.filters.problems import Code

Path = tuple[str | int, ...]

slugs = st.from_regex(r"[a-z][a-z0-9_]{2,12}", fullmatch=True)
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
schemas = st.dictionaries(slugs, st.sampled_from(COLUMN_TYPES), min_size=1, max_size=8)
conjonctions = st.sampled_from(["and", "or"])
uuids = st.uuids().map(str)
numbers = st.integers(-(10**9), 10**9) | st.floats(-1e9, 1e9, allow_nan=False).map(
    lambda x: round(x, 3)
)
naive_dates = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 12, 31))
iso_dates = st.one_of(
    naive_dates.map(lambda d: d.date().isoformat()),
    naive_dates.map(lambda d: d.replace(microsecond=0).isoformat()),
    naive_dates.map(lambda d: d.replace(microsecond=0).isoformat() + "Z"),
)


def _pair(values: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[Any, Any]]:
    return st.tuples(values, values).map(lambda pair: tuple(sorted(pair)))


@st.composite
def date_pairs(draw: st.DrawFn) -> tuple[str, str]:
    # Both bounds in one style, so they compare (naive with naive, aware with aware).
    style = draw(st.sampled_from(["date", "datetime", "zulu"]))
    first, last = sorted(draw(st.tuples(naive_dates, naive_dates)))
    if style == "date":
        return first.date().isoformat(), last.date().isoformat()
    suffix = "Z" if style == "zulu" else ""
    return (
        first.replace(microsecond=0).isoformat() + suffix,
        last.replace(microsecond=0).isoformat() + suffix,
    )


@st.composite
def column_conditions(
    draw: st.DrawFn,
    schema: dict[str, str],
    *,
    kinds: tuple[str, ...] | None = None,
    operators: tuple[str, ...] | None = None,
) -> dict[str, Any]:
    """A valid condition on one of ``schema``'s columns, with the operands its operator takes.

    ``kinds`` and ``operators`` narrow the choice; ``schema`` must have a column that fits.
    """
    choices = [
        (slug, kind, operator)
        for slug, column_type in sorted(schema.items())
        for kind in KINDS_FOR_COLUMN[column_type]
        if kinds is None or kind in kinds
        for operator in operators_for_kind(kind)
        if operators is None or operator in operators
    ]
    slug, kind, operator = draw(st.sampled_from(choices))
    condition: dict[str, Any] = {"kind": kind, "columnSlug": slug}
    if kind == "objectProperty":
        condition["propertyName"] = draw(slugs)
    condition["operator"] = operator
    shape = operand_for(kind, operator)
    if shape is Operand.VALUES:
        condition["values"] = draw(words | st.lists(words, min_size=1, max_size=4))
    elif shape is Operand.VALUE:
        condition["value"] = draw(
            numbers if kind == "number" else iso_dates if kind == "date" else words
        )
    elif shape is Operand.BOUNDS:
        pair = draw(_pair(numbers) if kind == "number" else date_pairs())
        condition["firstValue"], condition["lastValue"] = pair
    elif shape is Operand.VALUE_AND_OTHER:
        condition["value"], condition["otherValue"] = draw(st.tuples(words, words))
    elif shape is Operand.PROPERTY_CONDITIONS:
        condition["conjonction"] = draw(conjonctions)
        inner = {slug: schema[slug]}
        condition["propertyConditions"] = draw(
            st.lists(column_conditions(inner, kinds=("objectProperty",)), min_size=1, max_size=3)
        )
    return condition


@st.composite
def timings(draw: st.DrawFn) -> dict[str, Any]:
    operator = draw(st.sampled_from(["not", "moreThan", "lessThan", "exactly"]))
    frequency: dict[str, Any] = {"operator": operator}
    if operator != "not":
        frequency["value"] = draw(st.integers(0, 100))
    period = {
        "operator": draw(st.sampled_from(["lessThan", "moreThan", "exactly"])),
        "value": draw(st.integers(0, 365)),
        "unit": "day",
    }
    return {"frequency": frequency, "period": period}


@st.composite
def other_conditions(draw: st.DrawFn) -> dict[str, Any]:
    """A valid segment, sql, enrollment or occurrence condition."""
    kind = draw(st.sampled_from(["segment", "sql", "enrollment", "occurrence"]))
    if kind == "segment":
        return {
            "kind": kind,
            "segmentUuid": draw(uuids),
            "operator": draw(st.sampled_from(["in", "notIn"])),
        }
    if kind == "sql":
        return {"kind": kind, "name": draw(words), "clause": draw(words)}
    if kind == "enrollment":
        condition: dict[str, Any] = {
            "kind": kind,
            "workflowUuid": draw(uuids),
            "activityKind": draw(st.sampled_from(ACTIVITY_KINDS)),
        }
        if condition["activityKind"] == "workflowNodeExecuted":
            condition["nodeSlug"] = draw(slugs)
        return {**condition, **draw(timings())}
    related = draw(schemas)
    inner = st.lists(column_conditions(related, kinds=OCCURRENCE_KINDS), min_size=1, max_size=3)
    return {
        "kind": kind,
        "relatedModelUuid": draw(uuids),
        **draw(timings()),
        "conjonction": draw(conjonctions),
        "conditions": draw(inner),
    }


@st.composite
def valid_filters(draw: st.DrawFn, schema: dict[str, str], min_groups: int = 0) -> dict[str, Any]:
    """A filter that is right in every respect for a model with ``schema``'s columns."""
    # Mostly column conditions: they are what users write and what has the most to check.
    condition = st.one_of(*[column_conditions(schema)] * 3, other_conditions())
    group = st.fixed_dictionaries(
        {"conjonction": conjonctions, "conditions": st.lists(condition, min_size=1, max_size=4)}
    )
    groups = st.lists(group, min_size=min_groups, max_size=3)
    return {"conjonction": draw(conjonctions), "groups": draw(groups)}


@st.composite
def schemas_and_filters(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, Any]]:
    schema = draw(schemas)
    return schema, draw(valid_filters(schema))


# -- mutations ----------------------------------------------------------------------------------

ALL_KEYS = {
    *FILTER_KEYS,
    *GROUP_KEYS,
    "kind",
    *(key for keys in CONDITION_KEYS.values() for key in keys),
    "unit",
    "status",
    "nodeSlug",
}
ALL_OPERATORS = sorted({op for ops in OPERATORS.values() for op in ops} | {"lessThan", "equals"})


@dataclass
class Mutation:
    """One deliberate mistake: the mutated filter, where it is, and what it must be called."""

    name: str
    filter: dict[str, Any]
    path: Path
    codes: frozenset[Code]


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _objects(data: Any, path: Path = ()) -> list[Path]:
    """Paths of every object in ``data``, outermost first."""
    found: list[Path] = []
    if isinstance(data, dict):
        found.append(path)
        for key, value in data.items():
            found.extend(_objects(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_objects(value, (*path, index)))
    return found


def _column_conditions(data: dict[str, Any], *, top_level: bool = False) -> list[Path]:
    """Paths of the conditions the schema applies to (not an occurrence's related model)."""
    paths = []
    for gi, group in enumerate(data["groups"]):
        for ci, condition in enumerate(group["conditions"]):
            if condition["kind"] not in COLUMN_KINDS:
                continue
            paths.append(("groups", gi, "conditions", ci))
            if not top_level:
                inner = condition.get("propertyConditions", [])
                paths.extend(
                    ("groups", gi, "conditions", ci, "propertyConditions", i)
                    for i in range(len(inner))
                )
    return paths


def _typos(key: str) -> list[str]:
    """Near-typos: one letter dropped, two swapped or doubled; never another real key."""
    found = set()
    for i in range(len(key)):
        found.add(key[:i] + key[i + 1 :])
        found.add(key[:i] + key[i] + key[i:])
        if i + 1 < len(key) and key[i] != key[i + 1]:
            found.add(key[:i] + key[i + 1] + key[i] + key[i + 2 :])
    return sorted(typo for typo in found if len(typo) >= 2 and typo not in ALL_KEYS)


def _rename(obj: dict[str, Any], old: str, new: str) -> None:
    items = [(new if key == old else key, value) for key, value in obj.items()]
    obj.clear()
    obj.update(items)


MUTATIONS = ("typo", "operator", "column", "swap", "bound", "date", "kind")
#: A condition that lets each mutation apply, whatever filter it is added to.
_SEEDS: dict[str, dict[str, Any]] = {
    "typo": {},
    "operator": {},
    "column": {},
    "swap": {"operators": ("is", "isNot", "contains", "greaterThan", "lowerThan")},
    "bound": {"operators": ("between",)},
    "date": {"kinds": ("date",), "operators": ("is", "greaterThan", "between")},
    "kind": {"kinds": ("string", "number", "date", "boolean", "object", "array", "vector")},
}


@st.composite
def mutated_filters(draw: st.DrawFn, name: str) -> tuple[dict[str, str], Mutation]:
    """A schema with a column of every type, and a valid filter with mistake ``name`` in it."""
    schema = {**draw(schemas), **{f"{kind}_column": kind for kind in COLUMN_TYPES}}
    base = draw(valid_filters(schema, min_groups=1))
    seed = draw(column_conditions(schema, **_SEEDS[name]))
    group = draw(st.integers(0, len(base["groups"]) - 1))
    conditions = base["groups"][group]["conditions"]
    conditions.insert(draw(st.integers(0, len(conditions))), seed)
    return schema, draw(mutations(schema, base, name))


@st.composite
def mutations(
    draw: st.DrawFn, schema: dict[str, str], base: dict[str, Any], only: str | None = None
) -> Mutation:
    """One mistake, of a kind drawn among those that apply to ``base`` (or of kind ``only``)."""
    data = copy.deepcopy(base)
    conditions = _column_conditions(data)

    def where(test: Any, paths: list[Path] = conditions) -> list[Path]:
        return [path for path in paths if test(_get(data, path))]

    def shape(c: dict[str, Any]) -> Operand | None:
        return operand_for(c["kind"], c["operator"])

    candidates: dict[str, list[Path]] = {
        "typo": [path for path in _objects(data) if _get(data, path)],
        "operator": conditions,
        "column": conditions,
        "swap": where(lambda c: shape(c) in (Operand.VALUE, Operand.VALUES)),
        "bound": where(lambda c: c["operator"] == "between"),
        "date": where(lambda c: c["kind"] == "date" and _date_keys(c)),
        "kind": where(
            lambda c: schema[c["columnSlug"]] != "any", _column_conditions(data, top_level=True)
        ),
    }
    name = only or draw(st.sampled_from([name for name, paths in candidates.items() if paths]))
    at = draw(st.sampled_from(candidates[name]))
    obj = _get(data, at)
    if name == "typo":
        key = draw(st.sampled_from(sorted(obj)))
        typo = draw(st.sampled_from(_typos(key)))
        _rename(obj, key, typo)
        return Mutation(name, data, (*at, typo), frozenset({Code.UNKNOWN_KEY}))
    if name == "operator":
        invalid = [op for op in ALL_OPERATORS if op not in operators_for_kind(obj["kind"])]
        obj["operator"] = draw(st.sampled_from(invalid))
        return Mutation(name, data, (*at, "operator"), frozenset({Code.INVALID_OPERATOR}))
    if name == "column":
        near = [typo for typo in _typos(obj["columnSlug"]) if typo not in schema]
        unknown = slugs.filter(lambda slug: slug not in schema)
        obj["columnSlug"] = draw(st.sampled_from(near) | unknown if near else unknown)
        return Mutation(name, data, (*at, "columnSlug"), frozenset({Code.UNKNOWN_COLUMN}))
    if name == "swap":
        old, new = ("value", "values") if "value" in obj else ("values", "value")
        _rename(obj, old, new)
        return Mutation(name, data, (*at, new), frozenset({Code.VALUE_SHAPE}))
    if name == "bound":
        bounds = [k for k in ("firstValue", "lastValue", "value", "otherValue") if k in obj]
        dropped = draw(st.sampled_from(bounds))
        del obj[dropped]
        return Mutation(name, data, (*at, dropped), frozenset({Code.MISSING_BOUND}))
    if name == "date":
        key = draw(st.sampled_from(_date_keys(obj)))
        obj[key] = draw(st.sampled_from(NOT_ISO))
        return Mutation(name, data, (*at, key), frozenset({Code.INVALID_DATE}))
    wrong = [k for k in COLUMN_KINDS if k not in KINDS_FOR_COLUMN[schema[obj["columnSlug"]]]]
    obj["kind"] = draw(st.sampled_from(wrong))
    return Mutation(name, data, (*at, "kind"), frozenset({Code.KIND_MISMATCH}))


NOT_ISO = ["31/01/2024", "yesterday", "2024/1/31", "Jan 5 2024", "2024-13-01", ""]


def _date_keys(condition: dict[str, Any]) -> list[str]:
    return [key for key in ("value", "firstValue", "lastValue") if key in condition]


# -- arbitrary JSON -----------------------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
any_json = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=25,
)
_known = sorted(
    ALL_KEYS
    | {"value", "values", "firstValue", "lastValue", "otherValue", "filter", "sort", "limit"}
)
_known_values = st.sampled_from(
    [
        "and",
        "or",
        "string",
        "number",
        "date",
        "boolean",
        "object",
        "array",
        "objectProperty",
        "segment",
        "sql",
        "enrollment",
        "occurrence",
        "node",
        "is",
        "between",
        "isNull",
        "matchConditions",
        "asc",
        "desc",
        "error",
        "not",
        "day",
        "2024-01-01",
    ]
)
#: JSON shaped like a filter (its keys, its words), so the checks deep inside get reached.
filter_like = st.recursive(
    scalars | _known_values,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(_known) | st.text(max_size=6), children, max_size=6)
    ),
    max_leaves=40,
)
