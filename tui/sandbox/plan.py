"""The plan of a workspace's history: which batches ran when, how big, and what went wrong.

Batches are few (hundreds), so they are planned here in Python from the seed; their runs and
spans are then generated in chDB by set-based SQL (``history.py``). Each batch carries a
``scenario`` the generator reads: the failures a RevOps engineer meets in real life.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tui.sandbox.catalog import Catalog, WorkflowInfo
from tui.sandbox.ids import Seeded

DAYS = {"small": 7, "demo": 28, "large": 28}
VOLUME = {"small": 0.1, "demo": 1.0, "large": 1.0}
#: Runs in the benchmark batch of the large scale.
MILLION = 1_000_000

# Scenarios the generator knows (history.py): each adds its failures to the usual noise.
NORMAL = "normal"
BURST_429 = "burst429"  # HubSpot answers 429 to a third of the batch: success with failed runs
AGENT_SLOW = "agentSlow"  # the agent's provider is slow: many timeouts
SESSION_EXPIRED = "sessionExpired"  # Salesforce token expired mid-batch: the batch errors
CANCELLED = "cancelled"  # someone cancelled the batch a third of the way through
RETRY = "retry"  # a re-run: the transient failures do not recur


@dataclass
class PlannedBatch:
    uuid: str
    workflow_uuid: str
    release_uuid: str
    created_at: datetime
    runs_count: int
    spread_ms: int  # runs are created over this long after the batch
    scenario: str = NORMAL
    model: str = "companies"
    subject_base: int = 0
    subject_space: int = 0  # distinct records the batch cycles through (0: the model's)
    subject_ids: list[int] = field(default_factory=list)
    parent_uuids: list[str] = field(default_factory=list)
    live: bool = False
    cut_from: int = 0  # session expired / cancelled: runs from this index on are hit
    data: dict[str, Any] = field(default_factory=dict)
    error_message: str | None = None
    cancelled_at: datetime | None = None
    #: A re-run: where each run starts (a position along its route, 1 the first node) and
    #: the route it takes (its parent's), by run; empty: the first node, a route by chance.
    starts: list[int] = field(default_factory=list)
    path_nos: list[int] = field(default_factory=list)


def workflow_model(catalog: Catalog, workflow: WorkflowInfo) -> tuple[str, dict[str, Any]]:
    """The model a workflow's runs are about, and the batch data that enrolled them."""
    if workflow.play_uuid:
        play = catalog.find("plays", workflow.play_uuid)
        assert play is not None
        model = catalog.find("models", play["modelUuid"])
        assert model is not None
        return model["slug"], {"kind": "segment", "segmentUuid": play["segmentUuid"]}
    slug = "contacts" if any(n.slug == "find_email" for n in workflow.graph) else "companies"
    return slug, {"kind": "recordIds", "modelUuid": catalog.model_by_slug(slug)["uuid"]}


def _cadence(catalog: Catalog, workflow: WorkflowInfo) -> tuple[float, float]:
    """Batches per day, and how the size of one varies around the volume."""
    if not workflow.play_uuid:
        return 1.2, 0.9
    play = catalog.find("plays", workflow.play_uuid)
    assert play is not None
    kind = (play["schedule"] or {}).get("type")
    cron = (play["schedule"] or {}).get("cron", "")
    if kind == "realtime":
        return 8.0, 0.9
    if kind == "watch":
        return 2.5, 0.8
    if cron.endswith("* * 1"):
        return 1 / 7, 0.1
    return 1.0, 0.3


def plan_history(catalog: Catalog, *, seed: int, now: datetime, scale: str) -> list[PlannedBatch]:
    ids = Seeded(seed, f"{catalog.workspace['name']}:plan")
    rng = ids.rng
    days, volume = DAYS[scale], VOLUME[scale]
    start = now - timedelta(days=days)
    planned: list[PlannedBatch] = []
    for workflow in catalog.workflows:
        model, data = workflow_model(catalog, workflow)
        n_subjects = len(catalog.records.of(model))
        per_day, jitter = _cadence(catalog, workflow)
        play = catalog.find("plays", workflow.play_uuid) if workflow.play_uuid else None
        # A disabled play stopped ten days ago.
        until = now - timedelta(days=10) if play and not play["isEnabled"] else now
        moment = start + timedelta(hours=rng.uniform(0, 24 / per_day))
        while moment < until - timedelta(hours=1):
            size = workflow.volume * volume * rng.uniform(1 - jitter, 1 + jitter)
            count = max(1, round(size))
            batch = PlannedBatch(
                uuid=ids.uuid(),
                workflow_uuid=workflow.uuid,
                release_uuid=workflow.release_at(moment)["uuid"],
                created_at=moment,
                runs_count=count,
                spread_ms=int(count * 3000 / 50) + rng.randint(500, 5000),
                model=model,
                subject_base=rng.randrange(n_subjects),
                data=data,
            )
            planned.append(batch)
            if data["kind"] == "recordIds":
                # The records the batch was asked to run, as the types require of its data.
                records = catalog.records.of(model)
                batch.data = {
                    **data,
                    "ids": [
                        records[(batch.subject_base + i) % n_subjects]["id"] for i in range(count)
                    ],
                }
            moment += timedelta(hours=rng.expovariate(per_day / 24))
    planned.sort(key=lambda b: b.created_at)
    _add_incidents(catalog, planned, ids, now, scale)
    from tui.sandbox.record_runs import plan_record_runs

    plan_record_runs(catalog, planned, seed, now)
    return planned


