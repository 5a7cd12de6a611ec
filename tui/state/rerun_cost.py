"""What a re-run will cost: provider credits and the execution charge, measured, not guessed.

Cargo bills every node execution 0.01 credit (1 per 100), whatever the node (branches,
filters, variables included) and however it ended, on top of the provider credits its nodes
use; the charge belongs to no node, so ``executions[].creditsUsedCount`` never shows it. A
re-run starts at its reset point: the failing node (``lastNode``), the first node
(``firstNode``) or the one after the failing node (``nextNode``). What it makes from there is
measured on executions, never read off the graph (loops, retries and tools multiply it):

- the failed run's own executions before its failing node (what ``firstNode`` runs again);
- from the failing node on, the executions of successful runs of the same release that
  passed that node (what a run that gets through makes from there);
- a tool node's executions inside the tool's run, as one such run shows.

The estimate is ``provider per run x runs + executions per run x runs / 100``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean, pstdev
from typing import Literal

from tui.api.models.runs import Batch, Execution, ExecutionStatus, Run

ResetPoint = Literal["firstNode", "lastNode", "nextNode"]
RESET_POINTS: tuple[ResetPoint, ...] = ("lastNode", "firstNode", "nextNode")
#: Credits one node execution bills.
PER_EXECUTION = 0.01


@dataclass(frozen=True)
class PerRun:
    """What one run costs: its provider credits and its node executions."""

    provider: float
    executions: float

    @property
    def charge(self) -> float:
        """The execution charge: 0.01 credit per node execution."""
        return self.executions * PER_EXECUTION

    @property
    def total(self) -> float:
        return self.provider + self.charge


def mean(costs: Sequence[PerRun]) -> PerRun | None:
    if not costs:
        return None
    return PerRun(fmean(c.provider for c in costs), fmean(c.executions for c in costs))


@dataclass(frozen=True)
class Estimate:
    """A re-run of ``runs`` runs at ``per_run`` each: the two terms and their total."""

    runs: int
    per_run: PerRun

    @property
    def provider(self) -> float:
        return self.per_run.provider * self.runs

    @property
    def executions(self) -> float:
        return self.per_run.executions * self.runs

    @property
    def charge(self) -> float:
        return self.executions * PER_EXECUTION

    @property
    def total(self) -> float:
        return self.provider + self.charge


@dataclass(frozen=True)
class Measured:
    """What a run re-run from each reset point makes, measured on sampled runs."""

    by_reset: Mapping[ResetPoint, PerRun]
    #: Failed runs and successful runs whose executions were read, and the requests it took.
    failed: int = 0
    succeeded: int = 0
    requests: int = 0
    #: Failing nodes no successful run of the release passed: from there, only the failed
    #: runs' own executions count (a floor, said so).
    unmatched: tuple[str, ...] = ()

    def estimate(self, reset: ResetPoint, runs: int) -> Estimate | None:
        per_run = self.by_reset.get(reset)
        return None if per_run is None else Estimate(runs, per_run)

    def said(self) -> str:
        """``sampled 5 failed, 20 successful runs (3 requests)``."""
        return (
            f"sampled {self.failed} failed, {self.succeeded} successful "
            f"run{'s' if self.succeeded != 1 else ''} ({self.requests} requests)"
        )


def _cost(executions: Iterable[Execution], internals: Mapping[str, float]) -> PerRun:
    """Provider credits and executions (a tool node's own executions inside its tool's run
    added, as ``internals`` measured them by node)."""
    done = list(executions)
    inside = sum(internals.get(e.node_uuid, 0.0) for e in done if e.node_run_uuid)
    return PerRun(sum(e.credits_used_count for e in done), len(done) + inside)


def failing_index(run: Run) -> int | None:
    """Where along its executions a failed run stopped: its failed execution, else (a
    cancelled run) its last one."""
    executions = run.executions
    for index, execution in enumerate(executions):
        if execution.status == ExecutionStatus.ERROR:
            return index
    return len(executions) - 1 if executions else None


def passing(run: Run, node_uuid: str) -> int | None:
    """Where a run first executed ``node_uuid``, if it did."""
    return next((i for i, e in enumerate(run.executions) if e.node_uuid == node_uuid), None)


def per_reset(
    failed: Run, succeeded: Sequence[Run], internals: Mapping[str, float]
) -> tuple[dict[ResetPoint, PerRun], bool]:
    """What re-running ``failed`` makes from each reset point, and whether successful runs
    that passed its failing node were there to measure it (else: its own executions alone)."""
    stop = failing_index(failed)
    if stop is None:  # it never started: any reset runs it whole
        whole = mean([_cost(r.executions, internals) for r in succeeded])
        found = whole or PerRun(0.0, 0.0)
        return dict.fromkeys(RESET_POINTS, found), whole is not None
    node = failed.executions[stop].node_uuid
    before = _cost(failed.executions[:stop], internals)
    tails = [r.executions[i:] for r in succeeded if (i := passing(r, node)) is not None]
    if not tails:
        # Nothing shows what comes after: the failing node itself, run again, is all we know.
        again = _cost(failed.executions[stop : stop + 1], internals)
        again = PerRun(0.0, again.executions)
        return {
            "lastNode": again,
            "firstNode": PerRun(before.provider, before.executions + again.executions),
            "nextNode": PerRun(0.0, 0.0),
        }, False
    from_node = mean([_cost(t, internals) for t in tails])
    after = mean([_cost(t[1:], internals) for t in tails])
    assert from_node is not None and after is not None
    return {
        "lastNode": from_node,
        "firstNode": PerRun(
            before.provider + from_node.provider, before.executions + from_node.executions
        ),
        "nextNode": after,
    }, True


@dataclass
class _Sums:
    costs: dict[ResetPoint, list[PerRun]] = field(
        default_factory=lambda: {r: [] for r in RESET_POINTS}
    )


def measure(
    failed: Sequence[Run],
    succeeded: Sequence[Run],
    internals: Mapping[str, float] | None = None,
    *,
    requests: int = 0,
) -> Measured:
    """Per reset point, the mean over the sampled failed runs of what re-running one makes."""
    internals = internals or {}
    sums = _Sums()
    unmatched: list[str] = []
    for run in failed:
        costs, matched = per_reset(run, succeeded, internals)
        for reset, cost in costs.items():
            sums.costs[reset].append(cost)
        stop = failing_index(run)
        if not matched and stop is not None:
            execution = run.executions[stop]
            name = execution.node_slug or execution.node_uuid
            if name not in unmatched:
                unmatched.append(name)
    by_reset = {r: m for r, costs in sums.costs.items() if (m := mean(costs)) is not None}
    return Measured(by_reset, len(failed), len(succeeded), requests, tuple(unmatched))


@dataclass(frozen=True)
class Observed:
    """What an earlier re-run (a pilot) was billed, run by run."""

    batch: Batch
    per_run: PerRun
    #: Runs it measured (finished), and the spread of their cost (credits per run).
    runs: int
    spread: float
    reset: str | None

    @property
    def billed_per_run(self) -> float | None:
        """What the batch itself says it used per executed run (provider + executions)."""
        done = self.batch.executed_runs_count
        return self.batch.credits_used_count / done if done else None


def observe(batch: Batch, runs: Sequence[Run]) -> Observed | None:
    """The cost per run an earlier re-run showed, from its finished runs' executions."""
    done = [r for r in runs if r.status.is_terminal]
    costs = [_cost(r.executions, {}) for r in done]
    found = mean(costs)
    if found is None:
        return None
    reset = ((batch.data or {}).get("reset") or {}).get("from")
    spread = pstdev([c.total for c in costs]) if len(costs) > 1 else 0.0
    return Observed(batch, found, len(done), spread, reset if isinstance(reset, str) else None)


def amount(credits: float) -> str:
    """Credits as the dialogs write them: to the hundredth (the execution charge's grain)
    below a thousand, whole above."""
    return f"{credits:,.0f}" if abs(credits) >= 1000 else f"{credits:,.2f}"


def billed(provider: float, executions: float) -> str:
    """What a set of executions billed, both terms: ``12 provider credits + 0.40 for 40
    executions = 12.40 credits``."""
    charge = executions * PER_EXECUTION
    return (
        f"{amount(provider)} provider credits + {amount(charge)} for "
        f"{executions:,.0f} executions = {amount(provider + charge)} credits"
    )
