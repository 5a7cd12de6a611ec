"""How one value becomes text: JSON for nested values, cells for CSV/TSV, UTF-8 bytes.

The rules every writer shares (and the readers in the tests undo):

- a nested value (an object such as a run's ``runContext``, or an array) is compact JSON text;
- in CSV/TSV a null is an empty *unquoted* cell and a string is always quoted, so ``""`` (the
  empty string) and a null stay apart (PostgreSQL's ``COPY ... CSV`` convention, which Arrow,
  DuckDB and PostgreSQL read back as such); numbers are unquoted; booleans are ``true``/``false``;
- dates and times are ISO 8601, UUIDs their canonical text, bytes base64;
- JSON output is strict: NaN and infinities, which JSON cannot hold, are written as null;
- a lone surrogate (not encodable as UTF-8) is written as U+FFFD.

JSON is encoded by orjson (with the stdlib for the few values it refuses); CSV/TSV files by
pyarrow's C++ CSV writer (see :mod:`tui.export.text_writers`): Python's ``csv`` module spends
about 30 ns per character, which a run's JSON context turns into 15 us per row.
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Final

import orjson

_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN: Final = frozenset({str, int, float})
#: Values written as JSON text. ``NESTED_TYPES`` are the exact types for per-value fast paths.
NESTED: Final = (dict, list, tuple, set, frozenset, Mapping)
NESTED_TYPES: Final = frozenset({dict, list, tuple})


def plain(value: Any) -> Any:
    """JSON's fallback for values it does not know (Decimals, UUIDs, bytes, sets...)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if isinstance(value, Mapping):
        return dict(value)
    return str(value)


def _finite(value: Any) -> Any:
    """``value`` with every NaN or infinity replaced by None (strict JSON has neither)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _stdlib_json(value: Any, indent: int | None = None) -> bytes:
    """The slow path, for what orjson refuses: keys that are not strings, integers past 64
    bits, lone surrogates, nesting deeper than 254 levels."""
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(
        _finite(value), ensure_ascii=False, separators=separators, indent=indent, default=plain
    )
    return utf8(text)


def json_bytes(value: Any) -> bytes:
    """Compact, strict JSON as UTF-8 (orjson: ten times the stdlib's speed on a run's context)."""
    try:
        return orjson.dumps(value, default=plain)  # (OPT_NON_STR_KEYS would cost 70% more)
    except TypeError:  # orjson.JSONEncodeError
        return _stdlib_json(value)


def to_json(value: Any) -> str:
    return json_bytes(value).decode("utf-8")


def to_pretty_json(value: Any) -> str:
    """Indented JSON (two spaces), for people: the clipboard and ``pretty_json`` exports."""
    try:
        data = orjson.dumps(value, default=plain, option=orjson.OPT_INDENT_2)
    except TypeError:
        data = _stdlib_json(value, indent=2)
    return data.decode("utf-8")


def text(value: Any) -> str | None:
    """A value as the text a CSV cell or a Parquet string column holds; None stays None."""
    if value is None or type(value) is str:
        return value
    if type(value) is bool:
        return "true" if value else "false"
    if isinstance(value, NESTED):
        return to_json(value)
    if isinstance(value, int | float | Decimal):
        return str(value)
    return str(plain(value))


def row_cells(rows: list[Mapping[str, Any]], columns: tuple[str, ...]) -> list[list[Any]]:
    """Rows as lists of cells for the ``csv`` module (the clipboard's small payloads)."""
    out = []
    for row in rows:
        cells = [row.get(c) for c in columns]
        for i, value in enumerate(cells):
            if value is not None and type(value) not in _PLAIN:
                cells[i] = text(value)
        out.append(cells)
    return out


def utf8(text: str) -> bytes:
    """``text`` as UTF-8, a lone surrogate (which UTF-8 cannot hold) as U+FFFD."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def clean_text(text: str) -> str:
    """``text`` with any lone surrogate replaced by U+FFFD (for writers that take str)."""
    return _SURROGATE.sub("\ufffd", text)
