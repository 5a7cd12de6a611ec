"""Rows as mappings into Arrow arrays, one column at a time (for the CSV and Parquet writers).

The caller passes the ``pyarrow`` module it imported (this module never imports it). A column
is one of three kinds:

- ``TEXT``: strings (and nulls) only;
- ``NATIVE``: what Arrow infers from the values (numbers, booleans, timestamps...);
- ``JSON``: anything holding an object or an array, or values of mixed kinds.

How a ``JSON`` column's values are written differs by format (:func:`mixed_text_array` for
CSV, :func:`json_array` for Parquet). Everything per value happens in C (``itemgetter``,
``zip``, orjson, Arrow's converters); a Python loop per cell would cost more than the target
of 150,000 rows a second allows.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate
from operator import itemgetter
from typing import Any, Final

from orjson import dumps

from tui.export.cells import NESTED_TYPES, clean_text, json_bytes, text

TEXT: Final = "text"
NATIVE: Final = "native"
JSON: Final = "json"
#: The largest whole number a double holds exactly.
_EXACT: Final = 2**53
#: Offsets of a string array are 32-bit.
_MAX_OFFSET: Final = 2**31 - 1


def extract_columns(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str]
) -> list[Sequence[Any]]:
    """The values of each column, in ``columns`` order; a missing key is None."""
    if not rows or not columns:
        return [[] for _ in columns]
    try:  # a list per column, filled in C, and no tuple per row for the collector to track
        return [list(map(itemgetter(name), rows)) for name in columns]
    except KeyError:  # some row lacks a column
        return [[row.get(name) for row in rows] for name in columns]


def infer(pa: Any, values: Sequence[Any], *, cleaned: bool = False) -> tuple[str, Any, Any]:
    """The kind of a column, its Arrow type, and (unless ``JSON``) the array of ``values``."""
    try:
        array = pa.array(values)
    except UnicodeEncodeError:  # text with a lone surrogate: infer again with it replaced
        if cleaned:  # inside an object: JSON, whose encoder replaces it
            return JSON, pa.string(), None
        return infer(pa, [clean_text(v) if type(v) is str else v for v in values], cleaned=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, ValueError, TypeError):
        return JSON, pa.string(), None  # mixed kinds, or objects Arrow cannot hold
    type_ = array.type
    if pa.types.is_null(type_) or pa.types.is_string(type_) or pa.types.is_large_string(type_):
        return TEXT, pa.string(), array.cast(pa.string())
    if pa.types.is_nested(type_) or pa.types.is_dictionary(type_):
        return JSON, pa.string(), None  # objects or arrays: JSON text, never structs
    if not faithful(pa, array, values):
        return JSON, pa.string(), None
    return NATIVE, type_, array


def faithful(pa: Any, array: Any, values: Sequence[Any]) -> bool:
    """Whether Arrow's inferred number column holds ``values`` as they were: Arrow reads
    False as 0 among numbers, and rounds whole numbers past 2**53 into a double column."""
    type_ = array.type
    if not (pa.types.is_integer(type_) or pa.types.is_floating(type_)):
        return True
    kinds = set(map(type, values))
    if bool in kinds:
        return False
    if pa.types.is_floating(type_) and int in kinds:
        return not any(type(v) is int and abs(v) > _EXACT for v in values)
    return True


def text_array(pa: Any, values: Sequence[Any]) -> Any:
    """Strings as a string array; a lone surrogate becomes U+FFFD. Arrow errors if not text."""
    try:
        return pa.array(values, type=pa.string())
    except UnicodeEncodeError:
        cleaned = [clean_text(v) if type(v) is str else v for v in values]
        return pa.array(cleaned, type=pa.string())


def text_columns(pa: Any, rows: Sequence[Mapping[str, Any]], names: Sequence[str]) -> Any:
    """The string columns ``names`` of ``rows`` in one pass of Arrow's converter (rows as a
    struct of strings, a missing key a null), or None if a value is not text (a number, a
    lone surrogate) or a row not a dict: the caller then takes each column on its own."""
    if not all(map(dict.__instancecheck__, rows)):
        return None
    try:
        found = pa.array(rows, type=pa.struct([(name, pa.string()) for name in names]))
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeEncodeError, TypeError, ValueError):
        return None
    return found.flatten()


def row_arrays(
    pa: Any,
    rows: Sequence[Mapping[str, Any]],
    names: Sequence[str],
    kinds: Sequence[str | None],
    convert: Callable[[int, Sequence[Any]], Any],
) -> list[Any]:
    """An array per column of ``rows``: the columns whose kind is ``TEXT`` in one pass of
    Arrow's converter (:func:`text_columns`), each other one (or all, when a value is not
    text) from its values by ``convert(index, values)``."""
    arrays: list[Any] = [None] * len(names)
    texts = [i for i, kind in enumerate(kinds) if kind == TEXT]
    if len(texts) > 1:
        found = text_columns(pa, rows, [names[i] for i in texts])
        if found is not None:
            for index, array in zip(texts, found, strict=True):
                arrays[index] = array
    rest = [i for i, array in enumerate(arrays) if array is None]
    for index, values in zip(rest, extract_columns(rows, [names[i] for i in rest]), strict=True):
        arrays[index] = convert(index, values)
    return arrays


def mixed_text_array(pa: Any, values: Sequence[Any]) -> Any:
    """Each value as CSV holds it: text as itself, an object or array as JSON text, other
    scalars as their text (``true``, ``1.5``)."""
    try:  # orjson straight away: what it refuses (a Decimal, a lone surrogate) goes slow
        fast = [dumps(v) if type(v) in NESTED_TYPES else v for v in values]
    except TypeError:
        fast = [json_bytes(v) if type(v) in NESTED_TYPES else v for v in values]
    try:
        return bytes_array(pa, fast)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return text_array(pa, [text(v) for v in values])


def json_array(pa: Any, values: Sequence[Any]) -> Any:
    """Each non-null value as JSON text, strings included (``"a"`` is ``"\\"a\\""``), so that
    every value of a Parquet JSON column decodes back to what it was."""
    try:
        if None in values:
            encoded = [None if v is None else dumps(v) for v in values]
        else:  # the usual column: each value through orjson, the loop in C
            encoded = list(map(dumps, values))
    except TypeError:
        encoded = [None if v is None else json_bytes(v) for v in values]
    return bytes_array(pa, encoded)


def bytes_array(pa: Any, chunks: list[Any]) -> Any:
    """A string array of UTF-8 ``chunks`` (bytes from orjson): built straight from one joined
    buffer and its offsets when every chunk is bytes, skipping a conversion per value."""
    if not all(map(bytes.__instancecheck__, chunks)):  # a null, or text kept as text
        return text_array(pa, chunks)
    data = b"".join(chunks)
    if len(data) >= _MAX_OFFSET:
        return text_array(pa, chunks)
    offsets = array("i", [0])
    offsets.extend(accumulate(map(len, chunks)))
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    return pa.Array.from_buffers(pa.string(), len(chunks), buffers)
