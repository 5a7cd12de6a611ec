"""Generate a workspace's history in chDB with set-based SQL: runs, spans, batch totals.

The plan (``plan.py``) lists batches; one ``INSERT ... SELECT`` per model expands them into
runs (``ARRAY JOIN range(runs_count)``), deciding each run's route through the graph and where
it fails from hashes of the batch and the run's index, so the same seed always gives the same
history, and a million runs cost a second, not a Python loop. Spans are the runs' routes
expanded once more. The same statements generate the runs of batches created through the API.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import astuple

from tui.sandbox import engine
from tui.sandbox.catalog import Catalog, WorkflowInfo
from tui.sandbox.engine import ch_time, quote
from tui.sandbox.executions import ROUTE_STRIDE, RouteNode
from tui.sandbox.graphs import NodeSpec, paths
from tui.sandbox.model_records import PREFIXES, SUFFIXES
from tui.sandbox.plan import PlannedBatch
from tui.sandbox.schema import CHILD_OF, EXECUTIONS
from tui.sandbox.tool_calls import generate_children

#: Share (percent) of runs that take a branch node's first child.
FIRST_BRANCH_SHARE = {"is_fit": 62, "is_hot": 35}

RUNS = """
INSERT INTO {db}._runs
SELECT
    reinterpretAsUUID(sipHash128(bu, i, 'run')) AS uuid,
    toUUID(wu) AS workflow_uuid, toUUID(bu) AS batch_uuid, toUUID(ru) AS release_uuid,
    reinterpretAsUUID(sipHash128(bu, i, 'trace')) AS trace_uuid,
    record_id, record_title,
    multiIf(cancelled, 'cancelled', fail > 0, 'error', 'success') AS _status,
    multiIf(cancelled OR fail = 0, NULL,
        fail = p_clearbit, concat('Invalid domain: "', record_domain,
            '" is not a valid domain name (Clearbit 422 invalid_domain)'),
        fail = p_sf, 'INVALID_SESSION_ID: Session expired or invalid (Salesforce 401)',
        fail = p_hubspot,
            '429 Too Many Requests: HubSpot rate limit (100/10s) exceeded after 3 attempts',
        fail = p_agent, 'Agent timed out after 60s',
        fail = p_tool, 'Tool run failed: the run it started ended in error',
        'Unknown error') AS _error_message,
    if(notEmpty(parents), toUUIDOrNull(parents[i + 1]), NULL) AS parent_uuid,
    CAST(NULL, 'Nullable(UUID)') AS parent_node_uuid,
    CAST(NULL, 'Nullable(UUID)') AS parent_batch_uuid,
    false AS is_group_parent,
    created AS created_at, started AS started_at,
    if(cancelled AND cancel_at IS NOT NULL, assumeNotNull(cancel_at),
       addMilliseconds(started, arraySum(run_millis))) AS _finished_at,
    arraySum(run_credits) AS _credits_used_count,
    live, route AS _route, reached AS _reached, fail AS _fail, run_millis AS _millis,
    run_credits AS _credits, toUInt8(if(route_no = 1, 60 + h % 40, h % 55)) AS _score,
    route_no AS _path_no, route_id AS _route_id, toUInt32(i) AS _seq, start_at AS _from
