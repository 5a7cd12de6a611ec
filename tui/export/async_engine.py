"""``write_rows_async``: the engine fed by an async iterator, for a Textual worker.

Batches are pulled on the event loop (so the source can await the API) and written in a
thread, one batch at a time, so the loop never blocks on the disk. Cancelling the task (a
worker's ``cancel()``) waits for the batch being written to finish, removes the temporary and
re-raises ``CancelledError``: the destination is left as it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterable, Callable, Sequence
from pathlib import Path
from typing import TypeVar

from tui.export.batches import Batch
from tui.export.engine import Export, ProgressCallback
from tui.export.options import ExportOptions, ExportResult, Provenance

T = TypeVar("T")


async def in_thread(
    fn: Callable[..., T], *args: object, on_cancel: Callable[[], None] | None = None
) -> T:
    """``fn(*args)`` in a thread; if the caller is cancelled meanwhile, wait for it to finish
    (a thread cannot be stopped midway) and then raise ``CancelledError``, so that whatever
    cleanup follows never races the thread for the file. ``on_cancel`` is called first: it
    asks a long ``fn`` to stop (sets its cancel flag), so the wait is short."""
    future = asyncio.get_running_loop().run_in_executor(None, functools.partial(fn, *args))
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        if on_cancel is not None:
            on_cancel()
        while not future.done():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait([future])
        if not future.cancelled():
            future.exception()  # retrieved, so asyncio does not log it as forgotten
        raise


async def write_rows_async(
    dest: Path | str,
    columns: Sequence[str] | None,
    batches: AsyncIterable[Batch],
    options: ExportOptions,
    provenance: Provenance | None = None,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """Like :func:`tui.export.write_rows`, from an async iterator; cancel by cancelling the task.

    ``progress`` is called on the event loop after each batch.
    """
    job = Export(dest, columns, options, provenance)
    iterator = aiter(batches)
    try:
        while True:
            try:
                batch = await anext(iterator)
            except StopAsyncIteration:
                break
            except Exception as exc:
                raise job.source_failed(exc) from exc
            await in_thread(job.write, batch)
            del batch  # one batch on the heap at a time, not two
            if progress is not None:
                progress(job.rows, job.bytes)
        await in_thread(job.prepare)
        return job.commit()
    except BaseException:
        job.abort()
        raise
    finally:
        aclose = getattr(iterator, "aclose", None)
        if aclose is not None:
            with contextlib.suppress(Exception):
                await aclose()
