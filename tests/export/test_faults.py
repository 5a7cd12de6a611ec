"""Whatever stops an export, it says why and leaves nothing half-written behind."""

from __future__ import annotations

import asyncio
import errno
import os
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.export.conftest import leftovers
from tui.api import files
from tui.export import (
    DestinationProblem,
    ExportCancelled,
    ExportError,
    ExportOptions,
    Format,
    Provenance,
    SourceFailed,
    WriteFailed,
    write_rows,
    write_rows_async,
)

ALL = pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)


def page(start: int, size: int = 50) -> list[dict[str, Any]]:
    return [
        {"uuid": f"run-{i}", "status": "error", "runContext": {"node": {"n": i, "t": "x" * 40}}}
        for i in range(start, start + size)
    ]


def pages(count: int, size: int = 50) -> Iterator[list[dict[str, Any]]]:
    for n in range(count):
        yield page(n * size, size)


def failing_after(count: int) -> Iterator[list[dict[str, Any]]]:
    yield from pages(count)
    raise ConnectionError("the connection to api.getcargo.io was reset")


@ALL
def test_a_missing_folder_is_refused_up_front(fmt: Format, tmp_path: Path) -> None:
    dest = tmp_path / "nowhere" / f"out{fmt.suffix}"
    pulled: list[int] = []

    def source() -> Iterator[list[dict[str, Any]]]:
        pulled.append(1)
        yield page(0)

    with pytest.raises(DestinationProblem, match="does not exist; create it or pick another"):
        write_rows(dest, None, source(), ExportOptions(fmt))
    assert pulled == [], "no page is fetched for a destination that cannot be written"
    assert leftovers(tmp_path) == []


@ALL
def test_a_folder_as_destination_is_refused(fmt: Format, tmp_path: Path) -> None:
    with pytest.raises(DestinationProblem, match="is a folder; give a file name inside it"):
        write_rows(tmp_path, None, pages(1), ExportOptions(fmt))
    assert leftovers(tmp_path) == []


def test_an_existing_file_is_kept_unless_replacing_is_confirmed(tmp_path: Path) -> None:
    dest = tmp_path / "runs.csv"
    dest.write_text("precious")
    with pytest.raises(DestinationProblem, match="already exists; confirm to replace it"):
        write_rows(dest, None, pages(1), ExportOptions(Format.CSV))
    assert dest.read_text() == "precious"
    write_rows(dest, None, pages(1), ExportOptions(Format.CSV, overwrite=True))
    assert dest.read_text().startswith('"uuid","status","runContext"\n')


def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(DestinationProblem, match="is not a regular file"):
        write_rows(fifo, None, pages(1), ExportOptions(Format.CSV, overwrite=True))
    assert leftovers(tmp_path) == ["pipe"]


@ALL
def test_a_read_only_folder_is_refused(fmt: Format, read_only_folder: Path) -> None:
    with pytest.raises(DestinationProblem, match="No permission to write in"):
        write_rows(read_only_folder / f"out{fmt.suffix}", None, pages(1), ExportOptions(fmt))
    assert leftovers(read_only_folder) == []


@ALL
def test_a_full_disk_leaves_nothing(fmt: Format, full_disk: Path) -> None:
    """A real ENOSPC: a 64 KiB tmpfs, and about 1 MB of rows."""
    dest = full_disk / f"out{fmt.suffix}"
    with pytest.raises(WriteFailed, match="is full; free some space or pick another folder"):
        write_rows(dest, None, pages(200), ExportOptions(fmt))
    assert leftovers(full_disk) == []


