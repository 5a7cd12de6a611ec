"""Writers for CSV, TSV, JSON, NDJSON and Parquet; atomic files; streaming (no Textual here).

The public surface, for the export dialog, the CLI and the screens:

- :func:`write_rows` / :func:`write_rows_async`: batches of rows (lists of mappings, or Arrow
  batches or tables) into one file, whole or not at all;
- :func:`merge_files`: downloaded CSV / JSON / NDJSON files into one export;
- :func:`clipboard_tsv`, :func:`clipboard_json`, :func:`clipboard_value`: what ``y``/``Y`` copy,
  and whether it fits OSC 52;
- :func:`check_typed_destination`, :func:`complete_path`: the dialog's path field;
- the sources (:class:`RunsSource`, :class:`NodeOutputsSource`, :class:`BatchOutputSource`,
  :class:`SegmentSource`, :class:`QueryResultSource`, :class:`RowsSource`): what to export
  and how to get it, run by :meth:`ExportSource.run`, reporting :class:`Step`\\s that a
  :class:`Meter` turns into a rate and a time left.

pyarrow is imported only when a Parquet export starts.
"""

from tui.export.async_engine import write_rows_async
from tui.export.cargo_sources import (
    MAX_OUTPUT_RUNS,
    BatchOutputSource,
    NodeOutputsSource,
    QueryResultSource,
    RowsSource,
    RunsSource,
    SegmentSource,
)
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
from tui.export.jobs import ExportSource, Job, failure_message, slug
from tui.export.merge import merge_files
from tui.export.options import ExportOptions, ExportResult, Format, Provenance
from tui.export.progress import Meter, Report, Step, describe_result, human_bytes

__all__ = [
    "MAX_OUTPUT_RUNS",
    "OSC52_LIMIT_BYTES",
    "BatchOutputSource",
    "CancelFlag",
    "ClipboardPayload",
    "DestinationCheck",
    "DestinationProblem",
    "ExportCancelled",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "ExportSource",
    "Format",
    "Job",
    "Meter",
    "NodeOutputsSource",
    "ProgressCallback",
    "Provenance",
    "QueryResultSource",
    "Report",
    "RowsSource",
    "RunsSource",
    "SegmentSource",
    "SourceFailed",
    "Step",
    "WriteFailed",
    "check_typed_destination",
    "clipboard_json",
    "clipboard_tsv",
    "clipboard_value",
    "complete_path",
    "describe_result",
    "failure_message",
    "human_bytes",
    "merge_files",
    "osc52_size",
    "resolve_typed",
    "sidecar_path",
    "slug",
    "write_rows",
    "write_rows_async",
]
