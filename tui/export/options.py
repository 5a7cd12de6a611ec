"""What an export is asked to do (format, options, provenance) and what it did (result)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui import __version__


class Format(enum.Enum):
    """The file formats an export can write; the value is the canonical extension."""

    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    NDJSON = "ndjson"
    PARQUET = "parquet"

    @property
    def suffix(self) -> str:
        return f".{self.value}"

    @classmethod
    def from_path(cls, path: Path | str) -> Format:
        """The format a file name asks for, by extension; ValueError naming the known ones."""
        suffix = Path(path).suffix.lower()
        found = _BY_SUFFIX.get(suffix)
        if found is None:
            shown = f"the extension {suffix}" if suffix else "no extension"
            raise ValueError(
                f"{Path(path).name} has {shown}; end it with one of {', '.join(_BY_SUFFIX)}."
            )
        return found


_BY_SUFFIX = {
    ".csv": Format.CSV,
    ".tsv": Format.TSV,
    ".json": Format.JSON,
    ".ndjson": Format.NDJSON,
    ".jsonl": Format.NDJSON,
    ".parquet": Format.PARQUET,
}


@dataclass(frozen=True)
class ExportOptions:
    """How to write. ``delimiter`` applies to CSV/TSV (default ``,`` / tab); ``header`` to
    CSV/TSV; ``pretty_json`` to JSON (NDJSON is one line per row by definition)."""

    format: Format
    header: bool = True
    delimiter: str | None = None
    pretty_json: bool = False
    overwrite: bool = False
    with_provenance: bool = False

    def __post_init__(self) -> None:
        if self.delimiter is not None and (len(self.delimiter) != 1 or self.delimiter in '"\r\n'):
            raise ValueError(
                f"The delimiter must be one character other than a quote or a line break, "
                f"not {self.delimiter!r}."
            )

    @property
    def cell_delimiter(self) -> str:
        if self.delimiter is not None:
            return self.delimiter
        return "\t" if self.format is Format.TSV else ","


@dataclass(frozen=True)
class Provenance:
    """Where exported rows came from; written into Parquet metadata or a ``.meta.json``."""

    source: str
    query_or_filter: str | None = None
    workspace: str | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "query_or_filter": self.query_or_filter,
            "workspace": self.workspace,
            "created_at": self.created_at.isoformat(),
            "cargo_tui_version": __version__,
        }

    @classmethod
    def from_dict(cls, meta: Mapping[str, Any]) -> Provenance:
        """Back from :meth:`as_dict` (a sidecar, or a Parquet file's metadata)."""
        return cls(
            source=str(meta["source"]),
            query_or_filter=meta.get("query_or_filter"),
            workspace=meta.get("workspace"),
            created_at=datetime.fromisoformat(str(meta["created_at"])),
        )


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote. ``dropped_columns`` are keys that first appeared after the columns
    were fixed (see :func:`tui.export.write_rows`); ``sidecar`` is the ``.meta.json``, if any."""

    path: Path
    rows: int
    bytes: int
    elapsed: float
    columns: tuple[str, ...]
    dropped_columns: tuple[str, ...] = ()
    sidecar: Path | None = None

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.elapsed if self.elapsed > 0 else float("inf")
