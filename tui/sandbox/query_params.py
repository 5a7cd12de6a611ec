"""GET parameters read back into the object a client wrote them from, in the official
client's encoding (``tui.api.params`` writes it): ``key[]=a`` appends to a list,
``key[sub][0]=a`` is an indexed list inside an object, ``key[][field]=v`` a list of objects,
``key[sub]=v`` an object. Values stay text, as a server reads them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_SEGMENTS = re.compile(r"\[([^\[\]]*)\]")


class BadParameters(ValueError):
    """Parameters no object encodes to (``a=1&a[b]=2``, an index with a hole before it)."""


def _path(key: str) -> list[str]:
    name, bracket, rest = key.partition("[")
    if not bracket:
        return [key]
    tail = "[" + rest
    segments = _SEGMENTS.findall(tail)
    if "".join(f"[{s}]" for s in segments) != tail:
        return [key]  # brackets that are not a path: a plain name
    return [name, *segments]


def _new(segment: str) -> list[Any] | dict[str, Any]:
    return [] if segment == "" or segment.isdigit() else {}


def _put(container: Any, path: list[str], value: str, key: str) -> None:
    head, rest = path[0], path[1:]
    if isinstance(container, dict):
        if not rest:
            if head in container:
                raise BadParameters(f"{key} is given twice")
            container[head] = value
            return
        child = container.setdefault(head, _new(rest[0]))
        _put(child, rest, value, key)
        return
    if not isinstance(container, list) or not (head == "" or head.isdigit()):
        raise BadParameters(f"{key} mixes a list and an object")
    if head == "":
        if not rest:
            container.append(value)
            return
        # key[][field]: a list of objects, a new one each time a field comes again
        last = container[-1] if container and isinstance(container[-1], dict) else None
        if last is None or (len(rest) == 1 and rest[0] in last):
            last = {}
            container.append(last)
        _put(last, rest, value, key)
        return
    index = int(head)
    if index > len(container):
        raise BadParameters(f"{key} skips an index")
    if index == len(container):
        container.append(value if not rest else _new(rest[0]))
        if not rest:
            return
    elif not rest:
        raise BadParameters(f"{key} is given twice")
    _put(container[index], rest, value, key)


def decode_params(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The object ``pairs`` encode (raises :class:`BadParameters` if none does)."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        _put(found, _path(key), value, key)
    return found
