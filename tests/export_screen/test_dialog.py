"""The export dialog as a person uses it: the path checked as typed, tab completion, the format
following the extension and back, an existing file asked about twice, and the done message."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, Select

from tests.export_screen.support import (
    check_line,
    dialog,
    export_to,
    open_dialog,
    read_csv,
    read_json,
    set_path,
    small_source,
)
from tests.support import app_on, screen_text, settle
from tui.export import Format
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.export import ExportProgress


async def test_the_path_is_checked_as_it_is_typed(sandbox: ThreadedSandbox, out: Path) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, small_source())
        said = await set_path(pilot, out / "missing" / "rows.csv")
        assert f"The folder {out / 'missing'} does not exist" in said
        assert "✖" in said

        said = await set_path(pilot, out)
        assert f"{out} is a folder; add a file name" in said

        said = await set_path(pilot, out / "rows.xlsx")
        assert "rows.xlsx has the extension .xlsx; end it with one of .csv" in said

        said = await set_path(pilot, out / "rows")
        assert "rows has no extension" in said

        said = await set_path(pilot, out / ("r" * 300 + ".csv"))
        assert "is 304 bytes long; names are limited to 255 bytes" in said

        said = await set_path(pilot, f"{out}/sub/../rows.csv")
        assert said.startswith("✔ a new file in"), said
        field = dialog(app).query_one("#export-path")
        assert field.has_class("-invalid") is False

        await set_path(pilot, out / "missing" / "rows.csv")
        assert field.has_class("-invalid"), "the field itself is marked by its validator"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog(app), "an invalid path is not exported"
        assert list(out.iterdir()) == []


async def test_home_is_expanded(
    sandbox: ThreadedSandbox, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(out))
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, small_source())
        assert (await set_path(pilot, "~/rows.csv")) == f"✔ a new file in {out}"


async def test_the_default_path_is_named_after_the_source(
    sandbox: ThreadedSandbox, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(out))
    monkeypatch.chdir(out)
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, small_source())
        field = dialog(app).query_one("#export-path")
        assert field.value == "~/some-rows-2026-11-27.csv"  # type: ignore[attr-defined]
        (out / "cargo-exports").mkdir()
        await pilot.press("escape")
        await open_dialog(pilot, small_source())
        field = dialog(app).query_one("#export-path")
        assert field.value == "~/cargo-exports/some-rows-2026-11-27.csv"  # type: ignore[attr-defined]


async def test_the_format_follows_the_extension_and_the_extension_the_format(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, small_source())
        select = screen.query_one("#export-format", Select)
        await set_path(pilot, out / "rows.parquet")
        assert select.value is Format.PARQUET
        assert not screen.query_one("#export-provenance").display, "Parquet keeps it inside"
        await set_path(pilot, out / "rows.jsonl")
        assert select.value is Format.NDJSON
        assert screen.query_one("#export-path").value.endswith("rows.jsonl")  # type: ignore[attr-defined]

        select.value = Format.TSV
        await pilot.pause()
        assert screen.query_one("#export-path").value == str(out / "rows.tsv")  # type: ignore[attr-defined]
        assert screen.query_one("#export-delimiter").display
        assert not screen.query_one("#export-pretty").display
        select.value = Format.JSON
        await pilot.pause()
        assert screen.query_one("#export-path").value == str(out / "rows.json")  # type: ignore[attr-defined]
        assert screen.query_one("#export-pretty").display
        assert not screen.query_one("#export-header").display


async def test_tab_completes_the_path(sandbox: ThreadedSandbox, out: Path) -> None:
    (out / "reports-2026").mkdir()
    (out / "runs-a.csv").touch()
    (out / "runs-b.csv").touch()
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, small_source())
        field = screen.query_one("#export-path")
        await set_path(pilot, f"{out}/rep")
        await pilot.press("tab")
        assert field.value == f"{out}/reports-2026/"  # type: ignore[attr-defined]
        assert field.has_focus, "tab stayed in the field to complete"
        await set_path(pilot, f"{out}/ru")
        await pilot.press("tab")
        assert field.value == f"{out}/runs-"  # type: ignore[attr-defined]
        assert check_line(pilot) == "runs-a.csv  runs-b.csv", "the candidates are listed"
        await set_path(pilot, f"{out}/new.csv")
        await pilot.press("tab")
        assert not field.has_focus, "with nothing to complete, tab moves on"


async def test_an_existing_file_needs_a_second_confirmation(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    target = out / "rows.csv"
    target.write_text("keep me\n")
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, small_source())
        said = await set_path(pilot, target)
        assert said == f"⚠ {target} already exists; confirm to replace it, or pick another name."
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen, "the first enter only asks"
        assert "press Replace (or enter) to replace it" in check_line(pilot)
        assert str(screen.query_one("#export-go", Button).label) == "Replace"
        assert target.read_text() == "keep me\n"

        await pilot.press("backspace", "v")  # any edit asks again
        assert screen.query_one("#export-path").value == str(target)  # type: ignore[attr-defined]
        assert str(screen.query_one("#export-go", Button).label) == "Export"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportProgress)
        await settle(pilot)
        assert [row["name"] for row in read_csv(target)] == ["row 0", "row 1", "row 2"]


async def test_done_says_where_how_many_and_how_big_and_y_copies_the_path(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, small_source(5))
        screen.query_one("#export-provenance", Checkbox).value = True
        done = await export_to(pilot, out / "rows.json")
        assert done.result is not None
        text = screen_text(app)
        size = done.result.bytes
        assert f"Exported 5 rows ({size} B) to" in text
        said = str(done.query_one("#export-amount").render())
        assert said.splitlines() == [str(out / "rows.json"), "provenance in rows.json.meta.json"]
        assert [row["n"] for row in read_json(out / "rows.json")] == [0, 1, 2, 3, 4]
        meta = read_json(out / "rows.json.meta.json")
        assert meta["rows"] == 5 and meta["workspace"] == "Acme GTM"
        await pilot.press("y")
        assert app.clipboard == str(out / "rows.json")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportProgress)


async def test_options_reach_the_file(sandbox: ThreadedSandbox, out: Path) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, small_source())
        await set_path(pilot, out / "rows.csv")
        screen.query_one("#export-delimiter").value = ";"  # type: ignore[attr-defined]
        screen.query_one("#export-header", Checkbox).value = False
        await export_to(pilot, out / "rows.csv")
        lines = (out / "rows.csv").read_text().splitlines()
        assert lines[0] == '0;"row 0";"{""i"":0}"'
        assert len(lines) == 3


async def test_a_bad_delimiter_is_refused_in_the_dialog(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, small_source())
        await set_path(pilot, out / "rows.csv")
        screen.query_one("#export-delimiter").value = '"'  # type: ignore[attr-defined]
        await pilot.click("#export-go")
        await pilot.pause()
        assert app.screen is screen
        assert "The delimiter must be one character other than a quote" in check_line(pilot)
        assert list(out.iterdir()) == []
