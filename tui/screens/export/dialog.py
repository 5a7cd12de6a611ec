"""The export dialog: where (a path checked as you type, tab completes; it starts in the folder
this kind of export went to last time), in which format (from the extension, or the select,
which rewrites the extension), with which options; an existing file needs a second, explicit
confirmation. Enter exports from any field; space ticks a box or opens a select. It only asks:
the progress view does the work."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tui import clock
from tui.export import DestinationCheck, ExportOptions, ExportSource, Format
from tui.screens.export.paths import (
    DestinationValidator,
    check,
    default_path,
    format_of,
    start_folder,
    with_suffix,
)
from tui.state.export_folders import remember_folder
from widgets.form_controls import Checkbox, Select
from widgets.path_input import PathInput

FORMATS = [
    ("CSV", Format.CSV),
    ("TSV", Format.TSV),
    ("JSON", Format.JSON),
    ("NDJSON (JSON lines)", Format.NDJSON),
    ("Parquet", Format.PARQUET),
]
DELIMITED = (Format.CSV, Format.TSV)


@dataclass(frozen=True)
class ExportRequest:
    """What the dialog asked for; ``typed`` is the path as typed, to reopen it as it was."""

    source: ExportSource
    dest: Path
    options: ExportOptions
    typed: str


def complete(typed: str) -> list[str]:
    from tui.export import complete_path

    return complete_path(typed)


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="export-cancel"),
        # Reached from the fields that leave enter to the dialog (checkboxes, selects); the
        # path and delimiter fields submit, and the buttons press, by themselves.
        Binding("enter", "export", "Export", show=False, id="export-submit"),
    ]

    def __init__(
        self,
        source: ExportSource,
        *,
        note: str | None = None,
        previous: ExportRequest | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        self.note = note
        self.previous = previous
        start = previous.options if previous else ExportOptions(source.default_format)
        self.format = start.format
        self.with_provenance = start.with_provenance
        self.start = start
        self.starting = start_folder(source.kind)
        self.default_typed = self._default_path(source)
        #: The existing file the user was asked about; Export again replaces it.
        self.confirming: Path | None = None

    def compose(self) -> ComposeResult:
        start = self.start
        with Vertical(id="export-dialog") as box:
            box.border_title = "Export"
            yield Static(Text(self.source.title), id="export-what")
            notes = [self.note, None if self.previous else self.starting.note]
            if any(notes):
                yield Static(Text("\n".join(n for n in notes if n)), id="export-note")
            with Horizontal(classes="export-row"):
                yield Label("file", classes="export-label")
                yield PathInput(
                    self.previous.typed if self.previous else self.default_typed,
                    complete=complete,
                    validators=[DestinationValidator(self._check)],
                    id="export-path",
                    compact=True,
                )
            yield Static("", id="export-check")
            with Horizontal(classes="export-row"):
                yield Label("format", classes="export-label")
                yield Select(
                    FORMATS, value=start.format, allow_blank=False, id="export-format", compact=True
                )
                if self.source.nodes:
                    yield Label("node", classes="export-label", id="export-node-label")
                    yield Select(
                        [
                            (f"{slug} (output)" if slug == self.source.output_node else slug, slug)
                            for slug in self.source.nodes
                        ],
                        value=self.source.node or self.source.output_node or self.source.nodes[-1],
                        allow_blank=False,
                        id="export-node",
                        compact=True,
                    )
            with Horizontal(id="export-options"):
                yield Checkbox("header row", start.header, id="export-header", compact=True)
                yield Label("delimiter", classes="export-label", id="export-delimiter-label")
                yield Input(
                    "" if start.delimiter is None else start.delimiter,
                    placeholder=",",
                    max_length=3,
                    id="export-delimiter",
                    compact=True,
                )
                yield Checkbox("pretty", start.pretty_json, id="export-pretty", compact=True)
                yield Checkbox(
                    "provenance file", start.with_provenance, id="export-provenance", compact=True
                )
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go", compact=True)
                yield Button("Cancel", id="export-close", compact=True)
                yield Static("enter exports · tab completes · esc cancels", id="export-hint")

    def on_mount(self) -> None:
        self._show_options()
        self._recheck()
        field = self.query_one("#export-path", PathInput)
        field.focus()
        field.cursor_position = len(field.value)

    # -- state -----------------------------------------------------------------------------

    @property
    def typed(self) -> str:
        return self.query_one("#export-path", PathInput).value

    @property
    def wants_sidecar(self) -> bool:
        return self.with_provenance and self.format is not Format.PARQUET

    def _default_path(self, source: ExportSource) -> str:
        return default_path(source, self.format, clock.now().date(), self.starting.folder)

    def _check(self, typed: str) -> DestinationCheck:
        return check(typed, with_sidecar=self.wants_sidecar)

    def _show_options(self) -> None:
        fmt = self.format
        delimited = fmt in DELIMITED
        for selector in ("#export-header", "#export-delimiter-label", "#export-delimiter"):
            self.query_one(selector).display = delimited
        self.query_one("#export-delimiter", Input).placeholder = "tab" if fmt is Format.TSV else ","
        self.query_one("#export-pretty").display = fmt is Format.JSON
        # Parquet carries its provenance in its own metadata, always.
        self.query_one("#export-provenance").display = fmt is not Format.PARQUET

    def _recheck(self) -> DestinationCheck:
        found = self._check(self.typed)
        status = self.query_one("#export-check", Static)
        status.set_classes(f"-{found.status}")
        if found.status == "ok":
            status.update(Text(f"✔ a new file in {found.path.parent if found.path else '?'}"))
        elif found.status == "exists":
            status.update(Text(f"⚠ {found.message}"))
        else:
            status.update(Text(f"✖ {found.message}"))
        self._confirm_button(None)
        return found

    def _confirm_button(self, path: Path | None) -> None:
        self.confirming = path
        button = self.query_one("#export-go", Button)
        button.label = "Replace" if path else "Export"
        button.variant = "error" if path else "primary"

    # -- events ----------------------------------------------------------------------------

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        named = format_of(event.value)
        if named is not None and named is not self.format:
            self.format = named
            self.query_one("#export-format", Select).value = named
            self._show_options()
        self._recheck()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, Format) or event.value is self.format:
            return
        self.format = event.value
        self._show_options()
        field = self.query_one("#export-path", PathInput)
        if format_of(field.value) is not self.format:
            rewritten = with_suffix(field.value, self.format)
            if field.value == self.default_typed:
                self.default_typed = rewritten
            field.value = rewritten
            field.cursor_position = len(rewritten)
        self._recheck()

    @on(Select.Changed, "#export-node")
    def _node_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return
        source = self.source.with_node(event.value)
        self.query_one("#export-what", Static).update(Text(source.title))
        field = self.query_one("#export-path", PathInput)
        if field.value == self.default_typed:  # still the default: it follows the node
            self.default_typed = self._default_path(source)
            field.value = self.default_typed

    @on(Checkbox.Changed, "#export-provenance")
    def _provenance_changed(self, event: Checkbox.Changed) -> None:
        self.with_provenance = event.value
        self._recheck()

    @on(PathInput.Completed, "#export-path")
    def _completed(self, event: PathInput.Completed) -> None:
        if len(event.candidates) > 1:
            names = [
                os.path.basename(c.rstrip("/")) + ("/" if c.endswith("/") else "")
                for c in event.candidates
            ]
            shown = "  ".join(names[:12]) + ("  …" if len(names) > 12 else "")
            self.query_one("#export-check", Static).update(Text(shown))

    @on(Input.Submitted, "#export-path")
    @on(Input.Submitted, "#export-delimiter")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        confirming = self.confirming
        found = self._recheck()
        if found.status == "invalid" or found.path is None:
            self.query_one("#export-path").focus()
            self.app.bell()
            return
        try:
            options = self._options(overwrite=found.needs_confirmation)
        except ValueError as exc:
            self.query_one("#export-check", Static).update(Text(f"✖ {exc}"))
            self.query_one("#export-delimiter").focus()
            return
        if found.needs_confirmation and confirming != found.path:
            self._confirm_button(found.path)
            self.query_one("#export-check", Static).update(
                Text(f"⚠ {found.path.name} already exists: press Replace (or enter) to replace it.")
            )
            return
        source = self.source
        if source.nodes:
            node = self.query_one("#export-node", Select).value
            source = source.with_node(node if isinstance(node, str) else source.node)
        failed = remember_folder(source.kind, found.path.parent)
        if failed:
            self.notify(failed, severity="warning", timeout=8)
        self.dismiss(ExportRequest(source, found.path, options, self.typed))

    def _options(self, *, overwrite: bool) -> ExportOptions:
        fmt = self.format
        typed = self.query_one("#export-delimiter", Input).value
        delimiter: str | None = {"\\t": "\t", "tab": "\t"}.get(typed, typed) or None
        return ExportOptions(
            fmt,
            header=self.query_one("#export-header", Checkbox).value,
            delimiter=delimiter if fmt in DELIMITED else None,
            pretty_json=self.query_one("#export-pretty", Checkbox).value,
            overwrite=overwrite,
            with_provenance=self.wants_sidecar,
        )

    @on(Button.Pressed, "#export-close")
    def _close(self, _: Any = None) -> None:
        self.dismiss(None)
