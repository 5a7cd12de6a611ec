"""Encoding of GET parameters as the Cargo API reads them.

Arrays go in bracket form (``statuses[]=error&statuses[]=success``), nested objects as
``filter[key]=value``, booleans as ``true``/``false``, and ``None`` values are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


QueryPair = tuple[str, str | int | float | bool | None]


def encode_params(params: Mapping[str, Any], prefix: str = "") -> list[QueryPair]:
    """Flatten ``params`` into query-string pairs, in the order given."""
    pairs: list[QueryPair] = []
    for key, value in params.items():
        if value is None:
            continue
        name = f"{prefix}[{key}]" if prefix else key
        if isinstance(value, Mapping):
            pairs.extend(encode_params(value, name))
        elif isinstance(value, list | tuple | set | frozenset):
            pairs.extend((f"{name}[]", _scalar(item)) for item in value if item is not None)
        else:
            pairs.append((name, _scalar(value)))
    return pairs