FROM (
    SELECT *,
        -- A re-run starts at its reset point: the nodes before it neither run nor bill.
        arrayMap((base, n) -> toUInt32(if(n < start_at, 0, if(n = fail,
            if(n = p_agent, 60000, if(n = p_hubspot, 2100 + cityHash64(h, n) % 900,
                                      250 + cityHash64(h, n) % 400)),
            intDiv(base * (500 + cityHash64(h, n) % 1000), 1000)))),
            arraySlice(route_millis, 1, reached), range(1, reached + 1)) AS run_millis,
        arrayMap((base, n) -> toUInt16(if(n = fail OR (cancelled AND n = reached) OR n < start_at,
                                          0, base)),
            arraySlice(route_credits, 1, reached), range(1, reached + 1)) AS run_credits,
        addMilliseconds(b_created, toInt64(spread_ms * i / runs_count)) AS created,
        addMilliseconds(created, 40 + h % 400) AS started
    FROM (
        SELECT *,
            toUInt8(if(cancelled, if(i < cut_from + 40, 1 + h % greatest(length(route) - 1, 1), 0),
                       if(fail > 0, fail, length(route)))) AS reached
        FROM (
            SELECT *,
                toUInt8(greatest(1, least(start_raw, length(w.route)))) AS start_at,
                -- A failure before a re-run's reset point cannot happen: that node does not run.
                toUInt8(if(fail_at >= start_at, fail_at, 0)) AS fail,
                toUInt8(multiIf(
                    p_clearbit > 0 AND malformed = 1, p_clearbit,
                    scenario = 'sessionExpired' AND p_sf > 0 AND i >= cut_from, p_sf,
                    scenario = 'agentTimeout' AND p_agent > 0, p_agent,
                    scenario = 'burst429' AND p_hubspot > 0 AND i >= 0.3 * runs_count
                        AND i < 0.62 * runs_count AND h2 < 700, p_hubspot,
                    scenario != 'retry' AND p_hubspot > 0 AND h2 < 3, p_hubspot,
                    p_agent > 0 AND h3 < multiIf(scenario = 'agentSlow', 260,
                                                scenario = 'retry', 0, 4), p_agent,
                    -- The tool's run fails (tool_calls.py): the node waiting on it fails too.
                    scenario != 'retry' AND p_tool > 0 AND h4 < 30, p_tool,
                    0)) AS fail_at,
                scenario = 'cancelled' AND i >= cut_from AS cancelled,
                if(s.id != '', s.id, concat(if(b_model = 'companies', 'cmp_', 'ctc_'),
                                            leftPad(toString(k + 1), 6, '0'))) AS record_id,
                if(s.id != '', s.title,
                   concat({first_names}[1 + k % {n_first}], ' ',
                          {second_names}[1 + intDiv(k, {n_first}) % {n_second}], ' ',
                          toString(k))) AS record_title,
                if(s.id != '', s.domain, concat('company', toString(k), '.com')) AS record_domain,
                s.malformed AS malformed,
                w.route_id AS route_id, w.route AS route, w.millis AS route_millis, w.credits AS route_credits,
                w.p_clearbit AS p_clearbit, w.p_hubspot AS p_hubspot, w.p_agent AS p_agent,
                w.p_sf AS p_sf, w.p_tool AS p_tool
            FROM (
                SELECT
                    b.uuid AS bu, b.workflow_uuid AS wu, b.release_uuid AS ru, b.model AS b_model,
                    b.created_at AS b_created, b.runs_count AS runs_count,
                    b.spread_ms AS spread_ms, b.scenario AS scenario, b.live AS live,
                    b.cut_from AS cut_from, b.cancelled_at AS cancel_at,
                    b.parent_uuids AS parents, i,
                    sipHash64(b.uuid, i) AS h, cityHash64(h, 2) % 1000 AS h2,
                    cityHash64(h, 3) % 1000 AS h3, cityHash64(h, 4) % 1000 AS h4,
                    toUInt32(if(notEmpty(b.subject_ids), b.subject_ids[i + 1],
                                (b.subject_base + i) % b.subject_space)) AS k,
                    -- A re-run's run takes its parent's route, from the reset point (live.py).
                    toUInt8(if(notEmpty(b.path_nos), b.path_nos[i + 1],
                               if(b.n_paths > 1 AND h % 100 >= b.fit_share, 2, 1))) AS route_no,
                    toUInt8(if(notEmpty(b.starts), b.starts[i + 1], 1)) AS start_raw
                FROM {db}._plan AS b
                ARRAY JOIN range(b.runs_count) AS i
                WHERE {where}
            ) AS r
            INNER JOIN {db}._routes AS w ON w.workflow_uuid = r.wu AND w.path_no = r.route_no
            LEFT JOIN {db}._subjects AS s ON s.model = r.b_model AND s.idx = r.k
        )
    )
)
"""


def _insert_rows(db: str, table: str, rows: Iterable[dict[str, object]]) -> None:
    body = "\n".join(json.dumps(row, separators=(",", ":")) for row in rows)
    if body:
        engine.execute(f"INSERT INTO {db}.{table} FORMAT JSONEachRow\n{body}")


def load_catalog(db: str, catalog: Catalog) -> None:
    """The models' records, which runs name (the graphs go into the statements as constants)."""
    subjects = []
    for model, title in (("companies", "name"), ("contacts", "email")):
        for idx, record in enumerate(catalog.records.of(model)):
            subjects.append(
                {
                    "model": model,
                    "idx": idx,
                    "id": record["id"],
                    "title": record[title],
                    "domain": record.get("domain") or record["email"].partition("@")[2],
                    "malformed": int(
                        model == "companies" and not _looks_like_domain(record["domain"])
                    ),
                }
            )
    _insert_rows(db, "_subjects", subjects)


