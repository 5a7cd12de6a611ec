"""Export a segment's records (interim dialog): ask where, download every file the server signs,
and merge them into one file with the export engine (``tui.export``), whole or not at all.

Everything the Segments screen knows of exporting is :func:`export_segment` (the call site hands
it the checked request: the segment's modelUuid, filter, sort and limit) and :func:`report`; the
app's shared export dialog, when there is one, replaces the dialog here without touching the
screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from tui.export import (
    CancelFlag,
    ExportError,
    ExportOptions,
    ExportResult,
    Format,
    check_typed_destination,
    resolve_typed,
    write_rows,
)
from tui.export.merge import union_columns
from tui.export.sources import read_batches, source_format
from widgets.humanize import count

if TYPE_CHECKING:
    from tui.api import CargoClient
    from tui.screens.base import CargoScreen
    from tui.screens.segments.query import SegmentRequest

#: Formats that keep a value's type: the downloaded CSV's cells are typed by the model's columns.
_TYPED = (Format.JSON, Format.NDJSON, Format.PARQUET)


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    format: Format
    overwrite: bool = False


@dataclass(frozen=True)
class Exported:
    result: ExportResult
    files: int


# -- the call site ---------------------------------------------------------------------------


def export_segment(
    screen: CargoScreen,
    request: SegmentRequest,
    *,
    name: str,
    slug: str,
    column_types: Mapping[str, str],
    notes: tuple[str, ...] = (),
) -> None:
    """Ask where to write, then export in a worker of ``screen`` (group ``export``)."""

    def chosen(choice: ExportChoice | None) -> None:
        if choice is None:
            return
        status = screen.query_one("#segments-activity", Static)
        status.display = True

        def progress(message: str) -> None:
            status.update(f"Exporting {name}: {message} · escape cancels")

        work = export_records(screen.cargo.connect, request, choice, column_types, progress)
        screen.run_worker(work, group="export", exclusive=True, exit_on_error=False)

    default = Path.cwd() / f"{slug or 'segment'}.csv"
    screen.app.push_screen(ExportDialog(name, default, notes), chosen)


def report(screen: CargoScreen, done: Exported | None, error: BaseException | None) -> None:
    """Say how the export ended; nothing half-written is ever left behind."""
    screen.query_one("#segments-activity", Static).display = False
    if done is not None:
        files = f", merged from {done.files} files," if done.files > 1 else ""
        rows, path = count(done.result.rows), done.result.path
        screen.notify(f"Exported {rows} records{files} to {path}", timeout=8)
    elif isinstance(error, ExportError):
        screen.notify(f"{error} Nothing was written.", title="Export failed", severity="error")
    elif error is None:
        screen.notify("Export cancelled; nothing was written.", severity="warning")
    else:
        screen.show_error(error, title="Export failed; nothing was written")


# -- the work --------------------------------------------------------------------------------


async def export_records(
    connect: Callable[[], Any],
    request: SegmentRequest,
    choice: ExportChoice,
    column_types: Mapping[str, str],
    progress: Callable[[str], None],
) -> Exported:
    """Download the records' files, then merge them into ``choice.path``."""
    client: CargoClient = await connect()
    progress("asking for the files…")
    urls = await client.segmentation.segment.download(
        model_uuid=request.model_uuid, filter=request.filter, sort=request.sort, limit=request.limit
    )
    with tempfile.TemporaryDirectory(prefix="cargo-tui-segment-") as folder:
        parts = []
        for index, url in enumerate(urls):
            progress(f"downloading file {index + 1} of {len(urls)}…")
            done = await client.download_to(url, Path(folder) / f"part-{index:04d}")
            parts.append(done.path)
        progress("merging…")
        cancel = threading.Event()
        work = asyncio.ensure_future(asyncio.to_thread(merge, parts, choice, column_types, cancel))
        try:
            result = await asyncio.shield(work)
        except asyncio.CancelledError:
            cancel.set()  # the writer stops at its next batch and removes its temporary file
            with contextlib.suppress(Exception):
                await work
            raise
    return Exported(result, len(urls))


