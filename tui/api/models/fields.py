"""Field types for what the vendor's types declare loosely.

``@cargo-ai/types`` types every count as a JSON ``number`` and a release's version as
``string | null``; these read them as a person means them, without rejecting an answer the
types allow.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

from tui.api.moments import iso_moment


def _whole(value: Any) -> Any:
    """A count sent as a float (the types allow ``2.0``, even ``2.5``) as the nearest whole."""
    if isinstance(value, float) and not isinstance(value, bool):
        return round(value) if math.isfinite(value) else 0
    return value


def _text(value: Any) -> Any:
    """A version some server sends as a number (``7``) is the text ``"7"``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return value


#: A count: runs, executions, records, steps.
Count = Annotated[int, BeforeValidator(_whole)]
#: A moment the API sent, written back as it writes them (``2026-11-27T15:00:00.025Z``: to the
#: millisecond, ``Z``), not as Python would (``…:00.025000Z``): the mirror prints what Cargo sent.
Timestamp = Annotated[datetime, PlainSerializer(iso_moment, when_used="json")]
#: A release's version: free text (``"1.0.0"``, ``"7"``), ``None`` for a draft.
Version = Annotated[str | None, BeforeValidator(_text)]


def version_label(version: str | None) -> str:
    """How a version reads on screen: ``v7``, ``v1.0.0``, ``beta`` or ``unversioned``."""
    text = (version or "").strip()
    if not text:
        return "unversioned"
    return f"v{text}" if text[0].isdigit() else text
