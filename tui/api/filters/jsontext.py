"""JSON text with positions: where each key and value sits, for marking problems in an editor.

``json.loads`` decides whether the text is JSON (and why not); a small scanner then walks the
same text to record the span of every key and value by path.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from typing import Any

#: A path into JSON: object keys and list indexes, from the root.
Path = tuple[str | int, ...]

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = ("true", "false", "null")


@dataclass(frozen=True)
class Node:
    """Where one value sits: its span, and its key's span when it is an object member."""

    start: int
    end: int
    key_start: int | None = None
    key_end: int | None = None


@dataclass(frozen=True)
class DuplicateKey:
    """An object member whose key appears again later in the same object (the last one wins)."""

    path: Path
    key_start: int
    key_end: int


@dataclass
class ParsedText:
    """Parsed JSON with the position of every key and value."""

    text: str
    value: Any
    nodes: dict[Path, Node] = field(default_factory=dict)
    duplicates: list[DuplicateKey] = field(default_factory=list)

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        return line_column(self.text, offset)

    def children(self, path: Path) -> list[Path]:
        """The paths directly under ``path``, in text order."""
        size = len(path)
        found = [p for p in self.nodes if len(p) == size + 1 and p[:size] == path]
        return sorted(found, key=lambda p: self.nodes[p].start)


@dataclass(frozen=True)
class JsonSyntaxError:
    """Why the text is not JSON, and where."""

    reason: str
    offset: int
    line: int
    column: int


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse(text: str) -> ParsedText | JsonSyntaxError:
    """Parse ``text``; on failure say why and where, never raise."""
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        return JsonSyntaxError(_reason(text, error), error.pos, error.lineno, error.colno)
    except ValueError as error:  # NaN / Infinity
        offset = _constant_offset(text)
        line, column = line_column(text, offset)
        return JsonSyntaxError(f"{error}: write a number or null", offset, line, column)
    except RecursionError:
        return JsonSyntaxError("nested too deeply to read", 0, 1, 1)
    parsed = ParsedText(text, value)
    try:
        _Scanner(parsed).scan()
    except (RecursionError, IndexError, ValueError):
        # Too deep to walk (or a JSON form the scanner does not know): mark the whole text.
        parsed.nodes = {(): Node(0, len(text))}
        parsed.duplicates = []
    return parsed


def _constant_offset(text: str) -> int:
    found = re.search(r"-?(?:NaN|Infinity)", text)
    return found.start() if found else 0


def _reason(text: str, error: json.JSONDecodeError) -> str:
    """The decoder's reason, with a hint for the mistakes people make most."""
    rest = text[error.pos :]
    before = text[: error.pos].rstrip()
    if not text.strip():
        return 'the text is empty: a filter starts as {"conjonction": "and", "groups": []}'
    if rest.startswith("'"):
        return f"{error.msg}: JSON strings use double quotes"
    for python, js in (("True", "true"), ("False", "false"), ("None", "null")):
        if rest.startswith(python):
            return f"{error.msg}: write {js}, not {python}"
    if rest.startswith(("//", "/*", "#")):
        return f"{error.msg}: JSON has no comments"
    if before.endswith(",") and rest.lstrip().startswith(("}", "]")):
        return f"trailing comma: remove the comma before {rest.lstrip()[0]}"
    return error.msg


class _Scanner:
    """Walks text already known to be JSON, recording spans (duplicate keys: last wins)."""

    def __init__(self, parsed: ParsedText) -> None:
        self.parsed = parsed
        self.text = parsed.text

    def scan(self) -> None:
        self._value(self._skip(0), (), None)

    def _skip(self, index: int) -> int:
        match = _WS.match(self.text, index)
        return match.end() if match else index

    def _value(self, index: int, path: Path, key: tuple[int, int] | None) -> int:
        char = self.text[index]
        if char == "{":
            end = self._object(index, path)
        elif char == "[":
            end = self._array(index, path)
        elif char == '"':
            end = _scanstring(self.text, index + 1)[1]
        else:
            end = self._scalar(index)
        key_start, key_end = key if key else (None, None)
        self.parsed.nodes[path] = Node(index, end, key_start, key_end)
        return end

    def _scalar(self, index: int) -> int:
        for literal in _LITERALS:
            if self.text.startswith(literal, index):
                return index + len(literal)
        match = _NUMBER.match(self.text, index)
        return match.end() if match else index + 1

    def _object(self, index: int, path: Path) -> int:
        index = self._skip(index + 1)
        seen: dict[str, tuple[int, int]] = {}
        while self.text[index] != "}":
            key_start = index
            key, key_end = _scanstring(self.text, index + 1)
            if key in seen:
                first = seen[key]
                self.parsed.duplicates.append(DuplicateKey((*path, key), first[0], first[1]))
                self._forget((*path, key))
            seen[key] = (key_start, key_end)
            index = self._skip(self._skip(key_end) + 1)  # past ':'
            index = self._skip(self._value(index, (*path, key), (key_start, key_end)))
            if self.text[index] == ",":
                index = self._skip(index + 1)
        return index + 1

    def _forget(self, path: Path) -> None:
        size = len(path)
        for stale in [p for p in self.parsed.nodes if p[:size] == path]:
            del self.parsed.nodes[stale]

    def _array(self, index: int, path: Path) -> int:
        index = self._skip(index + 1)
        position = 0
        while self.text[index] != "]":
            index = self._skip(self._value(index, (*path, position), None))
            position += 1
            if self.text[index] == ",":
                index = self._skip(index + 1)
        return index + 1


def _scanstring(text: str, index: int) -> tuple[str, int]:
    """The JSON string whose body starts at ``index`` (after the quote), and its end."""
    value, end = json.decoder.scanstring(text, index)  # type: ignore[attr-defined]
    return str(value), int(end)
