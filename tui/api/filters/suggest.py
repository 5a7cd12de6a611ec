"""Closest-match suggestions for mistyped keys, operators, values and column slugs."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Final

#: Words people reach for instead of the language's own (compared after normalising).
SYNONYMS: Final[dict[str, str]] = {
    # keys
    "conjunction": "conjonction",
    "column": "columnSlug",
    "columnname": "columnSlug",
    "col": "columnSlug",
    "field": "columnSlug",
    "slug": "columnSlug",
    "op": "operator",
    "operation": "operator",
    "type": "kind",
    "direction": "kind",
    "order": "kind",
    "dir": "kind",
    "from": "firstValue",
    "to": "lastValue",
    "min": "firstValue",
    "max": "lastValue",
    "node": "nodeSlug",
    "segment": "segmentUuid",
    "property": "propertyName",
    "filters": "conditions",
    # operators
    "equals": "is",
    "eq": "is",
    "=": "is",
    "==": "is",
    "equal": "is",
    "isequal": "is",
    "notequals": "isNot",
    "ne": "isNot",
    "neq": "isNot",
    "!=": "isNot",
    "not": "isNot",
    "gt": "greaterThan",
    ">": "greaterThan",
    "after": "greaterThan",
    "lt": "lowerThan",
    "<": "lowerThan",
    "lessthan": "lowerThan",
    "before": "lowerThan",
    "notcontains": "doesNotContain",
    "doesnotcontains": "doesNotContain",
    "null": "isNull",
    "notnull": "isNotNull",
    "true": "isTrue",
    "false": "isFalse",
    # values
    "&&": "and",
    "all": "and",
    "||": "or",
    "any": "or",
    "ascending": "asc",
    "descending": "desc",
    "failed": "error",
    "failure": "error",
    "errored": "error",
    "succeeded": "success",
    "successful": "success",
    "ok": "success",
    "missing": "absent",
    "notrun": "absent",
    "running": "pending",
}


def normalise(word: str) -> str:
    """Lower case without separators, so ``column_slug`` meets ``columnSlug``."""
    return "".join(ch for ch in word.lower() if ch not in "_- ")


def closest(word: object, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate ``word`` most likely meant, or None when nothing is close enough."""
    if not isinstance(word, str):
        return None
    options = list(dict.fromkeys(candidates))
    if not options or not word:
        return None
    by_norm = {normalise(option): option for option in options}
    norm = normalise(word)
    if norm in by_norm:
        return by_norm[norm]
    synonym = SYNONYMS.get(norm) or SYNONYMS.get(word.lower())
    if synonym in options:
        return synonym
    found = difflib.get_close_matches(norm, list(by_norm), n=1, cutoff=cutoff)
    return by_norm[found[0]] if found else None


def closest_column(
    word: object, columns: Iterable[str], labels: Mapping[str, str] | None = None
) -> str | None:
    """The column slug ``word`` most likely meant: by slug, or by a label typed instead."""
    slugs = list(columns)
    match = closest(word, slugs)
    if match is not None or not labels or not isinstance(word, str):
        return match
    by_label = {label: slug for slug, label in labels.items() if slug in slugs}
    label = closest(word, by_label, cutoff=0.8)
    return by_label[label] if label is not None else None
