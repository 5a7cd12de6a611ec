"""What a re-run will do, read from the server before anything is sent, and sending it safely.

Runs are named exactly (their uuids) whenever there are at most ``EXACT_LIMIT`` of them, so a
pilot and "the rest" never overlap and nothing runs twice; a larger set is named by its batch
and the ``error`` status. Runs that an earlier re-run fixed, or is re-running now, are left out
(``history``); a re-run names the batch its runs come from, so Cargo keeps the link.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from tui.api import CargoClient
from tui.api.errors import CargoError, NetworkError, TimedOutError
from tui.api.models.batch_data import Reset, RunsBatchData, RunsSelection
from tui.api.models.runs import Batch, Run
from tui.api.run_filters import RunFilter
from tui.screens.rerun.history import SETTLED, Earlier, ReRuns
from tui.state.rerun_cost import Estimate, Measured, Observed, ResetPoint
from tui.state.rerun_reads import Balance, measure_rerun, observed_in, read_balance

EXACT_LIMIT = 10_000
PILOT_SIZE = 10
PILOT_ABOVE = 20
SAMPLES = 5
#: How many of a workflow's latest batches a create is checked against.
RECENT = 10

#: Where the runs start again, as the dialog offers it: (label, reset.from).
RESETS: list[tuple[str, ResetPoint]] = [
    ("the failing node", "lastNode"),
    ("the first node", "firstNode"),
    ("the next node", "nextNode"),
]


@dataclass(frozen=True)
class Selection:
    """The runs to run again, as the screen that opened the dialog knows them."""

    workflow_uuid: str
    label: str
    filters: RunFilter
    #: Exactly these runs (selected with space), else everything ``filters`` matches.
    uuids: tuple[str, ...] = ()
    source_batch_uuid: str | None = None


@dataclass
class Plan:
    selection: Selection
    count: int
    samples: list[str]
    uuids: list[str] = field(default_factory=list)
    #: The runs are named one by one (``uuids``); else by their batch and status.
    exact: bool = True
    #: The batch the runs come from, when one.
    source: Batch | None = None
    #: What earlier re-runs did to the runs the selection matched (exact plans only).
    earlier: Earlier | None = None
    #: How many runs the selection matched, before those already re-run were left out.
    matched: int = 0
    #: What a run re-run from each reset point makes (``tui.state.rerun_cost``), or why not.
    measured: Measured | None = None
    unmeasured: str | None = None
    #: What is left to spend, or why billing cannot be read.
    balance: Balance | None = None
    #: What the last re-run of these (a pilot, say) cost per run.
    observed: Observed | None = None

    def estimate(self, reset: ResetPoint, runs: int | None = None) -> Estimate | None:
        """The measured price of re-running ``runs`` (all) of them from ``reset``."""
        found = self.measured
        return (
            None if found is None else found.estimate(reset, self.count if runs is None else runs)
        )

    def offer(self, reset: ResetPoint, runs: int | None = None) -> Estimate | None:
        """The price to confirm: as the last re-run of these was billed, when it started at
        the same point (the pilot shows what the rest will do); else the estimate."""
        seen = self.observed
        if seen is not None and seen.reset == reset:
            return Estimate(self.count if runs is None else runs, seen.per_run)
        return self.estimate(reset, runs)

    @property
    def left_out(self) -> int:
        """Runs the selection matched that earlier re-runs fixed or are re-running."""
        return self.matched - self.count

    @property
    def credits(self) -> float | None:
        """The estimate's total from the failing node (the dialog's default)."""
        found = self.estimate("lastNode")
        return None if found is None else found.total

    @property
    def pilot_by_default(self) -> bool:
        return self.exact and self.count > PILOT_ABOVE

    @property
    def unsendable(self) -> str | None:
        """Why these runs cannot be re-run as they are: too many to name one by one, and
        selected by what a re-run's filter cannot say."""
        if self.exact:
            return None
        missing = sorted(k for k, v in self.selection.filters.items() if v and k not in AS_RERUN)
        return ", ".join(missing) or None

    def batch_data(self, reset: ResetPoint, uuids: list[str] | None = None) -> RunsBatchData:
        chosen = uuids if uuids is not None else self.uuids
        selection = self.selection
        if self.exact:
            runs = RunsSelection(uuids=chosen, batch_uuid=selection.source_batch_uuid)
        else:  # the same filter that counted them, in a re-run's words
            runs = RunsSelection(**_as_rerun(selection.filters))
        return RunsBatchData(filter=runs, reset=Reset(from_=reset))


#: A runs filter's keys as a re-run's filter (``BatchDataRunsFilter``) names them; the workflow
#: is the new batch's own. The other keys (user, updated, finished) it cannot say.
AS_RERUN: dict[str, str | None] = {
    "workflow_uuid": None,
    "parent_uuid": "parent_run_uuid",
    **{
        key: key
        for key in (
            "batch_uuid", "release_uuid", "statuses", "executions_filter", "created_after",
            "created_before", "parent_batch_uuid", "parent_node_uuid", "is_group_parent",
            "record_id", "record_title", "record_title_or_id",
        )
    },
}  # fmt: skip


def _as_rerun(filters: RunFilter) -> dict[str, Any]:
    said: dict[str, Any] = {}
    for key, value in filters.items():
        if value and (name := AS_RERUN.get(key)):
            said[name] = value
    return said


