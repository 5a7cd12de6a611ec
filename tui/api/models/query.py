"""A SQL query's answer: columns and rows, cheap for 10,000 rows (``widgets.arrow_table``
makes them an Arrow table)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

#: The query endpoint's caps (see the contract).
MAX_RESULT_ROWS = 10_000
MAX_ROWS_READ = 10_000_000
MAX_SECONDS = 30


@dataclass
class QueryResult:
    """Rows as tuples in ``columns`` order; not validated row by row."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_objects(cls, objects: list[dict[str, Any]], elapsed: float = 0.0) -> QueryResult:
        columns = list(objects[0]) if objects else []
        try:
            # Every row of a query has the same keys: pick the values by name, in C (the fast
            # path for 10,000 rows); a row with another key count, or missing one, is ragged.
            if not all(map(len(columns).__eq__, map(len, objects))):
                raise KeyError
            rows = [*map(_picker(columns), objects)]
        except KeyError:  # a ragged answer: the union of the keys, in first-seen order
            columns = list(dict.fromkeys(key for row in objects for key in row))
            rows = [tuple(map(row.get, columns)) for row in objects]
        result = cls(columns, rows, elapsed)
        if len(rows) >= MAX_RESULT_ROWS:
            result.notes.append(
                f"The result reached the {MAX_RESULT_ROWS:,}-row cap; add LIMIT or aggregate."
            )
        return result

    def __len__(self) -> int:
        return len(self.rows)

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _picker(keys: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A row's values at ``keys``, as a tuple whatever their number (itemgetter's, in C)."""
    if len(keys) > 1:
        return itemgetter(*keys)
    if keys:
        one = keys[0]
        return lambda row: (row[one],)
    return lambda row: ()
