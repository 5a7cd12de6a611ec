"""Field types for what the vendor's types declare loosely.

``@cargo-ai/types`` types every count as a JSON ``number`` and a release's version as
``string | null``; these read them as a person means them, without rejecting an answer the
types allow.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import BeforeValidator


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
#: A release's version: free text (``"1.0.0"``, ``"7"``), ``None`` for a draft.
Version = Annotated[str | None, BeforeValidator(_text)]


def version_label(version: str | None) -> str:
    """How a version reads on screen: ``v7``, ``v1.0.0``, ``beta`` or ``unversioned``."""
    text = (version or "").strip()
    if not text:
        return "unversioned"
    return f"v{text}" if text[0].isdigit() else text
