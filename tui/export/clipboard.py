"""What ``y``/``Y`` put on the clipboard: selected rows as TSV or JSON text, and whether that
text fits in one OSC 52 sequence (the escape that reaches the local clipboard over SSH).

Terminals cap OSC 52 payloads (xterm and tmux at around 100 kB, some lower); past the cap the
copy silently fails, so a payload that does not fit is offered as a file export instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from tui.export.cells import to_pretty_json, utf8
from tui.export.text_writers import delimited_text

#: The largest OSC 52 payload we send, in bytes *after* base64 encoding.
OSC52_LIMIT_BYTES = 75_000


def osc52_size(text: str) -> int:
    """Bytes ``text`` takes in an OSC 52 sequence: its UTF-8, base64-encoded."""
    return 4 * ((len(utf8(text)) + 2) // 3)


@dataclass(frozen=True)
class ClipboardPayload:
    text: str
    kind: Literal["tsv", "json"]
    rows: int

    @property
    def encoded_size(self) -> int:
        return osc52_size(self.text)

    @property
    def fits(self) -> bool:
        """Whether one OSC 52 sequence can carry it; if not, offer the export dialog."""
        return self.encoded_size <= OSC52_LIMIT_BYTES


def clipboard_tsv(
    columns: Sequence[str], rows: Sequence[Mapping[str, Any]], *, header: bool = True
) -> ClipboardPayload:
    """Rows as tab-separated text, as a spreadsheet copies them: quoted only where a cell holds
    a tab, a quote or a line break; nested values as JSON; nulls empty."""
    text = delimited_text(columns, list(rows), delimiter="\t", header=header)
    return ClipboardPayload(text, "tsv", len(rows))


def clipboard_json(
    columns: Sequence[str] | None, rows: Sequence[Mapping[str, Any]]
) -> ClipboardPayload:
    """Rows as indented JSON: one object for one row, else an array; ``columns`` picks and
    orders the keys (None keeps each row's own)."""
    objects = [dict(r) if columns is None else {c: r.get(c) for c in columns} for r in rows]
    value: Any = objects[0] if len(objects) == 1 else objects
    return ClipboardPayload(to_pretty_json(value), "json", len(rows))


def clipboard_value(value: Any) -> ClipboardPayload:
    """Any JSON-able value (a node's output, a run's ``runContext``) as indented JSON."""
    return ClipboardPayload(to_pretty_json(value), "json", 1)
