"""The runs tool nodes start: each run that reaches a tool node starts a run of the tool's
workflow, in a batch of the tool's (one per batch of the caller), while the node waits.

The child run is the caller's lineage as the vendor's types have it: ``parentUuid``,
``parentNodeUuid`` and ``parentBatchUuid`` name the caller, its ``traceUuid`` is the caller's,
and the caller's execution of the node names the child (``nodeRunUuid``, ``nodeBatchUuid``).
The child's batch is a ``form`` batch (what a tool runs on) naming the caller's batch and node.
Children are generated in SQL from the callers' rows, as the callers are, so a batch of a
thousand runs costs one statement more.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tui.sandbox import engine
from tui.sandbox.catalog import Catalog, WorkflowInfo
from tui.sandbox.engine import quote
from tui.sandbox.graphs import paths
from tui.sandbox.plan import PlannedBatch
from tui.sandbox.schema import CHILD_OF

_FLIP = dict(zip("0123456789abcdef", "89abcdef01234567", strict=True))


def child_of(uuid: str) -> str:
    """The run (or batch) a tool node starts for ``uuid``: as ``schema.CHILD_OF`` in SQL."""
    return uuid[:14] + _FLIP[uuid[14]] + uuid[15:]


CHILD_RUNS = """
INSERT INTO {db}._runs
SELECT {child_run} AS uuid, toUUID({tool_workflow}) AS workflow_uuid, {child_batch} AS batch_uuid,
    toUUID(transform(toString(p_batch), {parents}, {releases}, {release})) AS release_uuid,
    p_trace AS trace_uuid, p_record_id AS record_id, p_record_title AS record_title,
    multiIf(cut, 'cancelled', broke, 'error', 'success') AS _status,
    if(broke, {failure}, NULL) AS _error_message,
    p_uuid AS parent_uuid, toUUID({node}) AS parent_node_uuid, p_batch AS parent_batch_uuid,
    false AS is_group_parent, created AS created_at, created AS started_at,
    if(cut, greatest(p_finished, created),
       addMilliseconds(created, arraySum(arraySlice(c_millis, 1, reached)))) AS _finished_at,
    toUInt32(if(cut, 0, arraySum(c_credits))) AS _credits_used_count, p_live AS live,
    t_route AS _route, toUInt8(reached) AS _reached, toUInt8(if(broke, {fail_at}, 0)) AS _fail,
    c_millis AS _millis, c_credits AS _credits, p_score AS _score, toUInt8(1) AS _path_no,
    t_route_id AS _route_id, toUInt32(seq) AS _seq, toUInt8(1) AS _from
FROM (
    -- When the node started, unless a run of the same batch was created at that moment: a
    -- batch's runs never share one (paging reads them by position, see schema.py). Each is
    -- at least its start and a millisecond after the one before.
    SELECT *, fromUnixTimestamp64Milli(toInt64(seq) + max(start_ms - toInt64(seq)) OVER (
            PARTITION BY p_batch ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ), 'UTC') AS created
    FROM (
        SELECT *, row_number() OVER (PARTITION BY p_batch ORDER BY t_start, p_uuid) - 1 AS seq,
            toUnixTimestamp64Milli(t_start) AS start_ms
        FROM (
            SELECT r.uuid AS p_uuid, r.batch_uuid AS p_batch, r.trace_uuid AS p_trace,
                r.record_id AS p_record_id, r.record_title AS p_record_title, r.live AS p_live,
                r._score AS p_score, r._finished_at AS p_finished,
                addMilliseconds(r.started_at, arraySum(arraySlice(r._millis, 1, w.p_tool - 1)))
                    AS t_start,
                r._status = 'cancelled' AND r._reached = w.p_tool AS cut,
                r._fail = w.p_tool AS broke,
                multiIf(cut, 2, broke, {fail_at}, length(t.route)) AS reached,
                -- A failed node uses no credits, and the nodes after it never ran.
                arrayMap((c, n) -> toUInt16(if(n >= reached AND broke, 0, c)), t.credits,
                    arrayEnumerate(t.credits)) AS c_credits,
                arrayMap(m -> toUInt32(greatest(1, intDiv(m * r._millis[w.p_tool],
                    greatest(arraySum(t.millis), 1)))), t.millis) AS c_millis,
                t.route AS t_route, t.credits AS t_credits, t.route_id AS t_route_id
            FROM {db}._runs AS r
            INNER JOIN {db}._routes AS w ON w.route_id = r._route_id
            CROSS JOIN (
                SELECT route, millis, credits, route_id FROM {db}._routes
                WHERE workflow_uuid = {tool_workflow} AND path_no = 1
            ) AS t
            WHERE r.batch_uuid IN {batches} AND w.p_tool > 0 AND r._reached >= w.p_tool
                AND r._from <= w.p_tool
        )
    )
)
"""


def _tool_node(
    catalog: Catalog, workflow: WorkflowInfo
) -> tuple[dict[str, str], WorkflowInfo] | None:
    """The workflow's tool node (the sandbox's graphs have at most one) and the tool's workflow."""
    for spec, node in zip(workflow.graph, workflow.nodes, strict=True):
        if spec.kind == "tool":
            tool = next(t for t in catalog.tools if t["uuid"] == node["toolUuid"])
            called = catalog.workflow(tool["workflowUuid"])
            assert called is not None
            return node, called
    return None


