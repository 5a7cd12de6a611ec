"""Downloaded files read back as batches of rows, streaming: CSV (with a header line), a JSON
array of objects, or NDJSON. Cargo's download endpoints answer signed URLs to such files; the
client fetches them to temporary files and hands their paths here.

Nothing reads a whole file: CSV and NDJSON go line by line, and a JSON array is cut into its
elements by an incremental decoder that holds one element (plus a read-ahead) at a time.
CSV cells arrive as text, an empty cell as null.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, TextIO

from tui.export.errors import SourceFailed

SourceFormat = Literal["csv", "json", "ndjson"]

#: Rows per batch handed to the writers.
BATCH_ROWS = 2_000
#: Read-ahead of the JSON array reader, and the largest single element it accepts.
_CHUNK = 1 << 16
MAX_ELEMENT_BYTES = 64 << 20
#: The csv module refuses cells over 128 KiB by default; a node output can be larger.
_CSV_FIELD_LIMIT = 64 << 20
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SUFFIXES: dict[str, SourceFormat] = {
    ".csv": "csv",
    ".json": "json",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
}


def source_format(path: Path) -> SourceFormat:
    """By extension, else by the first character: ``[`` a JSON array, ``{`` NDJSON, else CSV."""
    known = _SUFFIXES.get(path.suffix.lower())
    if known is not None:
        return known
    with _open(path) as fh:
        start = fh.read(256).lstrip()
    if start.startswith("["):
        return "json"
    if start.startswith("{"):
        return "ndjson"
    return "csv"


def read_batches(
    path: Path, kind: SourceFormat | None = None, *, batch_rows: int = BATCH_ROWS
) -> Iterator[list[dict[str, Any]]]:
    """The rows of one downloaded file, ``batch_rows`` at a time."""
    batch: list[dict[str, Any]] = []
    for row in iter_rows(path, kind):
        batch.append(row)
        if len(batch) >= batch_rows:
            yield batch
            batch = []
    if batch:
        yield batch


def iter_rows(path: Path, kind: SourceFormat | None = None) -> Iterator[dict[str, Any]]:
    kind = kind or source_format(path)
    with _open(path) as fh:
        if kind == "csv":
            yield from _csv_rows(fh, path.name)
        elif kind == "ndjson":
            yield from _ndjson_rows(fh, path.name)
        else:
            for index, value in enumerate(iter_json_array(fh, path.name)):
                yield _as_object(value, path.name, f"element {index + 1}")


def source_columns(path: Path, kind: SourceFormat | None = None) -> list[str]:
    """The columns of one file in first-seen order: a CSV's header, else every key of every
    object (which reads the file once, streaming)."""
    kind = kind or source_format(path)
    if kind == "csv":
        with _open(path) as fh:
            return _csv_header(csv.reader(fh), path.name)
    seen: dict[str, None] = {}
    for row in iter_rows(path, kind):
        seen.update(dict.fromkeys(row))
    return list(seen)


def _open(path: Path) -> TextIO:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError as exc:
        raise SourceFailed(f"The downloaded file {path} is gone; download it again.") from exc
    except OSError as exc:
        raise SourceFailed(f"Could not read {path}: {exc.strerror or exc}.") from exc


def _csv_header(reader: Any, name: str) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        return []
    except csv.Error as exc:
        raise SourceFailed(f"{name} is not valid CSV ({exc}).") from exc
    first = header[0].lstrip() if header else ""
    if first[:1] in ("{", "[", "<"):  # a JSON or XML body (an error page) sent as the file
        raise SourceFailed(
            f"{name} is not the CSV Cargo should have sent: it begins {first[:40]!r}. "
            "Nothing was written. Export again; if it persists, the download service is failing."
        )
    seen: dict[str, int] = {}
    names = []
    for column in header:  # a repeated name would hide a column: number the repeats
        seen[column] = seen.get(column, 0) + 1
        names.append(column if seen[column] == 1 else f"{column}_{seen[column]}")
    return names


def _csv_rows(fh: TextIO, name: str) -> Iterator[dict[str, Any]]:
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(fh)
    header = _csv_header(reader, name)
    width = len(header)
    cut_short = not _ends_a_line(fh)
    held: list[str] | None = None  # each row waits for the next: the last one is checked
    try:
        for cells in reader:
            if not cells:
                continue
            if len(cells) > width:
                raise SourceFailed(
                    f"{name}, line {reader.line_num}: {len(cells)} cells, but the header names "
                    f"{width} columns. The file is malformed; download it again."
                )
            if held is not None:
                yield _csv_row(header, held)
            held = cells
    except csv.Error as exc:
        raise SourceFailed(f"{name}, line {reader.line_num}: not valid CSV ({exc}).") from exc
    if held is None:
        return
    if cut_short and len(held) < width:
        raise SourceFailed(
            f"{name} ends in the middle of a row (line {reader.line_num} has {len(held)} of "
            f"{width} cells): the download was cut short. Nothing was written. Export again."
        )
    yield _csv_row(header, held)


def _csv_row(header: list[str], cells: list[str]) -> dict[str, Any]:
    """A row by column name; an empty cell is a null (see :mod:`tui.export.cells`)."""
    return {k: (v if v != "" else None) for k, v in zip(header, cells, strict=False)}


def _ends_a_line(fh: TextIO) -> bool:
    """Whether the file's last byte ends a line (read aside: the text stream stays put)."""
    try:
        fd = fh.fileno()
        size = os.fstat(fd).st_size
        return size == 0 or os.pread(fd, 1, size - 1) in (b"\n", b"\r")
    except (OSError, ValueError):  # not a real file: nothing to tell
        return True


def _ndjson_rows(fh: TextIO, name: str) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(fh, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceFailed(f"{name}, line {number}: not valid JSON ({exc.msg}).") from exc
        yield _as_object(value, name, f"line {number}")


def _as_object(value: Any, name: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SourceFailed(
            f"{name}, {where}: expected an object (a row), got {type(value).__name__}."
        )
    return value


def iter_json_array(fh: TextIO, name: str) -> Iterator[Any]:
    """The elements of the JSON array in ``fh``, one at a time, without reading it whole."""
    decoder = json.JSONDecoder()
    buffer, position, at_end = "", 0, False

    def fill() -> None:
        nonlocal buffer, position, at_end
        held = len(buffer) - position
        if held > MAX_ELEMENT_BYTES:
            raise SourceFailed(f"{name}: an element is larger than {MAX_ELEMENT_BYTES >> 20} MB.")
        data = fh.read(max(_CHUNK, held))  # double the read-ahead while an element is cut
        at_end = not data
        buffer, position = buffer[position:] + data, 0

    def next_char() -> str:
        nonlocal position
        while True:
            position = _WHITESPACE.match(buffer, position).end()  # type: ignore[union-attr]
            if position < len(buffer):
                return buffer[position]
            if at_end:
                return ""
            fill()

    if next_char() != "[":
        begins = buffer[position : position + 40]
        raise SourceFailed(
            f"{name} is not the JSON array of rows Cargo should have sent: it begins "
            f"{begins!r}. Nothing was written. Export again; if it persists, the download "
            "service is failing."
        )
    position += 1
    if next_char() == "]":
        return
    while True:
        while True:
            try:
                value, end = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError as exc:
                if at_end and not buffer.rstrip().endswith("]"):  # a whole array ends so
                    raise SourceFailed(
                        f"{name} ends in the middle of a row: the download was cut short. "
                        "Nothing was written. Export again."
                    ) from exc
                if at_end:
                    raise SourceFailed(
                        f"{name} is not valid JSON ({exc.msg}); download it again."
                    ) from exc
                fill()
                continue
            if end < len(buffer) or at_end:  # a number cut at the read-ahead's end looks whole
                break
            fill()
        yield value
        position = end
        separator = next_char()
        position += 1
        if separator == "]":
            return
        if separator != ",":
            raise SourceFailed(f"{name} is not valid JSON (the array is cut short or malformed).")
        next_char()
