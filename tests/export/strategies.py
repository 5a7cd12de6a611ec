"""Hypothesis strategies: rows as Cargo's API hands them, with text that breaks naive writers."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

#: Text with everything a CSV writer must quote: any unicode, \r\n, delimiters, quotes.
tricky_text = st.one_of(
    st.text(),
    st.lists(st.sampled_from(['"', ",", "\t", "\r", "\n", "\r\n", " ", "a", "é", "😀", "\\"])).map(
        "".join
    ),
)
int64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
finite = st.floats(allow_nan=False, allow_infinity=False)
scalars = st.one_of(st.none(), st.booleans(), int64, finite, tricky_text)
nested = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(tricky_text, inner, max_size=4)
    ),
    max_leaves=12,
).filter(lambda v: isinstance(v, list | dict))

#: One strategy per kind of column; ``mixed`` changes kind from row to row.
KINDS: dict[str, st.SearchStrategy[Any]] = {
    "text": tricky_text,
    "int": int64,
    "float": finite,
    "bool": st.booleans(),
    "nested": nested,
    "mixed": st.one_of(scalars, nested),
}
COLUMNS = {
    "id": "text",
    'name, "quoted"\tand tabbed': "text",
    "credits": "int",
    "score": "float",
    "ok": "bool",
    "runContext": "nested",
    "anything": "mixed",
}


def row_strategy(kinds: dict[str, str]) -> st.SearchStrategy[dict[str, Any]]:
    """A row: each column optional (a missing key is a null), each value possibly null."""
    return st.fixed_dictionaries(
        {}, optional={name: st.one_of(st.none(), KINDS[kind]) for name, kind in kinds.items()}
    )


def batches(
    kinds: dict[str, str], max_batches: int = 4
) -> st.SearchStrategy[list[list[dict[str, Any]]]]:
    return st.lists(st.lists(row_strategy(kinds), max_size=6), min_size=1, max_size=max_batches)
