"""Driving the export dialog and reading what it wrote."""

from __future__ import annotations

import asyncio
import csv
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual.pilot import Pilot
from textual.widgets import Input

from tests.support import screen_text, settle, wait_until
from tui.app import CargoApp
from tui.export import ExportResult, ExportSource, Job, RowsSource, Step, write_rows_async
from tui.screens.export import ExportDialog, ExportProgress


def dialog(app: CargoApp) -> ExportDialog:
    screen = app.screen
    assert isinstance(screen, ExportDialog), f"expected the export dialog, got {screen}"
    return screen


def progress(app: CargoApp) -> ExportProgress:
    screen = app.screen
    assert isinstance(screen, ExportProgress), f"expected the export progress, got {screen}"
    return screen


async def open_dialog(pilot: Pilot[None], source: ExportSource) -> ExportDialog:
    app = pilot.app
    assert isinstance(app, CargoApp)
    await settle(pilot)
    app.open_export(source)
    await pilot.pause()
    return dialog(app)


async def set_path(pilot: Pilot[None], path: Path | str) -> str:
    """Put ``path`` in the path field as if typed; what the check line then says."""
    field = dialog(pilot.app).query_one("#export-path", Input)  # type: ignore[arg-type]
    field.value = str(path)
    field.cursor_position = len(field.value)
    await pilot.pause()
    return check_line(pilot)


def check_line(pilot: Pilot[None]) -> str:
    return str(dialog(pilot.app).query_one("#export-check").render())  # type: ignore[arg-type]


async def export_to(pilot: Pilot[None], path: Path) -> ExportProgress:
    """Type ``path``, press enter, wait for the export; the progress view, finished."""
    await set_path(pilot, path)
    await pilot.press("enter")
    await pilot.pause()
    screen = progress(pilot.app)  # type: ignore[arg-type]
    await settle(pilot)
    assert screen.result is not None, screen_text(pilot.app)
    return screen


def small_source(rows: int = 3) -> RowsSource:
    data = [{"n": i, "name": f"row {i}", "nested": {"i": i}} for i in range(rows)]
    return RowsSource(
        label="some rows", stem="some rows", columns=["n", "name", "nested"], rows=data
    )


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_ndjson(path: Path) -> list[Any]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def leftovers(folder: Path) -> list[str]:
    """Everything in ``folder``: after a cancel or a failure, there must be nothing."""
    return sorted(p.name for p in folder.iterdir())


def notes(app: CargoApp) -> str:
    """The notifications still up, one a line (toasts are drawn over whichever screen)."""
    return "\n".join(note.message for note in app._notifications)


async def wait_for(pilot: Pilot[None], text: str) -> None:
    """Until ``text`` shows (for what a timer paints, which settling does not wait for)."""
    await wait_until(pilot, lambda: text in screen_text(pilot.app), f"showed {text!r}")


@dataclass(frozen=True, kw_only=True)
class Stalled(ExportSource):
    """Writes half its rows, then waits for a release that never comes (until cancelled)."""

    total: int = 4_000
    kind: ClassVar[str] = "rows"

    async def _export(self, job: Job) -> ExportResult:
        async def batches() -> AsyncIterator[list[dict[str, Any]]]:
            yield [{"n": i} for i in range(self.total // 2)]
            await asyncio.Event().wait()
            yield [{"n": i} for i in range(self.total // 2, self.total)]

        def progressed(rows: int, _: int) -> None:
            job.report(Step("writing", rows, self.total))

        return await write_rows_async(
            job.dest, ["n"], batches(), job.options, job.provenance, progressed
        )
