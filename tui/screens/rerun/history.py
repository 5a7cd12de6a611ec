"""What earlier re-runs did to some runs, read from Cargo.

A re-run is a new batch (``data.kind == "runs"``) whose runs each name the run they re-ran
(``parentUuid``). Which batch it re-ran, Cargo says only when the re-run selected its runs by
batch (``data.filter.batchUuid``): cargo-tui always names the batch that way when it has one,
and keeps the links it learns otherwise in its own state (``tui.state.lineage``).

A failed run and every re-run of it (and of them) are one *family*, rooted at the run that
failed first. A failed run is *fixed* once some run of its family succeeded: re-running it
again would do the record's work twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from tui.api import CargoClient
from tui.api.models.runs import Batch
from tui.api.statuses import TERMINAL_STATUSES

Outcome = Literal["succeeded", "running", "failed", "cancelled"]
#: How outcomes are said, in this order.
OUTCOMES: tuple[Outcome, ...] = ("succeeded", "running", "failed", "cancelled")
#: Outcomes whose runs are left out of a new re-run: done, or being done.
SETTLED: frozenset[Outcome] = frozenset({"succeeded", "running"})
#: Re-run batches read at most, newest first, and their runs at most (a bound on the reads).
MAX_BATCHES = 200
MAX_RUNS = 50_000


@dataclass(frozen=True)
class ReRunOf:
    """One run of a re-run batch: what it re-ran and how it is going."""

    uuid: str
    parent: str
    status: str
    batch: str


@dataclass(frozen=True)
class Tally:
    """How many runs ended each way (``counts`` by :data:`Outcome`)."""

    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __getitem__(self, outcome: Outcome) -> int:
        return self.counts.get(outcome, 0)

    def said(self) -> str:
        """``10 succeeded, 2 failed``."""
        words = {"running": "still running"}
        return ", ".join(f"{self[o]:,} {words.get(o, o)}" for o in OUTCOMES if self[o])


@dataclass(frozen=True)
class Earlier:
    """What earlier re-runs did to a set of failed runs."""

    #: Each run that was re-run already, and how its family ended.
    outcomes: dict[str, Outcome]
    #: The newest re-run batch that re-ran any of them, and how those runs went in it.
    last: Batch | None = None
    last_tally: Tally = field(default_factory=Tally)
    #: Read only the newest re-runs: older ones may have re-run some of these too.
    partial: bool = False

    @property
    def tally(self) -> Tally:
        return Tally(Counter(self.outcomes.values()))

    @property
    def last_ok(self) -> bool:
        """The last re-run finished and every run of these in it succeeded."""
        last = self.last
        return last is None or (
            last.status.is_terminal and self.last_tally.total == self.last_tally["succeeded"]
        )


def _outcome(statuses: Iterable[str]) -> Outcome | None:
    seen = set(statuses)
    if "success" in seen:
        return "succeeded"
    if seen - TERMINAL_STATUSES:
        return "running"
    if "error" in seen:
        return "failed"
    return "cancelled" if seen else None


class ReRuns:
    """A workflow's re-runs as Cargo lists them. A finished re-run never changes, so its runs
    are read once; one still running is read again at each :meth:`update`."""

    def __init__(self, workflow_uuid: str, links: Mapping[str, str] | None = None) -> None:
        self.workflow_uuid = workflow_uuid
        #: Re-run batch -> the batch it re-ran, as the app's state knows it.
        self.links = links if links is not None else {}
        #: Links learnt here from Cargo's runs, for the caller to keep.
        self.found: dict[str, str] = {}
        self.batches: dict[str, Batch] = {}
        self.runs: dict[str, ReRunOf] = {}
        self._children: dict[str, list[str]] = {}
        self._read: set[str] = set()
        #: Runs a re-run still running names but has not made yet, and its batch.
        self._planned: dict[str, str] = {}
        #: Batches whose failed runs a re-run still running re-runs whole (by batch).
        self._whole: dict[str, str] = {}
        self.partial = False

    # -- reading -----------------------------------------------------------------------------

    async def update(
        self, client: CargoClient, since: datetime | None = None, *, discover: bool = False
    ) -> None:
        """Read the re-runs made since ``since`` (all when None), within bounds; ``discover``:
        learn, from a run of each, which batch a re-run re-ran when nothing says."""
        self._planned.clear()
        self._whole.clear()
        async for batch in self._newest(client, since):
            await self._read_batch(client, batch)
        if discover:
            await self._discover(client)

    async def _newest(self, client: CargoClient, since: datetime | None) -> AsyncIterator[Batch]:
        """The workflow's re-run batches, newest first, made since ``since``, within bounds."""
        listed = 0
        async for page in client.orchestration.batch.iterate(
            page_size=50, workflow_uuids=[self.workflow_uuid], included_data_kinds=["runs"]
        ):
            for batch in page:
                if since is not None and batch.created_at is not None and batch.created_at < since:
                    return
                listed += 1
                if listed > MAX_BATCHES or len(self.runs) > MAX_RUNS:
                    self.partial = True
                    return
                yield batch

    async def _read_batch(self, client: CargoClient, batch: Batch) -> None:
        self.batches[batch.uuid] = batch
        if batch.uuid in self._read:
            return
        found: list[ReRunOf] = []
        async for runs in client.orchestration.run.iterate(batch_uuid=batch.uuid, page_size=500):
            found += [
                ReRunOf(r.uuid, r.parent_uuid, r.status.value, batch.uuid)
                for r in runs
                if r.parent_uuid
            ]
        for run in found:
            if run.uuid not in self.runs:
                self._children.setdefault(run.parent, []).append(run.uuid)
            self.runs[run.uuid] = run
        if batch.status.is_terminal:
            self._read.add(batch.uuid)
            return
        spec = (batch.data or {}).get("filter") or {}
        made = {run.parent for run in found}
        for uuid in spec.get("uuids") or []:
            if uuid not in made:
                self._planned[str(uuid)] = batch.uuid
        if not spec.get("uuids") and spec.get("batchUuid"):
            self._whole[str(spec["batchUuid"])] = batch.uuid

    async def _discover(self, client: CargoClient) -> None:
        """The batch each re-run re-ran, when neither its data nor the app's state says: the
        batch of the run its first run re-ran."""
        for uuid in self.batches:
            if self.source_of(uuid) is not None:
                continue
            parent = next((r.parent for r in self.runs.values() if r.batch == uuid), None)
            if parent is None:
                continue
            if parent in self.runs:
                self.found[uuid] = self.runs[parent].batch
            else:
                run = (await client.orchestration.run.get(parent)).run
                if run.batch_uuid:
                    self.found[uuid] = run.batch_uuid

    # -- reading what was read ---------------------------------------------------------------

    def source_of(self, batch_uuid: str) -> str | None:
        """The batch a re-run re-ran: named in its data, else known to the app."""
        batch = self.batches.get(batch_uuid)
        named = ((batch.data or {}).get("filter") or {}).get("batchUuid") if batch else None
        return named or self.links.get(batch_uuid) or self.found.get(batch_uuid)

    def root_of(self, uuid: str) -> str:
        seen: set[str] = set()
        while uuid in self.runs and uuid not in seen:
            seen.add(uuid)
            uuid = self.runs[uuid].parent
        return uuid

    def family(self, root: str) -> list[ReRunOf]:
        """Every re-run of ``root``, and of them."""
        found: list[ReRunOf] = []
        stack = list(self._children.get(root, ()))
        while stack:
            run = self.runs[stack.pop()]
            found.append(run)
            stack.extend(self._children.get(run.uuid, ()))
        return found

    def earlier(self, failed: Iterable[str], batch_uuid: str | None = None) -> Earlier:
        """What re-runs did to the ``failed`` runs (of the batch ``batch_uuid``, if one).

        The batch itself does not count as an earlier re-run of its own runs."""
        outcomes: dict[str, Outcome] = {}
        touched: dict[str, list[str]] = {}  # re-run batch -> the statuses of these runs in it
        whole = self._whole.get(batch_uuid or "")
        for uuid in failed:
            root = self.root_of(uuid)
            family = self.family(root)
            others = [r for r in family if r.uuid != uuid and r.batch != batch_uuid]
            for run in others:
                touched.setdefault(run.batch, []).append(run.status)
            statuses = [r.status for r in others]
            members = [root, uuid, *(r.uuid for r in family)]
            planned = next((self._planned[m] for m in members if m in self._planned), whole)
            if planned is not None:
                statuses.append("running")
                touched.setdefault(planned, []).append("running")
            if (outcome := _outcome(statuses)) is not None:
                outcomes[uuid] = outcome
        last = max(
            (self.batches[b] for b in touched if b in self.batches),
            key=lambda b: (b.created_at is not None, b.created_at),
            default=None,
        )
        tally = Tally()
        if last is not None:
            tally = Tally(Counter(_outcome([s]) or "cancelled" for s in touched[last.uuid]))
        return Earlier(outcomes, last, tally, self.partial)

    def failed_by_batch(self) -> dict[str, set[str]]:
        """The failed runs that re-runs touched, by the batch they failed in: a re-run batch's
        own (once read whole), and those of the batches re-runs re-ran."""
        found: dict[str, set[str]] = {}
        for run in self.runs.values():
            if run.status == "error" and run.batch in self._read:
                found.setdefault(run.batch, set()).add(run.uuid)
            if run.parent not in self.runs and (source := self.source_of(run.batch)):
                found.setdefault(source, set()).add(run.parent)
        for parent, made in self._planned.items():
            if parent not in self.runs and (source := self.source_of(made)):
                found.setdefault(source, set()).add(parent)
        return found
