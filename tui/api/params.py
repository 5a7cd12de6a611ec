"""GET parameters, encoded byte for byte as the official client (``@cargo-ai/api``
``fetcher/params``, itself Axios' default serializer) encodes them:

- ``None`` values are left out, at any depth;
- a top-level array takes empty brackets: ``statuses[]=error&statuses[]=success``, and an
  object inside it its fields: ``sort[][columnSlug]=name``;
- an array inside an object is indexed: ``filter[statuses][0]=error``;
- objects nest as bracket paths: ``filter[batchUuid]=b1``;
- each key and value goes through ``encodeURIComponent``, then ``:``, ``$`` and ``,`` are left
  literal and a space becomes ``+`` (brackets stay ``%5B``/``%5D``).

``tests/contract/test_params.py`` holds this to the official encoder's own output.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

from tui.api.moments import iso_moment

#: What ``encodeURIComponent`` leaves as it is, beyond letters and digits.
_URI_COMPONENT_SAFE = "-_.!~*'()"
_LITERAL = {"%3A": ":", "%24": "$", "%2C": ",", "%20": "+"}


def _text(value: Any) -> str:
    """A scalar as JavaScript's ``String()`` writes it (dates as the API's ISO moments)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    if isinstance(value, datetime):
        return iso_moment(value)
    return str(value)


def _encode(text: str) -> str:
    encoded = quote(text, safe=_URI_COMPONENT_SAFE)
    for escaped, literal in _LITERAL.items():
        encoded = encoded.replace(escaped, literal)
    return encoded


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


def _nested(path: str, value: Any, pairs: list[tuple[str, str]]) -> None:
    if value is None:
        return
    if _is_list(value):
        for index, item in enumerate(value):
            _nested(f"{path}[{index}]", item, pairs)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _nested(f"{path}[{key}]", item, pairs)
    else:
        pairs.append((path, _text(value)))


def param_pairs(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (key, value) pairs of ``params``, in order, before percent-encoding."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None:
            continue
        if _is_list(value):
            for item in value:
                if isinstance(item, Mapping):
                    _nested(f"{key}[]", item, pairs)
                elif item is not None:
                    pairs.append((f"{key}[]", _text(item)))
        elif isinstance(value, Mapping):
            for nested_key, nested in value.items():
                _nested(f"{key}[{nested_key}]", nested, pairs)
        else:
            pairs.append((key, _text(value)))
    return pairs


def query_string(params: Mapping[str, Any] | None) -> str:
    """``?a=1&b=2`` as the official client writes it, or ``""`` when nothing is sent."""
    pairs = param_pairs(params or {})
    return "?" + "&".join(f"{_encode(k)}={_encode(v)}" for k, v in pairs) if pairs else ""
