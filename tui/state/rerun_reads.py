"""The few reads a re-run's price takes: sampled runs' executions, an earlier re-run's runs,
and the workspace's billing (``rerun_cost`` turns them into numbers).

Bounded: one page of the failed runs (or a few of them by uuid), one page of successful runs
per failing node and release (at most ``MAX_GROUPS``), one tool run per tool node (at most
``MAX_TOOLS``): a handful of requests whatever the number of runs re-run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from tui import clock
from tui.api.errors import CargoError, ForbiddenError
from tui.api.models.billing import Subscription
from tui.api.models.runs import Batch, Run
from tui.api.run_filters import RunFilter
from tui.state.rerun_cost import Measured, Observed, failing_index, measure, observe

if TYPE_CHECKING:
    from tui.api.client import CargoClient

#: Failed runs sampled, successful runs read per failing node, and bounds on the reads.
FAILED_SAMPLE = 10
PEER_SAMPLE = 10
MAX_GROUPS = 3
MAX_TOOLS = 2
#: The usage read beside the balance: this workflow's executions in the 30 days before the
#: subscription's credits reset (its period).
USAGE_DAYS = 30


def _passed(node_slug: str) -> dict[str, Any]:
    """An ``executions_filter``: runs whose ``node_slug`` execution succeeded."""
    condition = {"kind": "node", "nodeSlug": node_slug, "status": "success"}
    return {"conjonction": "and", "groups": [{"conjonction": "and", "conditions": [condition]}]}


async def sample_failed(
    client: CargoClient, filters: RunFilter, uuids: Sequence[str]
) -> tuple[list[Run], int]:
    """Some of the runs to re-run, with their executions, and the requests it took: by uuid
    (a few, one request each) when the user picked them, else the first page of the filter."""
    if uuids:
        picked = list(uuids[: min(len(uuids), 5)])
        found = await asyncio.gather(*(client.orchestration.run.get(u) for u in picked))
        return [d.run for d in found], len(picked)
    page = await client.orchestration.run.list(limit=FAILED_SAMPLE, **filters)
    return page.runs, 1


async def measure_rerun(
    client: CargoClient, workflow_uuid: str, filters: RunFilter, uuids: Sequence[str] = ()
) -> Measured:
    """What re-running these runs makes from each reset point, measured on a sample."""
    failed, requests = await sample_failed(client, filters, uuids)
    groups: dict[tuple[str | None, str | None], list[Run]] = {}
    for run in failed:
        stop = failing_index(run)
        slug = run.executions[stop].node_slug if stop is not None else None
        groups.setdefault((run.release_uuid, slug), []).append(run)
    kept = list(groups.items())[:MAX_GROUPS]
    pages = await asyncio.gather(
        *(
            client.orchestration.run.list(
                limit=PEER_SAMPLE,
                workflow_uuid=workflow_uuid,
                release_uuid=release,
                statuses=["success"],
                executions_filter=_passed(slug) if slug else None,
            )
            for (release, slug), _ in kept
        )
    )
    requests += len(kept)
    succeeded = {r.uuid: r for page in pages for r in page.runs}
    tools: dict[str, str] = {}  # tool node -> a run it started
    for run in succeeded.values():
        for execution in run.executions:
            if execution.node_run_uuid and len(tools) < MAX_TOOLS:
                tools.setdefault(execution.node_uuid, execution.node_run_uuid)
    inside = await asyncio.gather(*(client.orchestration.run.get(u) for u in tools.values()))
    requests += len(tools)
    internals = {
        node: float(len(detail.run.executions)) for node, detail in zip(tools, inside, strict=True)
    }
    sampled = [run for _, runs in kept for run in runs]
    return measure(sampled, list(succeeded.values()), internals, requests=requests)


async def observed_in(client: CargoClient, batch: Batch) -> Observed | None:
    """What an earlier re-run's runs cost, run by run (one page: a pilot is ten runs)."""
    page = await client.orchestration.run.list(batch_uuid=batch.uuid, limit=100)
    return observe(batch, page.runs)


@dataclass(frozen=True)
class Balance:
    """The workspace's billing, or why it cannot be read."""

    subscription: Subscription | None = None
    #: Said plainly when billing cannot be read (no permission, no subscription, an error),
    #: and the status that said it (``403``), for where room is short.
    unreadable: str | None = None
    status: str = ""
    #: This workflow's node executions billed in the subscription's period (its last
    #: ``USAGE_DAYS`` days before the credits reset).
    workflow_executions: float | None = None

    @property
    def remaining(self) -> float | None:
        return None if self.subscription is None else self.subscription.remaining


def _why(error: CargoError) -> str:
    if isinstance(error, ForbiddenError):
        return "billing cannot be read with this token (403): balance not checked"
    if error.status == 404:
        return "no subscription to read (404): balance not checked"
    return f"billing could not be read ({error.status or 'no answer'}): balance not checked"


async def read_balance(client: CargoClient, workflow_uuid: str) -> Balance:
    """What is left to spend, and this workflow's executions in the subscription's period;
    billing that cannot be read is said, never raised."""
    try:
        subscription = await client.billing.subscription.get()
    except CargoError as error:
        return Balance(unreadable=_why(error), status=str(error.status or "no answer"))
    until = subscription.reset_at or clock.now()
    try:
        usage = await client.billing.usage.get_metrics(
            from_=until - timedelta(days=USAGE_DAYS),
            to=until,
            unit="orchestration.executions",
            workflow_uuid=workflow_uuid,
        )
    except CargoError:
        return Balance(subscription)
    return Balance(subscription, workflow_executions=sum(m.total() for m in usage))