def latest(planned: list[PlannedBatch]) -> set[str]:
    """The uuids of each workflow's latest batch, and of every live one: what
    ``Workflow.lastBatch`` reads, loaded first so Discovery need not wait for the rest."""
    newest: dict[str, PlannedBatch] = {}
    for batch in planned:
        if (
            batch.workflow_uuid not in newest
            or batch.created_at > newest[batch.workflow_uuid].created_at
        ):
            newest[batch.workflow_uuid] = batch
    return {b.uuid for b in newest.values()} | {b.uuid for b in planned if b.live}


def _latest(planned: list[PlannedBatch], workflow_uuid: str, before: datetime) -> PlannedBatch:
    return max(
        (b for b in planned if b.workflow_uuid == workflow_uuid and b.created_at < before),
        key=lambda b: b.created_at,
    )


def _add_incidents(
    catalog: Catalog, planned: list[PlannedBatch], ids: Seeded, now: datetime, scale: str
) -> None:
    """The failures the demo tells about, placed on the workflows they belong to."""
    by_name = {w.name: w for w in catalog.workflows}
    enrich = by_name.get("Enrich new companies") or catalog.workflows[0]
    # This morning's big batch: HubSpot rate-limited a third of it; it still says success.
    # It ran on the deployed release (a few days old), so hubspot_upsert fails more on that
    # release than on the one before: what the Metrics tab's release comparison shows.
    burst = _latest(planned, enrich.uuid, now - timedelta(hours=3))
    burst.scenario = BURST_429
    burst.runs_count = max(burst.runs_count, int(4980 * VOLUME[scale]))
    burst.spread_ms = 9 * 60_000
    # The batch running right now, progressing in real time while the sandbox is up.
    model, data = workflow_model(catalog, enrich)
    live_size = int(5000 * VOLUME[scale])
    planned.append(
        PlannedBatch(
            uuid=ids.uuid(),
            workflow_uuid=enrich.uuid,
            release_uuid=enrich.deployed["uuid"],
            created_at=now - timedelta(minutes=58),
            runs_count=live_size,
            spread_ms=5 * 3_600_000,
            model=model,
            subject_base=ids.rng.randrange(len(catalog.records.of(model))),
            live=True,
            data=data,
        )
    )
    if "Route inbound leads" in by_name:
        slow = _latest(planned, by_name["Route inbound leads"].uuid, now - timedelta(days=2))
        slow.scenario = AGENT_SLOW
        slow.runs_count = max(slow.runs_count, 40)
    if "Score new signups" in by_name:
        expired = _latest(planned, by_name["Score new signups"].uuid, now - timedelta(days=1))
        expired.scenario = SESSION_EXPIRED
        expired.cut_from = max(1, expired.runs_count // 7)
        expired.error_message = (
            "Salesforce connector: session expired or invalid (INVALID_SESSION_ID). "
            "Reconnect the connector and re-run the failed runs."
        )
    if "Weekly ICP refresh" in by_name:
        icp = by_name["Weekly ICP refresh"]
        cancelled = _latest(planned, icp.uuid, now - timedelta(days=3))
        cancelled.scenario = CANCELLED
        cancelled.cut_from = cancelled.runs_count // 3
        cancelled.cancelled_at = cancelled.created_at + timedelta(
            milliseconds=cancelled.spread_ms // 3
        )
        if scale == "large":
            moment = now - timedelta(days=6)
            planned.append(
                PlannedBatch(
                    uuid=ids.uuid(),
                    workflow_uuid=icp.uuid,
                    release_uuid=icp.release_at(moment)["uuid"],
                    created_at=moment,
                    runs_count=MILLION,
                    subject_space=MILLION,
                    spread_ms=20 * 3_600_000,
                    model="companies",
                    data={"kind": "segment", "segmentUuid": catalog.plays[-1]["segmentUuid"]},
                )
            )
    planned.sort(key=lambda b: b.created_at)
