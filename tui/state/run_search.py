"""Search inside a run: the keys and values of its nodes' outputs (``runContext``), and a path
filter in the jq style (``.clearbit_enrich.body.error``, ``.enrich.tech[0]``, ``.enrich.tech[]``).

What the user types is a path when it starts with ``.``, text otherwise; text in double quotes
is text whatever it starts with (``".com"``). Text is found in keys and in scalar values as
JSON shows them (``422``, ``true``, ``null``), ignoring case. Nothing here knows of Textual.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

Key = str | int
#: Where a value sits in the run's context: the node's slug first, then keys and indexes.
Path = tuple[Key, ...]

#: Matches counted before the search stops (and says so): a count past this helps no one.
MAX_MATCHES: Final = 10_000
#: Values looked at between two looks at ``stop`` (a newer search replaces this one).
STOP_EVERY: Final = 4_096
#: A key that jq writes bare (``.body``); any other is quoted (``."retry-after"``).
BARE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
#: A key typed bare: looser than jq, so that ``.hubspot-upsert.id`` means what it says.
TYPED_NAME = re.compile(r"[\w$-]+")


@dataclass(frozen=True)
class TextQuery:
    """Find ``text`` in keys and values."""

    text: str


@dataclass(frozen=True)
class PathQuery:
    """Narrow to the values at a jq-style path (parsed by :func:`parse_path`)."""

    text: str


def parse_query(typed: str) -> TextQuery | PathQuery | None:
    """What ``typed`` asks for: None when it asks for nothing (empty, or blanks)."""
    text = typed.strip()
    if not text:
        return None
    if text.startswith('"'):
        inner = text[1:-1] if len(text) > 1 and text.endswith('"') else text[1:]
        return TextQuery(inner) if inner else None
    if text.startswith("."):
        return PathQuery(text)
    return TextQuery(text)


# -- finding text ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A value whose key (``in_key``), or whose scalar value (``in_value``), holds the text."""

    path: Path
    in_key: bool
    in_value: bool


@dataclass(frozen=True)
class Found:
    needle: str
    matches: tuple[Match, ...]
    #: False when the search stopped at ``MAX_MATCHES``: there are more.
    complete: bool = True