def merge(
    parts: Sequence[Path],
    choice: ExportChoice,
    column_types: Mapping[str, str],
    cancel: CancelFlag | None = None,
) -> ExportResult:
    """The downloaded files as one export (blocking: run it in a thread)."""
    kinds = [source_format(part) for part in parts]
    columns = union_columns(list(parts), kinds, cancel)
    typed = choice.format in _TYPED

    def batches() -> Iterator[list[dict[str, Any]]]:
        for part, kind in zip(parts, kinds, strict=True):
            for batch in read_batches(part, kind):
                yield [_typed_row(row, column_types) for row in batch] if typed else batch

    options = ExportOptions(choice.format, overwrite=choice.overwrite)
    return write_rows(choice.path, columns, batches(), options, cancel=cancel)


def _typed_row(row: dict[str, Any], types: Mapping[str, str]) -> dict[str, Any]:
    return {key: _typed(value, types.get(key)) for key, value in row.items()}


def _typed(value: Any, kind: str | None) -> Any:
    """A CSV cell as the model's column type says it is (JSON values are kept as they are)."""
    if not isinstance(value, str):
        return value
    try:
        if kind == "number":
            number = float(value)
            return int(number) if number.is_integer() and "." not in value else number
        if kind == "boolean" and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if kind in ("object", "array", "any"):
            return json.loads(value)
    except ValueError:
        return value
    return value


# -- the dialog ------------------------------------------------------------------------------


class Destination(Validator):
    """The path must name a file that can be written; an existing one only once allowed."""

    def __init__(self, overwrite: Callable[[], bool]) -> None:
        super().__init__()
        self.overwrite = overwrite

    def validate(self, value: str) -> ValidationResult:
        checked = check_typed_destination(value)
        if checked.ok or (checked.needs_confirmation and self.overwrite()):
            return self.success()
        if checked.needs_confirmation:
            return self.failure(f"{checked.message} (tick the box below to replace it)")
        return self.failure(checked.message)


class ExportDialog(ModalScreen[ExportChoice | None]):
    BINDINGS = [Binding("escape", "dismiss_dialog", "Cancel", id="export-cancel")]

    def __init__(self, name: str, default: Path, notes: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.segment_name = name
        self.default = default
        self.notes = notes
        #: The "replace the file" box, kept here: the path is validated before the box exists.
        self.overwrite = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = f"Export {self.segment_name}"
            for note in self.notes:
                yield Static(note, classes="export-note")
            yield Label("Write the records to")
            yield Input(
                str(self.default),
                id="export-path",
                validators=[Destination(lambda: self.overwrite)],
                validate_on=["changed", "submitted"],
            )
            with Horizontal(id="export-options"):
                yield Select(
                    [(f.name, f) for f in Format],
                    value=Format.CSV,
                    allow_blank=False,
                    id="export-format",
                )
                yield Checkbox("replace the file if it exists", id="export-overwrite")
            yield Static("", id="export-check")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self._validate()
        self.query_one("#export-path", Input).focus()

    def _validate(self) -> bool:
        field = self.query_one("#export-path", Input)
        result = field.validate(field.value)
        ok = result is None or result.is_valid
        check = self.query_one("#export-check", Static)
        check.set_class(not ok, "error")
        if ok:
            check.update(f"✔ writes {resolve_typed(field.value)}")
        else:
            assert result is not None
            check.update("✖ " + " ".join(result.failure_descriptions))
        self.query_one("#export-go", Button).disabled = not ok
        return ok

    @on(Input.Changed, "#export-path")
    def _changed(self) -> None:
        if self.is_mounted:
            self._validate()

    @on(Checkbox.Changed, "#export-overwrite")
    def _overwrite_changed(self, event: Checkbox.Changed) -> None:
        self.overwrite = event.value
        self._validate()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        field = self.query_one("#export-path", Input)
        path = Path(field.value.strip())
        if isinstance(event.value, Format) and path.suffix.lower() in _SUFFIXES:
            field.value = str(path.with_suffix(event.value.suffix))
        self._validate()

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def _go(self) -> None:
        if not self._validate():
            return
        value = self.query_one("#export-format", Select).value
        fmt = value if isinstance(value, Format) else Format.CSV
        path = resolve_typed(self.query_one("#export-path", Input).value)
        self.dismiss(ExportChoice(path, fmt, self.overwrite))

    @on(Button.Pressed, "#export-cancel")
    def action_dismiss_dialog(self) -> None:
        self.dismiss(None)


_SUFFIXES = {f.suffix for f in Format} | {".jsonl"}
