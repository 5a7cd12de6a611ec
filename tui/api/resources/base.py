"""What every resource namespace holds, and how it builds a request."""

from __future__ import annotations

from typing import Any, TypeVar

import pydantic

from tui.api import errors
from tui.api.models.requests import Request
from tui.api.transport import Transport

R = TypeVar("R", bound=Request)


class Resource:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport


def request(model: type[R], endpoint: str, **fields: Any) -> dict[str, Any]:
    """The wire JSON of ``model`` made of ``fields`` (``None``: not sent), or, when the types
    would not allow it, a :class:`RequestError` naming the field, before anything is sent."""
    try:
        return model(**{k: v for k, v in fields.items() if v is not None}).to_wire()
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(body)"
        raise errors.RequestError(
            f"not sent: {field} {first['msg'].lower()}", endpoint=endpoint, detail=str(exc)
        ) from None
