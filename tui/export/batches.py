"""What an export is fed: batches of rows, each a list of mappings or an Arrow batch or table.

Arrow is recognised by shape (a ``schema`` and ``to_pylist``), so nothing here imports pyarrow:
whoever hands over an Arrow batch has already paid for that import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TypeAlias, runtime_checkable


@runtime_checkable
class ArrowBatch(Protocol):
    """A ``pyarrow.RecordBatch`` or ``pyarrow.Table`` (only what the engine uses)."""

    @property
    def schema(self) -> Any: ...

    @property
    def num_rows(self) -> int: ...

    def to_pylist(self) -> list[dict[str, Any]]: ...


Rows: TypeAlias = Sequence[Mapping[str, Any]]
Batch: TypeAlias = Rows | ArrowBatch


def batch_len(batch: Batch) -> int:
    # A list is told at once: the Protocol's check costs tens of microseconds.
    if isinstance(batch, list):
        return len(batch)
    return batch.num_rows if isinstance(batch, ArrowBatch) else len(batch)


def as_rows(batch: Batch) -> Rows:
    """The batch as mappings (an Arrow batch converted, a list passed through)."""
    if isinstance(batch, list):
        return batch
    return batch.to_pylist() if isinstance(batch, ArrowBatch) else batch


def batch_keys(batch: Batch) -> list[str]:
    """The keys of a batch in first-seen order (an Arrow batch's column names)."""
    if isinstance(batch, ArrowBatch):
        return [str(name) for name in batch.schema.names]
    seen: dict[str, None] = {}
    for row in batch:
        seen.update(dict.fromkeys(row))
    return list(seen)
