"""A SQL query's answer: columns and rows, cheap for 10,000 rows (``widgets.arrow_table``
makes them an Arrow table)."""

from __future__ import annotations

from dataclasses import dataclass, field
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
        first = list(objects[0]) if objects else []
        if all(len(row) == len(first) and list(row) == first for row in objects):
            # Every row of a query has the same keys in the same order: take the values as
            # they are (the fast path for 10,000 rows).
            columns, rows = first, [tuple(row.values()) for row in objects]
        else:  # a ragged answer: the union of the keys, in first-seen order
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