class _FillsUp:
    """A file that fails with ENOSPC on its nth write, as a filling disk would."""

    def __init__(self, real: Any, fail_at: int) -> None:
        self._real, self._left = real, fail_at

    def write(self, data: Any) -> int:
        self._left -= 1
        if self._left <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return int(self._real.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class _OsFillingUp:
    """``os`` as tui.api.files sees it, whose ``fdopen`` gives a file that fills up (patched
    there only: patching ``os.fdopen`` itself would hand pytest's own files a full disk)."""

    def __init__(self, fail_at: int) -> None:
        self._fail_at = fail_at

    def fdopen(self, fd: int, mode: str) -> _FillsUp:
        return _FillsUp(os.fdopen(fd, mode, buffering=0), self._fail_at)

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


TEXT_FORMATS = [Format.CSV, Format.TSV, Format.JSON, Format.NDJSON]


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=lambda f: f.value)
@pytest.mark.parametrize("fail_at", [1, 3])
def test_a_disk_filling_midway_leaves_the_old_file(
    fmt: Format, fail_at: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a tmpfs: the temporary's writes fail at the nth call. Replacing an existing
    file, which must survive untouched. (pyarrow writes Parquet to the temporary's path
    itself, so Parquet's full disk is the tmpfs test's.)"""
    dest = tmp_path / f"out{fmt.suffix}"
    dest.write_bytes(b"yesterday's export")
    monkeypatch.setattr(files, "os", _OsFillingUp(fail_at))
    with pytest.raises(WriteFailed) as caught:
        write_rows(dest, None, pages(20), ExportOptions(fmt, overwrite=True))
    assert str(caught.value).endswith(
        f"is full; free some space or pick another folder. {dest.name} was left as it was."
    )
    assert dest.read_bytes() == b"yesterday's export"
    assert leftovers(tmp_path) == [dest.name]


@ALL
def test_a_source_dropped_midway_leaves_nothing(fmt: Format, tmp_path: Path) -> None:
    dest = tmp_path / f"out{fmt.suffix}"
    with pytest.raises(SourceFailed) as caught:
        write_rows(
            dest,
            None,
            failing_after(3),
            ExportOptions(fmt, with_provenance=True),
            Provenance("runs"),
        )
    assert str(caught.value) == (
        "The rows stopped coming after 150 (the connection to api.getcargo.io was reset). "
        "Nothing was written. Retry the export."
    )
    assert leftovers(tmp_path) == []


@ALL
def test_a_cancel_midway_leaves_nothing(fmt: Format, tmp_path: Path) -> None:
    dest = tmp_path / f"out{fmt.suffix}"
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(rows: int, size: int) -> None:
        seen.append((rows, size))
        if rows >= 100:
            cancel.set()

    with pytest.raises(
        ExportCancelled, match=r"Export cancelled after 100 rows\. Nothing was written\."
    ):
        write_rows(dest, None, pages(10), ExportOptions(fmt), progress=progress, cancel=cancel)
    assert [rows for rows, _ in seen] == [50, 100]
    assert leftovers(tmp_path) == []


def test_a_cancel_stops_pulling_from_the_source(tmp_path: Path) -> None:
    cancel = threading.Event()
    closed: list[bool] = []

    def source() -> Iterator[list[dict[str, Any]]]:
        try:
            yield page(0)
            cancel.set()
            yield page(50)
            raise AssertionError("pulled after the cancel")
        finally:
            closed.append(True)

    with pytest.raises(ExportCancelled):
        write_rows(tmp_path / "out.csv", None, source(), ExportOptions(Format.CSV), cancel=cancel)
    assert closed == [True], "the source is closed, so it can release its connection"


@ALL
def test_a_value_parquet_cannot_hold_leaves_nothing(fmt: Format, tmp_path: Path) -> None:
    batches = [[{"credits": 1}], [{"credits": "lots"}]]
    dest = tmp_path / f"out{fmt.suffix}"
    if fmt is not Format.PARQUET:  # the text formats take it as it comes
        write_rows(dest, None, batches, ExportOptions(fmt))
        return
    with pytest.raises(ExportError, match="Column 'credits' held int64 values in the first rows"):
        write_rows(dest, None, batches, ExportOptions(fmt))
    assert leftovers(tmp_path) == []


# async: the path a Textual worker takes


async def async_pages(
    count: int, *, fail: bool = False, pause: float = 0
) -> AsyncIterator[list[dict[str, Any]]]:
    for n in range(count):
        await asyncio.sleep(pause)
        yield page(n * 50)
    if fail:
        raise ConnectionError("the connection was reset")


@ALL
async def test_async_export_writes_everything(fmt: Format, tmp_path: Path) -> None:
    seen: list[int] = []
    result = await write_rows_async(
        tmp_path / f"out{fmt.suffix}",
        None,
        async_pages(4),
        ExportOptions(fmt),
        progress=lambda rows, _size: seen.append(rows),
    )
    assert (result.rows, seen) == (200, [50, 100, 150, 200])
    assert leftovers(tmp_path) == [f"out{fmt.suffix}"]


@ALL
async def test_async_source_failure_leaves_nothing(fmt: Format, tmp_path: Path) -> None:
    with pytest.raises(SourceFailed, match=r"after 100 \(the connection was reset\)"):
        await write_rows_async(
            tmp_path / f"out{fmt.suffix}", None, async_pages(2, fail=True), ExportOptions(fmt)
        )
    assert leftovers(tmp_path) == []


@ALL
@pytest.mark.parametrize("where", ["waiting for a page", "writing a batch"])
async def test_cancelling_the_task_leaves_nothing(
    fmt: Format, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / f"out{fmt.suffix}"
    dest.write_bytes(b"keep me")
    writing = threading.Event()
    release = threading.Event()
    if where == "writing a batch":  # hold the third batch's write in its thread
        from tui.export import engine

        real_write = engine.Export.write

        def slow_write(self: engine.Export, batch: Any) -> None:
            if self.rows >= 100:
                writing.set()
                release.wait(5)
            real_write(self, batch)

        monkeypatch.setattr(engine.Export, "write", slow_write)
    task = asyncio.create_task(
        write_rows_async(
            dest, None, async_pages(100, pause=0.01), ExportOptions(fmt, overwrite=True)
        )
    )
    if where == "writing a batch":
        await asyncio.to_thread(writing.wait, 5)
        task.cancel()
        await asyncio.sleep(0.05)
        assert not task.done(), "the task waits for the thread before cleaning up"
        release.set()
    else:
        await asyncio.sleep(0.1)
        task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert dest.read_bytes() == b"keep me"
    assert leftovers(tmp_path) == [dest.name]
