"""Export a segment's records (interim): ask where, download every file the server signs, and
merge them into one CSV or JSON file, written atomically.

Everything the Segments screen knows of exporting is :func:`export_segment` (the call site hands
it the checked request: the segment's modelUuid, filter, sort and limit) and :func:`report`; the
real export dialog (``tui/export``) replaces this module without touching the screen.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from tui.api.files import DestinationError, atomic_write, check_destination
from widgets.humanize import count

if TYPE_CHECKING:
    from tui.api import CargoClient
    from tui.screens.base import CargoScreen
    from tui.screens.segments.query import SegmentRequest

Format = Literal["csv", "json"]
#: Rows written between two chances for a cancel to land.
_YIELD_EVERY = 500


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    format: Format
    overwrite: bool = False


@dataclass(frozen=True)
class Exported:
    path: Path
    rows: int
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


def report(screen: CargoScreen, result: Exported | None, error: BaseException | None) -> None:
    """Say how the export ended; nothing half-written is ever left behind."""
    screen.query_one("#segments-activity", Static).display = False
    if result is not None:
        files = f", merged from {result.files} files," if result.files > 1 else ""
        screen.notify(f"Exported {count(result.rows)} records{files} to {result.path}", timeout=8)
    elif isinstance(error, DestinationError):
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
    """Download the records' files, then merge them into ``choice.path`` (whole, or not at all)."""
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
        merger = Merger(parts, choice.format, column_types)
        with atomic_write(choice.path, overwrite=choice.overwrite) as handle:
            for index, chunk in enumerate(merger.chunks()):
                handle.write(chunk)
                if index % _YIELD_EVERY == 0:
                    await asyncio.sleep(0)  # a cancel lands here and removes the partial file
    return Exported(choice.path, merger.rows, len(urls))


class Merger:
    """Rows of several downloaded files (CSV with a header, a JSON list, or JSON lines) as one
    CSV (the union of their columns) or one JSON list (cells typed by the model's columns)."""

    def __init__(self, parts: list[Path], fmt: Format, column_types: Mapping[str, str]) -> None:
        self.parts = parts
        self.format = fmt
        self.types = column_types
        self.rows = 0

    def chunks(self) -> Iterator[bytes]:
        if self.format == "json":
            yield b"["
            for row in self._rows():
                lead = b",\n" if self.rows else b"\n"
                self.rows += 1
                yield lead + json.dumps(self._typed(row), ensure_ascii=False).encode()
            yield b"\n]\n" if self.rows else b"]\n"
            return
        columns = self._columns()
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, restval="", extrasaction="ignore")
        writer.writeheader()
        for row in self._rows():
            writer.writerow({key: _cell(value) for key, value in row.items()})
            self.rows += 1
            yield _drain(buffer)
        yield _drain(buffer)

    def _columns(self) -> list[str]:
        columns: dict[str, None] = {}
        for path in self.parts:
            for row in self._read(path, header_only=True):
                columns.update(dict.fromkeys(row))
        return list(columns)

    def _rows(self) -> Iterator[dict[str, Any]]:
        for path in self.parts:
            yield from self._read(path)

    @staticmethod
    def _read(path: Path, *, header_only: bool = False) -> Iterator[dict[str, Any]]:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            head = handle.read(1)
            while head.isspace():
                head = handle.read(1)
            handle.seek(0)
            if head == "[":
                yield from (row for row in json.load(handle) if isinstance(row, dict))
            elif head == "{":
                yield from (json.loads(line) for line in handle if line.strip())
            elif head:
                reader = csv.DictReader(handle)
                if header_only:
                    yield dict.fromkeys(reader.fieldnames or ())
                    return
                yield from reader

    def _typed(self, row: dict[str, Any]) -> dict[str, Any]:
        return {key: _typed(value, self.types.get(key)) for key, value in row.items()}


def _drain(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def _typed(value: Any, kind: str | None) -> Any:
    """A CSV cell as the model's column type says it is (JSON rows are kept as they are)."""
    if not isinstance(value, str):
        return value
    if value == "":
        return None
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
    """The path must name a file that can be written (and replaced only when allowed)."""

    def __init__(self, overwrite: Callable[[], bool]) -> None:
        super().__init__()
        self.overwrite = overwrite

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.failure("Type the path of the file to write.")
        try:
            check_destination(Path(value.strip()), overwrite=self.overwrite())
        except DestinationError as error:
            return self.failure(str(error))
        return self.success()


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
                    [("CSV", "csv"), ("JSON", "json")],
                    value="csv",
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
            check.update(f"✔ writes {Path(field.value.strip()).expanduser()}")
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
        if path.suffix.lower() in (".csv", ".json") and isinstance(event.value, str):
            field.value = str(path.with_suffix(f".{event.value}"))
        self._validate()

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def _go(self) -> None:
        if not self._validate():
            return
        value = self.query_one("#export-format", Select).value
        fmt: Format = "json" if value == "json" else "csv"
        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        self.dismiss(ExportChoice(path.absolute(), fmt, self.overwrite))

    @on(Button.Pressed, "#export-cancel")
    def action_dismiss_dialog(self) -> None:
        self.dismiss(None)
