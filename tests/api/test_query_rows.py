"""A query's rows as columns and tuples (``QueryResult.from_objects``): every value lands under
its own column, whatever order or set of keys each row has."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.api.models.query import QueryResult

KEYS = st.sampled_from(["uuid", "status", "n", "x"])
VALUES = st.none() | st.integers() | st.text(max_size=3) | st.lists(st.integers(), max_size=2)
ROW = st.dictionaries(KEYS, VALUES, max_size=4)
#: Generation time is the machine's, not the code's: a busy CI machine fails ``too_slow``.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _holds(objects: list[dict[str, Any]]) -> None:
    result = QueryResult.from_objects(objects)
    assert result.columns == list(dict.fromkeys(key for row in objects for key in row))
    assert len(result.rows) == len(objects)
    for row, values in zip(objects, result.rows, strict=True):
        assert dict(zip(result.columns, values, strict=True)) == {
            column: row.get(column) for column in result.columns
        }


@SETTINGS
@given(st.lists(ROW, max_size=6))
def test_any_rows_keep_every_value_under_its_column(objects: list[dict[str, Any]]) -> None:
    _holds(objects)


@SETTINGS
@given(st.lists(st.permutations(["uuid", "status", "n"]), min_size=1, max_size=6))
def test_rows_with_the_same_keys_in_another_order_are_read_by_name(
    orders: list[list[str]],
) -> None:
    objects = [{key: f"{key}{n}" for key in order} for n, order in enumerate(orders)]
    _holds(objects)
    assert QueryResult.from_objects(objects).columns == orders[0]


def test_one_column_none_and_empty_rows() -> None:
    assert QueryResult.from_objects([{"n": 1}, {"n": 2}]).rows == [(1,), (2,)]
    assert QueryResult.from_objects([]).rows == [] and QueryResult.from_objects([]).columns == []
    assert QueryResult.from_objects([{}, {}]).rows == [(), ()]
    ragged = QueryResult.from_objects([{"a": 1, "b": 2}, {"a": 3, "c": 4}])
    assert ragged.columns == ["a", "b", "c"]
    assert ragged.rows == [(1, 2, None), (3, None, 4)]
