"""What the validator reports: problems, where they are, and the edits that fix them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tui.api.filters.jsontext import Path

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """A stable name for each kind of problem, for tests and for the editor's styling."""

    INVALID_JSON = "invalid-json"
    DUPLICATE_KEY = "duplicate-key"
    UNKNOWN_KEY = "unknown-key"
    MISSING_KEY = "missing-key"
    WRONG_TYPE = "wrong-type"
    INVALID_VALUE = "invalid-value"
    INVALID_KIND = "invalid-kind"
    INVALID_OPERATOR = "invalid-operator"
    VALUE_SHAPE = "value-shape"
    MISSING_BOUND = "missing-bound"
    REVERSED_BOUNDS = "reversed-bounds"
    UNEXPECTED_VALUE = "unexpected-value"
    EMPTY_VALUES = "empty-values"
    UNKNOWN_COLUMN = "unknown-column"
    KIND_MISMATCH = "kind-mismatch"
    INVALID_DATE = "invalid-date"
    EMPTY_CONDITIONS = "empty-conditions"
    UNKNOWN_NODE = "unknown-node"
    INVALID_LIMIT = "invalid-limit"
    INTERNAL = "internal"


@dataclass(frozen=True)
class RenameKey:
    """Rename the object member at ``path`` (its last element is the old key) to ``new``."""

    path: Path
    new: str


@dataclass(frozen=True)
class SetValue:
    """Set the value at ``path``: replace it, or add the key to its object if it is missing."""

    path: Path
    value: Any


@dataclass(frozen=True)
class Remove:
    """Remove the object member or list item at ``path``."""

    path: Path


Edit = RenameKey | SetValue | Remove


@dataclass(frozen=True, eq=False)
class Fix:
    """A machine-applicable repair: edits applied in order, and a label for the editor."""

    label: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, eq=False)
class Problem:
    """One thing wrong (or suspicious) in a filter.

    ``pointer`` is the path as keys and indexes; ``path`` renders it (``groups[0].operator``).
    When the input was text, ``line``/``column`` and ``end_line``/``end_column`` (1-based, in
    characters) and ``start``/``end`` (0-based character offsets, end excluded) say where: the
    key for a key problem, the value otherwise, the opening brace of the object for a missing
    key. The editor subtracts one for Textual's 0-based ``(row, column)`` locations.
    """

    pointer: Path
    code: Code
    severity: Severity
    message: str
    fix: Fix | None = None
    line: int | None = None
    column: int | None = None
    start: int | None = None
    end: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    on_key: bool = field(default=False, repr=False)

    @property
    def path(self) -> str:
        return format_path(self.pointer)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line is not None else ""
        path = f"{self.path}: " if self.pointer else ""
        return f"{where}{path}{self.message}"


def format_path(pointer: Path) -> str:
    """``("groups", 0, "conditions", 1, "operator")`` as ``groups[0].conditions[1].operator``."""
    out = ""
    for part in pointer:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{quote(part)}]"
    return out


def quote(value: object) -> str:
    """A value as it would appear in JSON, for messages; long values are cut short."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def describe_type(value: object) -> str:
    """The JSON type of a value, in words (``a string``, ``a list``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def one_of(options: Iterable[str], limit: int = 10) -> str:
    """``"a", "b" or "c"`` (the first ``limit``, then ``…``)."""
    quoted = [quote(option) for option in options]
    if len(quoted) > limit:
        return ", ".join(quoted[:limit]) + ", …"
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the errors (what makes the server reject the filter or answer the wrong thing)."""
    return [problem for problem in problems if problem.is_error]
