"""The base every Cargo model shares: snake_case attributes over camelCase wire names."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class CargoModel(BaseModel):
    """A Cargo entity or answer.

    Unknown fields are kept (``model_extra``) so a newer API loses nothing; optional fields
    accept ``null`` or absence alike.
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="allow",
        ser_json_timedelta="float",
        defer_build=True,
    )

    def to_wire(self) -> dict[str, Any]:
        """The JSON object as the API spells it (camelCase, no unset optionals)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class OpenEnum(StrEnum):
    """A string enum that still accepts a value a future API adds.

    An unknown value becomes a pseudo-member, so ``status == "error"`` comparisons and
    ``str(status)`` keep working, and nothing fails to parse.
    """

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