def _title(run: Run) -> str:
    return run.record_title or run.record_id or run.uuid


async def _all_titles(client: CargoClient, filters: RunFilter) -> dict[str, str | None]:
    """Every run the filter matches, in the server's order: its uuid and what to call it."""
    found: dict[str, str | None] = {}
    async for page in client.orchestration.run.iterate(page_size=500, **filters):
        found.update((run.uuid, _title(run)) for run in page)
    return found


async def _measured(client: CargoClient, selection: Selection) -> Measured | str:
    """What a re-run of these makes, measured; or, when the reads failed, why (the plan
    stands without a price rather than not at all)."""
    try:
        return await measure_rerun(
            client, selection.workflow_uuid, selection.filters, selection.uuids
        )
    except CargoError as error:
        return f"the cost could not be measured: {error}"


async def make_plan(client: CargoClient, selection: Selection) -> Plan:
    """Count, sample and price the re-run, all on the server, with the same filter; leave out
    the runs earlier re-runs fixed or are re-running."""
    source_uuid = selection.source_batch_uuid
    source, measured, balance = await asyncio.gather(
        client.orchestration.batch.get(source_uuid) if source_uuid else _nothing(),
        _measured(client, selection),
        read_balance(client, selection.workflow_uuid),
    )
    price: dict[str, Any] = {
        "measured": measured if isinstance(measured, Measured) else None,
        "unmeasured": measured if isinstance(measured, str) else None,
        "balance": balance,
    }
    if selection.uuids:
        titles: dict[str, str | None] = dict.fromkeys(selection.uuids)
    else:
        count = await client.orchestration.run.count(**selection.filters)
        if count > EXACT_LIMIT:
            page = await client.orchestration.run.list(limit=SAMPLES, **selection.filters)
            samples = [_title(r) for r in page.runs]
            return Plan(
                selection, count, samples, exact=False, source=source, matched=count, **price
            )
        titles = await _all_titles(client, selection.filters)
    reruns = ReRuns(selection.workflow_uuid)
    # Re-runs of a batch come after it; a re-run's own runs may have cousins from before it.
    original = source is not None and (source.data or {}).get("kind") != "runs"
    await reruns.update(client, source.created_at if original and source else None)
    earlier = reruns.earlier(titles, source_uuid)
    outcomes = earlier.outcomes
    # Runs never re-run first: a pilot of the first ones learns something new.
    target = sorted(
        (u for u in titles if outcomes.get(u) not in SETTLED), key=lambda u: u in outcomes
    )
    samples = [
        titles[u] or _title((await client.orchestration.run.get(u)).run) for u in target[:SAMPLES]
    ]
    observed = await observed_in(client, earlier.last) if earlier.last is not None else None
    return Plan(
        selection,
        len(target),
        samples,
        target,
        source=source,
        earlier=earlier,
        matched=len(titles),
        observed=observed,
        **price,
    )


async def _nothing() -> None:
    return None


async def recent_batches(client: CargoClient, workflow_uuid: str) -> frozenset[str]:
    """The workflow's latest batches (uuids): taken before a create is sent, what tells a batch
    it made from one that was already there (``find_made``)."""
    recent = await client.orchestration.batch.list(workflow_uuids=[workflow_uuid], limit=RECENT)
    return frozenset(batch.uuid for batch in recent)


async def find_made(
    client: CargoClient, workflow_uuid: str, data: RunsBatchData, before: frozenset[str]
) -> Batch | None:
    """A batch of this workflow for exactly these runs that was not there ``before`` the create
    was sent. Told by what was there, not by the clock: ours and Cargo's may differ by minutes,
    and a batch missed is a batch made twice."""
    sent = data.to_wire()
    recent = await client.orchestration.batch.list(workflow_uuids=[workflow_uuid], limit=RECENT)
    for batch in recent:
        if batch.uuid not in before and _same_runs(batch.data, sent):
            return batch
    return None


async def create_once(
    client: CargoClient,
    workflow_uuid: str,
    data: RunsBatchData,
    *,
    before: frozenset[str] | None = None,
    retrying: bool = False,
) -> Batch:
    """Create the batch, never twice.

    The create is sent once and never retried here. When it timed out, it may still have been
    made: the server is asked for a batch of these runs that was not there before it was sent
    (``before``: :func:`recent_batches`, taken now unless given) before the error goes to the
    user; and a retry (``retrying``, with the ``before`` of the first attempt) asks the same
    question before sending anything again.
    """
    if retrying and before is None:
        raise ValueError("a retry needs the batches there before the first attempt")
    if before is None:
        before = await recent_batches(client, workflow_uuid)
    if retrying and (made := await find_made(client, workflow_uuid, data, before)) is not None:
        return made
    try:
        return await client.orchestration.batch.create(workflow_uuid=workflow_uuid, data=data)
    except (TimedOutError, NetworkError):
        made = await find_made(client, workflow_uuid, data, before)
        if made is not None:
            return made
        raise


def _same_runs(made: dict[str, Any] | None, sent: dict[str, Any]) -> bool:
    """Whether a batch's data names the same runs as what was sent."""
    if not made or made.get("kind") != "runs":
        return False
    mine, theirs = sent.get("filter", {}), made.get("filter") or {}
    keys = ("uuids", "batchUuid", "statuses")
    return all(mine.get(k) == theirs.get(k) for k in keys)
