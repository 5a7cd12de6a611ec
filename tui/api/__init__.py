"""The async Cargo API client (no Textual here).

Names load on first use, so ``tui.api.secret`` and friends stay cheap to import.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

# httpx imports its command-line program (click, pygments, rich.syntax: ~30 ms, more than the
# rest of httpx) whenever click is installed; the client never runs it. httpx falls back to a
# stub ``httpx.main`` when that import fails, which this makes it do.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

if TYPE_CHECKING:
    from tui.api.client import CargoClient
    from tui.api.defaults import DEFAULT_BASE_URL
    from tui.api.errors import CargoError
    from tui.api.secret import Secret
    from tui.api.transport import RetryPolicy

_WHERE = {
    "CargoClient": "tui.api.client",
    "CargoError": "tui.api.errors",
    "Secret": "tui.api.secret",
    "DEFAULT_BASE_URL": "tui.api.defaults",
    "RetryPolicy": "tui.api.transport",
}

__all__ = ["DEFAULT_BASE_URL", "CargoClient", "CargoError", "RetryPolicy", "Secret"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'tui.api' has no attribute {name!r}")
