"""One record run in several batches: twice it succeeded, then it failed.

A lead who sends the demo form again is routed again by "Route inbound leads" (a realtime
play: a batch of one run each time). The last time, the scoring agent timed out; the runs
before it succeeded. This is what the run diff compares: the failed run against the same
record's last success, whose first difference is the agent's node (:data:`DIVERGES_AT`), the
nodes before it (the record, its work email) being the same on both sides.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tui.sandbox.catalog import Catalog
from tui.sandbox.ids import Seeded
from tui.sandbox.plan import RETRY, PlannedBatch, workflow_model

WORKFLOW = "Route inbound leads"
#: The lead (its index among the contacts) whose runs these are, and its record id.
CONTACT = 41
RECORD_ID = f"ctc_{CONTACT + 1:06d}"
#: The node where its failed run parts from its successes.
DIVERGES_AT = "score"
#: The scenario of its failed batch: the agent times out for every run (``history.RUNS``).
AGENT_TIMEOUT = "agentTimeout"
#: When each batch was created, before the sandbox's clock, and whether it failed.
BATCHES = ((timedelta(days=5, hours=3), False), (timedelta(days=2, hours=5), False),
           (timedelta(hours=26), True))  # fmt: skip


def plan_record_runs(
    catalog: Catalog, planned: list[PlannedBatch], seed: int, now: datetime
) -> None:
    """Add the record's batches to ``planned`` (none when the workspace has no such play)."""
    workflow = next((w for w in catalog.workflows if w.name == WORKFLOW), None)
    if workflow is None:
        return
    ids = Seeded(seed, f"{catalog.workspace['name']}:record-runs")
    model, data = workflow_model(catalog, workflow)
    assert catalog.records.of(model)[CONTACT]["id"] == RECORD_ID
    for ago, fails in BATCHES:
        moment = now - ago
        planned.append(
            PlannedBatch(
                uuid=ids.uuid(),
                workflow_uuid=workflow.uuid,
                release_uuid=workflow.release_at(moment)["uuid"],
                created_at=moment,
                runs_count=1,
                spread_ms=1000,
                # The successes have none of the transient failures other batches see.
                scenario=AGENT_TIMEOUT if fails else RETRY,
                model=model,
                subject_ids=[CONTACT],
                data=data,
            )
        )
    planned.sort(key=lambda b: b.created_at)
