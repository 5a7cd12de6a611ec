"""What a run of the editor ends with, and what can be read from a result: a cell's whole text.
No Textual here: the panes render these."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

    from tui.api.models.query import QueryResult
    from tui.api.sql import Finding, ServerError


@dataclass(frozen=True)
class Sent:
    """A query on its way: its text, and where it sits in which buffer (to mark errors)."""

    number: int
    sql: str
    #: The editor's id and buffer's name, the buffer text when sent, the query's offset in it.
    editor_id: str
    buffer_name: str
    buffer_text: str
    start: int
    #: What the linter advised, not refused (placed in the buffer): shown with the result.
    findings: tuple[Finding, ...] = ()

    @property
    def fixable(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.fix is not None]


@dataclass
class Ran:
    sent: Sent
    result: QueryResult
    table: pa.Table
    #: What the uuid columns name (``names.Names``), and the table as shown, with them.
    names: Any = None
    shown: pa.Table | None = None


@dataclass
class Failed:
    sent: Sent
    error: ServerError


def cell_text(value: Any) -> str:
    """A cell's whole value: JSON pretty-printed (also JSON held in text), else as it is."""
    if value is None:
        return "NULL"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, indent=2)
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.dumps(json.loads(value), ensure_ascii=False, indent=2)
        except ValueError:
            return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
