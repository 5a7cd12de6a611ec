"""Keyword arguments in snake_case become the API's camelCase JSON; ``None`` is not sent,
moments go as the API's ISO strings (``2026-11-27T15:00:00.000Z``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from pydantic.alias_generators import to_camel

from tui.api.moments import iso_moment


def wire_value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, datetime):
        return iso_moment(value)
    if isinstance(value, Mapping):
        return {str(k): wire_value(v) for k, v in value.items() if v is not None}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [wire_value(v) for v in value]
    return value


def wire(args: Mapping[str, Any]) -> dict[str, Any]:
    """``{"workflow_uuid": "x", "limit": None}`` -> ``{"workflowUuid": "x"}``."""
    return {to_camel(key): wire_value(value) for key, value in args.items() if value is not None}
