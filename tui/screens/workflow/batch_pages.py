"""The Batches tab's pages as Cargo gives them: a page of batches (with the workflow's releases
when they are needed for it), the pages in view read again while a batch in them runs, the
pages find reads on its way, and what re-runs fixed. What the workers of
:class:`~tui.screens.workflow.batches.BatchesPane` return; no widget here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.api import CargoClient
from tui.api.models.runs import Batch
from tui.screens.rerun.history import ReRuns, Tally
from tui.screens.workflow.batch_releases import BatchReleases, batches_and_releases
from tui.screens.workflow.context import WorkflowReleases
from widgets.paged_table import Row, finder

PAGE = 50


def grown_total(total: int, offset: int, limit: int, found: Sequence[Batch]) -> int:
    """The table's total once ``found`` came from ``offset``: the list has no count, so one row
    past the end asks for the next page while pages come back full."""
    known = offset + len(found)
    return max(total if offset else 0, known + (1 if len(found) == limit else 0))


@dataclass(frozen=True)
class BatchesPage:
    """The batches from ``offset`` (``limit`` were asked for), for the table's ``generation``."""

    offset: int
    limit: int
    generation: int
    batches: Sequence[Batch]
    #: The workflow's releases, read with the page when it needed them.
    releases: WorkflowReleases | None = None


@dataclass(frozen=True)
class BatchFound:
    """Where find stopped: the row of the next batch ``needle`` finds (None: none does, of the
    ``searched``), and the pages it fetched on the way, for the table's ``generation``."""

    needle: str
    index: int | None
    generation: int
    pages: list[BatchesPage]
    searched: int


@dataclass(frozen=True)
class BatchesRefreshed:
    """The pages in view, fetched again while a batch in them still runs."""

    pages: list[BatchesPage]


@dataclass(frozen=True)
class Fixes:
    """What re-runs did to each batch's failed runs (by batch uuid), and the links between
    batches learnt from Cargo's runs on the way (re-run batch -> the batch it re-ran)."""

    tallies: dict[str, Tally]
    found: dict[str, str]


async def read_page(
    client: CargoClient,
    workflow_uuid: str,
    marks: BatchReleases,
    offset: int,
    limit: int,
    generation: int,
) -> BatchesPage:
    """The batches from ``offset``, and the workflow's releases if the page needs them."""
    listing = client.orchestration.batch.list(
        workflow_uuids=[workflow_uuid], limit=limit, offset=offset
    )
    found, releases = await batches_and_releases(client, workflow_uuid, marks, listing)
    return BatchesPage(offset, limit, generation, found, releases)


async def read_again(
    client: CargoClient,
    workflow_uuid: str,
    marks: BatchReleases,
    pages: list[int],
    total: int,
    generation: int,
) -> BatchesRefreshed:
    """The ``pages`` (by number) read again, up to the end of the list as it grows."""
    found: list[BatchesPage] = []
    for page in pages:
        offset = page * PAGE
        if offset >= total:
            break
        read = await read_page(client, workflow_uuid, marks, offset, PAGE, generation)
        found.append(read)
        total = grown_total(total, offset, PAGE, read.batches)
    return BatchesRefreshed(found)


async def find_batch(
    client: CargoClient,
    workflow_uuid: str,
    needle: str,
    start: int,
    held: dict[int, list[Row]],
    generation: int,
    row_of: Callable[[Batch], Row],
) -> BatchFound:
    """The next batch ``needle`` finds from row ``start`` down, then from the top; ``held``:
    the pages the table holds (the others are read)."""
    found = finder(needle)
    fetched: list[BatchesPage] = []
    seen = 0

    async def rows_of(page: int) -> list[Row]:
        if page not in held:
            batches = await client.orchestration.batch.list(
                workflow_uuids=[workflow_uuid], limit=PAGE, offset=page * PAGE
            )
            fetched.append(BatchesPage(page * PAGE, PAGE, generation, batches))
            held[page] = [row_of(batch) for batch in batches]
        return held[page]

    first = start // PAGE
    for wrapped in (False, True):  # from the cursor to the end, then from the top to it
        page = 0 if wrapped else first
        while True:
            rows = await rows_of(page)
            seen = max(seen, page * PAGE + len(rows))
            for index, row in enumerate(rows, page * PAGE):
                if (index < start) == wrapped and found(row):
                    return BatchFound(needle, index, generation, fetched, seen)
            if len(rows) < PAGE or (wrapped and page >= first):
                break
            page += 1
    return BatchFound(needle, None, generation, fetched, seen)


async def read_fixes(client: CargoClient, reruns: ReRuns, batches: list[Batch]) -> Fixes:
    """Read the re-runs made since the oldest of ``batches``, and what they fixed of each."""
    since = min((b.created_at for b in batches if b.created_at), default=None)
    await reruns.update(client, since, discover=True)
    touched = reruns.failed_by_batch()
    tallies = {
        batch.uuid: reruns.earlier(touched[batch.uuid], batch.uuid).tally
        for batch in batches
        if batch.failed_runs_count and batch.uuid in touched
    }
    return Fixes(tallies, dict(reruns.found))