def _failure(called: WorkflowInfo) -> tuple[int, str]:
    """Where a failing run of the tool's workflow fails (a position along its first route, the
    first connector's) and its error message, as SQL over the caller's columns."""
    route = paths(called.graph)[0]
    at = next((n for n, x in enumerate(route, start=1) if called.graph[x].integration), 2)
    spec = called.graph[route[at - 1]]
    if spec.integration == "apollo":
        return at, (
            "concat('No work email found for \"', p_record_title, "
            "'\" (Apollo 404 person_not_found)')"
        )
    return at, quote(f"{spec.name}: the provider answered 500 Internal Server Error")


def generate_children(db: str, catalog: Catalog, planned: list[PlannedBatch]) -> list[PlannedBatch]:
    """The children of the planned batches' runs that reach a tool node, and their batches
    (to insert into ``_plan``, then total as any batch)."""
    children: list[PlannedBatch] = []
    for workflow in catalog.workflows:
        callers = [b for b in planned if b.workflow_uuid == workflow.uuid]
        found = _tool_node(catalog, workflow) if callers else None
        if found is None:
            continue
        node, called = found
        fail_at, failure = _failure(called)
        releases = [called.release_at(b.created_at)["uuid"] for b in callers]
        batches = "[" + ", ".join(quote(b.uuid) for b in callers) + "]"
        engine.execute(
            CHILD_RUNS.format(
                db=db,
                child_run=CHILD_OF.format(x="p_uuid"),
                child_batch=CHILD_OF.format(x="p_batch"),
                tool_workflow=quote(called.uuid),
                parents="[" + ", ".join(quote(b.uuid) for b in callers) + "]",
                releases="[" + ", ".join(quote(r) for r in releases) + "]",
                release=quote(called.deployed["uuid"]),
                node=quote(node["uuid"]),
                batches=batches,
                fail_at=fail_at,
                failure=failure,
            )
        )
        children += _child_batches(db, callers, called, releases, node["uuid"])
    return children


def _child_batches(
    db: str, callers: list[PlannedBatch], called: WorkflowInfo, releases: list[str], node: str
) -> list[PlannedBatch]:
    uuids = {child_of(b.uuid): (b, release) for b, release in zip(callers, releases, strict=True)}
    found = engine.rows(
        f"SELECT toString(batch_uuid) AS batch, count() AS runs, "
        f"toUnixTimestamp64Milli(min(created_at)) AS first, "
        f"toUnixTimestamp64Milli(max(_finished_at)) AS last FROM {db}._runs "
        f"WHERE batch_uuid IN [{', '.join(quote(u) for u in uuids)}] GROUP BY batch"
    )
    batches = []
    for row in found:
        parent, release = uuids[row["batch"]]
        batches.append(
            PlannedBatch(
                uuid=row["batch"],
                workflow_uuid=called.uuid,
                release_uuid=release,
                created_at=datetime.fromtimestamp(row["first"] / 1000, UTC),
                runs_count=row["runs"],
                spread_ms=max(1, row["last"] - row["first"]),
                model=parent.model,
                live=parent.live,
                data={
                    "kind": "form",
                    "s3Filename": f"forms/{row['batch']}.json",
                    "parentBatchUuid": parent.uuid,
                    "parentNodeUuid": node,
                },
                cancelled_at=parent.cancelled_at,
            )
        )
    return batches