def load_graphs(db: str, catalog: Catalog) -> tuple[dict[str, str], dict[int, RouteNode]]:
    """Each workflow's routes, one row per route; the nodes along them as view constants,
    and as Python values for the REST reads (``executions.py``).

    A span is a run's route expanded: the ``spans`` view looks each node along a route up by
    ``route_id * 64 + position`` in these constants, so spans cost no storage at all.
    """
    routes: list[dict[str, object]] = []
    columns: dict[str, list[object]] = {name: [] for name in ROUTE_NODE_FIELDS}
    by_key: dict[int, RouteNode] = {}
    agent_releases: dict[str, str] = {
        agent["uuid"]: (agent["deployedRelease"] or {}).get("uuid", "") for agent in catalog.agents
    }
    for workflow in catalog.workflows:
        graph, nodes = workflow.graph, workflow.nodes
        for path_no, route in enumerate(paths(graph), start=1):

            def first(
                test: Callable[[NodeSpec], bool],
                route: list[int] = route,
                graph: list[NodeSpec] = graph,
            ) -> int:
                return next((n + 1 for n, x in enumerate(route) if test(graph[x])), 0)

            route_id = len(routes) + 1
            routes.append(
                {
                    "workflow_uuid": workflow.uuid,
                    "path_no": path_no,
                    "route_id": route_id,
                    "route": route,
                    "millis": [int(graph[x].seconds * 1000) for x in route],
                    "credits": [graph[x].credits for x in route],
                    "p_clearbit": first(lambda spec: spec.slug == "clearbit_enrich"),
                    "p_hubspot": first(lambda spec: spec.slug == "hubspot_upsert"),
                    "p_agent": first(lambda spec: spec.kind == "agent"),
                    "p_sf": first(lambda spec: spec.integration == "salesforce"),
                    "p_tool": first(lambda spec: spec.kind == "tool"),
                }
            )
            for position, x in enumerate(route, start=1):
                spec, node = graph[x], nodes[x]
                parent = graph[route[position - 2]] if position > 1 else None
                key = route_id * ROUTE_STRIDE + position
                by_key[key] = route_node = RouteNode(
                    node_uuid=node["uuid"],
                    kind=spec.kind,
                    slug=spec.slug,
                    action=spec.action if spec.kind in ("native", "connector") else "",
                    integration=spec.integration or "",
                    connector=node.get("connectorUuid") or "",
                    agent=node.get("agentUuid") or "",
                    tool=node.get("toolUuid") or "",
                    release=node.get("releaseUuid")
                    or agent_releases.get(node.get("agentUuid") or "", ""),
                    child_index=parent.children.index(spec.slug) if parent else 0,
                    next_node=nodes[route[position]]["uuid"] if position < len(route) else "",
                )
                for name, value in zip(ROUTE_NODE_FIELDS, (key, *astuple(route_node)), strict=True):
                    columns[name].append(value)
    _insert_rows(db, "_routes", routes)
    constants = {name: _constant(values) for name, values in columns.items()}
    constants |= {
        "child_run": CHILD_OF.format(x="uuid"),
        "child_batch": CHILD_OF.format(x="batch_uuid"),
    }
    return constants, by_key


#: The view's constants: the route nodes' keys, then one per field of :class:`RouteNode`, in
#: its order.
ROUTE_NODE_FIELDS = ("keys", "node_uuids", "kinds", "slugs", "actions", "integrations", "connectors",
               "agents", "tools", "releases", "child_index", "next_nodes")  # fmt: skip


def _constant(values: list[object]) -> str:
    return "[" + ",".join(quote(v) if isinstance(v, str) else str(v) for v in values) + "]"


def graph_shape(workflow: WorkflowInfo) -> tuple[int, int]:
    """How many routes the workflow has, and the share (percent) taking the first."""
    branch = next((spec.slug for spec in workflow.graph if spec.action == "branch"), "")
    return len(paths(workflow.graph)), FIRST_BRANCH_SHARE.get(branch, 100)


