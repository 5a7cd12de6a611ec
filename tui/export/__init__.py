"""Writers for CSV, TSV, JSON, NDJSON and Parquet; atomic files; streaming (no Textual here).

The public surface, for the export dialog, the CLI and the screens:

- :func:`write_rows` / :func:`write_rows_async`: batches of rows (lists of mappings, or Arrow
  batches or tables) into one file, whole or not at all;
- :func:`merge_files`: downloaded CSV / JSON / NDJSON files into one export;
- :func:`clipboard_tsv`, :func:`clipboard_json`, :func:`clipboard_value`: what ``y``/``Y`` copy,
  and whether it fits OSC 52;
- :func:`check_typed_destination`, :func:`complete_path`: the dialog's path field.

pyarrow is imported only when a Parquet export starts.
"""

from tui.export.async_engine import write_rows_async
from tui.export.clipboard import (
    OSC52_LIMIT_BYTES,
    ClipboardPayload,
    clipboard_json,
    clipboard_tsv,
    clipboard_value,
    osc52_size,
)
from tui.export.destination import (
    DestinationCheck,
    check_typed_destination,
    complete_path,
    resolve_typed,
)
from tui.export.engine import CancelFlag, ProgressCallback, sidecar_path, write_rows
from tui.export.errors import (
    DestinationProblem,
    ExportCancelled,
    ExportError,
    SourceFailed,
    WriteFailed,
)
from tui.export.merge import merge_files
from tui.export.options import ExportOptions, ExportResult, Format, Provenance

__all__ = [
    "OSC52_LIMIT_BYTES",
    "CancelFlag",
    "ClipboardPayload",
    "DestinationCheck",
    "DestinationProblem",
    "ExportCancelled",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "Format",
    "ProgressCallback",
    "Provenance",
    "SourceFailed",
    "WriteFailed",
    "check_typed_destination",
    "clipboard_json",
    "clipboard_tsv",
    "clipboard_value",
    "complete_path",
    "merge_files",
    "osc52_size",
    "resolve_typed",
    "sidecar_path",
    "write_rows",
    "write_rows_async",
]