def scalar_text(value: Any) -> str | None:
    """A scalar as JSON writes it (a string as it is); None for an object or an array."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return None
    if value is None or isinstance(value, bool | int | float):
        return json.dumps(value)
    return str(value)


class Stopped(Exception):
    """``stop()`` said a newer search replaced this one."""


def find(
    context: Mapping[str, Any],
    needle: str,
    *,
    limit: int = MAX_MATCHES,
    stop: Callable[[], bool] | None = None,
) -> Found:
    """Every value of ``context`` (node slug -> output) whose key or scalar value holds
    ``needle``, ignoring case, in the order the outputs are written; raises :class:`Stopped`
    when ``stop()`` turns true."""
    folded = needle.casefold()
    matches: list[Match] = []
    if not folded:
        return Found(needle, ())
    for seen, (link, value) in enumerate(_walk(context)):
        if stop is not None and seen % STOP_EVERY == 0 and stop():
            raise Stopped
        key = link[1]
        in_key = isinstance(key, str) and folded in key.casefold()
        text = scalar_text(value)
        in_value = text is not None and folded in text.casefold()
        if in_key or in_value:
            if len(matches) == limit:
                return Found(needle, tuple(matches), complete=False)
            matches.append(Match(_path(link), in_key, in_value))
    return Found(needle, tuple(matches))


#: A path as the walk keeps it: (the parent's link, this key); built up only for a match, so
#: a deep value costs its depth once, not at every level below it.
Link = tuple[Any, Key]


def _walk(context: Mapping[str, Any]) -> Iterator[tuple[Link, Any]]:
    """Each value below ``context`` before its children, without recursion (any depth)."""
    stack: list[Iterator[tuple[Link, Any]]] = [(((None, k), v) for k, v in context.items())]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        yield item
        link, value = item
        if isinstance(value, dict | list) and value:
            stack.append(_children(link, value))


def _children(link: Link, value: dict[str, Any] | list[Any]) -> Iterator[tuple[Link, Any]]:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    return (((link, key), child) for key, child in items)


def _path(link: Link) -> Path:
    keys: list[Key] = []
    node: Link | None = link
    while node is not None:
        node, key = node
        keys.append(key)
    return tuple(reversed(keys))


def format_path(path: Path) -> str:
    """``("clearbit_enrich", "body", "error")`` as ``.clearbit_enrich.body.error``; a key jq
    cannot write bare is quoted (``."retry-after"``), an index is ``[0]``."""
    parts = []
    for key in path:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        elif BARE.match(key):
            parts.append(f".{key}")
        else:
            parts.append("." + json.dumps(key, ensure_ascii=False))
    return _rooted("".join(parts))


def _rooted(path: str) -> str:
    """jq writes a path that starts with an index ``.[0]``, and the whole value ``.``."""
    return path if path.startswith(".") else f".{path}"


# -- the path filter ---------------------------------------------------------------------------


class Each:
    """``[]``: every item of an array, every value of an object."""

    def __repr__(self) -> str:
        return "[]"


EACH: Final = Each()
Step = str | int | Each


def format_steps(steps: tuple[Step, ...]) -> str:
    """A parsed path written back as jq writes it (``.enrich.tech[]``)."""
    parts = ("[]" if isinstance(s, Each) else format_path((s,)).removeprefix(".") for s in steps)
    return _rooted("".join(p if p.startswith("[") else f".{p}" for p in parts))


class PathError(ValueError):
    """A path that cannot be read: where (``column``, from 1) and why."""

    def __init__(self, column: int, reason: str) -> None:
        super().__init__(f"Not a path, at column {column}: {reason}.")
        self.column = column
        self.reason = reason


class Missing(LookupError):
    """A path that reads well but leads to nothing in this run."""


def parse_path(text: str) -> tuple[Step, ...]:
    """``.a.b[0][]``, ``."odd key"``, ``.["odd key"]``, ``.[-1]``; ``.`` alone is everything."""
    text = text.strip()
    if not text.startswith("."):
        raise PathError(1, "a path starts with '.', as in .clearbit_enrich.body")
    if text == ".":
        return ()
    steps: list[Step] = []
    at = 0
    while at < len(text):
        char = text[at]
        if char == ".":
            at += 1
            if at < len(text) and text[at] == "[":
                continue  # `.[0]`: the bracket is the step
            if at < len(text) and text[at] == '"':
                key, at = _string(text, at)
                steps.append(key)
                continue
            name = TYPED_NAME.match(text, at)
            if name is None:
                found = f"found {text[at]!r}" if at < len(text) else "the path ends there"
                raise PathError(at + 1, f"a key name must follow '.' ({found})")
            steps.append(name.group())
            at = name.end()
        elif char == "[":
            step, at = _bracket(text, at)
            steps.append(step)
        else:
            raise PathError(at + 1, f"expected '.' or '[' before {char!r}")
    return tuple(steps)


def _string(text: str, at: int) -> tuple[str, int]:
    """The JSON string starting at ``text[at]`` (a quote) and where it ends."""
    try:
        value, end = json.JSONDecoder().raw_decode(text, at)
    except json.JSONDecodeError:
        raise PathError(at + 1, "this quoted key has no closing '\"'") from None
    assert isinstance(value, str)
    return value, end


INDEX = re.compile(r"\[\s*(-?\d+)\s*\]")


def _bracket(text: str, at: int) -> tuple[Step, int]:
    rest = text[at + 1 :].lstrip()
    if rest.startswith("]"):
        return EACH, text.index("]", at) + 1
    if rest.startswith('"'):
        quote = text.index('"', at)
        key, end = _string(text, quote)
        close = re.compile(r"\s*\]").match(text, end)
        if close is None:
            raise PathError(end + 1, "expected ']' after the key")
        return key, close.end()
    index = INDEX.match(text, at)
    if index is not None:
        return int(index.group(1)), index.end()
    if ":" in text[at:].split("]", 1)[0]:
        raise PathError(at + 1, "slices ([1:3]) are not supported; use [1] or []")
    if "]" not in text[at:]:
        raise PathError(at + 1, "this '[' has no closing ']'")
    raise PathError(at + 2, 'inside [ ] go an index ([0], [-1]), a quoted key (["a b"]) or nothing')


def select(
    context: Mapping[str, Any], steps: tuple[Step, ...], *, top: str = "node"
) -> list[tuple[Path, Any]]:
    """The values at ``steps`` in ``context`` with their paths; several when ``[]`` fans out
    (items that lack the rest are left out). Raises :class:`Missing` saying where the path
    leads nowhere. ``top``: what the keys of ``context`` are, in words (node slugs)."""
    current: list[tuple[Path, Any]] = [((), context)]
    for step in steps:
        reached: list[tuple[Path, Any]] = []
        for path, value in current:
            reached.extend(_step(path, value, step))
        if not reached:
            raise Missing(_why(current[0], step, steps, top))
        current = reached
    return current


def _step(path: Path, value: Any, step: Step) -> Iterator[tuple[Path, Any]]:
    if isinstance(step, Each):
        if isinstance(value, Mapping):
            yield from (((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            yield from (((*path, i), v) for i, v in enumerate(value))
    elif isinstance(step, str):
        if isinstance(value, Mapping) and step in value:
            yield (*path, step), value[step]
    elif isinstance(value, list) and -len(value) <= step < len(value):
        index = step % len(value)
        yield (*path, index), value[index]


def kind_of(value: Any) -> str:
    """A value's JSON type in words."""
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def _names(keys: list[str], most: int = 8) -> str:
    shown = ", ".join(keys[:most])
    return shown + (f" and {len(keys) - most} more" if len(keys) > most else "")


def _why(at: tuple[Path, Any], step: Step, steps: tuple[Step, ...], top: str) -> str:
    """Why ``step`` led nowhere from the value ``at`` (the first of those reached)."""
    path, value = at
    whole = format_steps(steps)
    where = format_path(path) if path else "this run"
    if not path and isinstance(step, str):
        nodes = [str(k) for k in value]
        having = f"its {top}s: {_names(nodes)}" if nodes else f"it has no {top}"
        return f"Nothing at {whole}: this run has no {top} {step!r} ({having})"
    if isinstance(step, Each):
        if isinstance(value, Mapping | list):
            return f"Nothing at {whole}: {where} is empty"
        return f"Nothing at {whole}: {where} is {kind_of(value)}, not an array or an object"
    if isinstance(step, str):
        if isinstance(value, Mapping):
            keys = [str(k) for k in value]
            having = f"its keys: {_names(keys)}" if keys else "it is empty"
            return f"Nothing at {whole}: {where} has no key {step!r} ({having})"
        return f"Nothing at {whole}: {where} is {kind_of(value)}, not an object"
    if isinstance(value, list):
        size = f"{len(value)} items (0 to {len(value) - 1})" if value else "no item"
        return f"Nothing at {whole}: {where} has {size}"
    return f"Nothing at {whole}: {where} is {kind_of(value)}, not an array"