def _looks_like_domain(domain: str) -> bool:
    stem, dot, tld = domain.rpartition(".")
    return bool(
        dot
        and stem
        and len(tld) >= 2
        and "." not in stem[-1:]
        and ".." not in domain
        and " " not in domain
        and "/" not in domain
        and stem.isascii()
    )


def plan_row(
    batch: PlannedBatch, subject_space: int, n_paths: int, fit_share: int
) -> dict[str, object]:
    return {
        "n_paths": n_paths,
        "fit_share": fit_share,
        "uuid": batch.uuid,
        "workflow_uuid": batch.workflow_uuid,
        "release_uuid": batch.release_uuid,
        "data": json.dumps(batch.data, separators=(",", ":")),
        "created_at": ch_time(batch.created_at),
        "runs_count": batch.runs_count,
        # At least a millisecond between two runs: a batch's runs never share a created_at,
        # so its pages are ranges of _seq (schema.py).
        "spread_ms": max(batch.spread_ms, batch.runs_count),
        "scenario": batch.scenario,
        "model": batch.model,
        "subject_base": batch.subject_base,
        "subject_space": subject_space,
        "subject_ids": batch.subject_ids,
        "parent_uuids": batch.parent_uuids,
        "live": int(batch.live),
        "cut_from": batch.cut_from,
        "error_message": batch.error_message or "",
        "cancelled_at": ch_time(batch.cancelled_at) if batch.cancelled_at else None,
        "starts": batch.starts,
        "path_nos": batch.path_nos,
    }


def generate(db: str, catalog: Catalog, planned: list[PlannedBatch]) -> None:
    """Insert the planned batches, then generate their runs, spans and totals (theirs alone:
    the history is generated in parts, and batches created through the API one by one)."""
    if not planned:
        return
    rows = []
    for batch in planned:
        workflow = catalog.workflow(batch.workflow_uuid)
        assert workflow is not None
        space = batch.subject_space or len(catalog.records.of(batch.model))
        rows.append(plan_row(batch, space, *graph_shape(workflow)))
    _insert_rows(db, "_plan", rows)
    plan_where = "b.uuid IN (" + ", ".join(quote(b.uuid) for b in planned) + ")"
    engine.execute(
        RUNS.format(
            db=db,
            where=plan_where,
            first_names=_literal(PREFIXES),
            second_names=_literal(SUFFIXES),
            n_first=len(PREFIXES),
            n_second=len(SUFFIXES),
        )
    )
    children = generate_children(db, catalog, planned)
    if children:
        _insert_rows(db, "_plan", [plan_row(b, b.runs_count, 1, 100) for b in children])
    totalled = [*planned, *children]
    plan_where = "b.uuid IN (" + ", ".join(quote(b.uuid) for b in totalled) + ")"
    # An array literal: ClickHouse analyses it far faster than a list of toUUID calls.
    runs_where = "batch_uuid IN [" + ", ".join(quote(b.uuid) for b in totalled) + "]"
    engine.execute(
        BATCHES.format(db=db, where=plan_where, runs_where=runs_where, executions=EXECUTIONS)
    )


def _literal(values: list[str]) -> str:
    return "[" + ",".join(quote(v) for v in values) + "]"


BATCHES = """
INSERT INTO {db}._batches
SELECT toUUID(b.uuid), toUUID(b.workflow_uuid), toUUID(b.release_uuid), b.data,
    multiIf(b.live = 1, 'running', b.scenario = 'cancelled', 'cancelled',
            b.scenario = 'sessionExpired', 'error', 'success'),
    if(a.executed = 0, NULL, if(a.failed > 0.1 * a.executed, 'unhealthy', 'healthy')),
    b.runs_count, a.executed, a.failed, round(a.credits + a.executions / 100, 2), nullIf(b.error_message, ''), b.created_at,
    greatest(b.created_at, a.last),
    if(b.live = 1, NULL, if(b.cancelled_at IS NOT NULL, b.cancelled_at, greatest(b.created_at, a.last))),
    b.live, b.cancelled_at
FROM {db}._plan AS b
LEFT JOIN (
    SELECT toString(batch_uuid) AS of_batch,
        countIf(_status IN ('success', 'error')) AS executed,
        countIf(_status = 'error') AS failed,
        sum(_credits_used_count) AS credits,
        sum({executions}) AS executions,
        max(_finished_at) AS last
    FROM {db}._runs WHERE {runs_where} GROUP BY of_batch
) AS a ON a.of_batch = b.uuid
WHERE {where}
"""
