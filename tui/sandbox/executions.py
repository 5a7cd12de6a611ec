"""The executions of a page of runs, computed in Python from the runs' own columns.

The ``spans`` view is the truth the SQL endpoint shows; it costs ClickHouse 25-50 ms to plan
each query, whatever it reads, which is most of a page's budget. The REST reads of a few runs
(a page, one run, their node outputs) compute the same rows here from each run's route, timings
and outcome, read from ``_runs`` by key. ``tests/sandbox/test_executions.py`` holds this to the
view: the same rows, value for value, at the same clock.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from tui.sandbox import engine
from tui.sandbox.engine import quote
from tui.sandbox.tool_calls import child_of

if TYPE_CHECKING:
    from tui.sandbox.world import Workspace

Entity = dict[str, Any]

#: A route node's key, as the spans view computes it: ``route_id * 64 + position``.
ROUTE_STRIDE = 64


@dataclass(frozen=True)
class RouteNode:
    """One node along one route (the view's constants, as Python values)."""

    node_uuid: str
    kind: str
    slug: str
    action: str
    integration: str
    connector: str
    agent: str
    #: tool nodes: the tool; tool and agent nodes: the release of it that runs
    tool: str
    release: str
    child_index: int
    next_node: str


# Aliases differ from the columns: in ClickHouse an alias would shadow its column in WHERE.
RAW_COLUMNS = (
    "toString(uuid) AS run, toString(workflow_uuid) AS workflow, "
    "toString(batch_uuid) AS batch, toString(trace_uuid) AS trace, record_id, "
    "toString(parent_uuid) AS parent_run, toString(parent_node_uuid) AS parent_node, "
    "toString(parent_batch_uuid) AS parent_batch, is_group_parent, "
    "record_title, _status, _error_message, _route_id, _reached, _fail, _millis, _credits, "
    "_score, _path_no, _from, live, toUnixTimestamp64Milli(started_at) AS started, "
    "toUnixTimestamp64Milli(_finished_at) AS finished"
)


def iso_ms(millis: int) -> str:
    """Milliseconds since the epoch as the API writes a moment."""
    seconds, rest = divmod(millis, 1000)
    return f"{_iso_second(seconds)}.{rest:03d}Z"


@functools.lru_cache(maxsize=4096)
def _iso_second(seconds: int) -> str:
    # A page's executions fall in a few seconds: format each second once.
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))


def ch_literal(iso: str) -> str:
    """An API moment (``...T...Z``) as a DateTime64(3) literal for a key condition."""
    return f"toDateTime64({quote(iso.rstrip('Z').replace('T', ' '))}, 3, 'UTC')"


def title(node: RouteNode, record_title: str, path_no: int, score: int) -> str:
    """What a successful execution shows as its title (the view's ``execution_title``)."""
    fit = path_no == 1
    if node.slug == "start":
        return record_title
    if node.slug == "clearbit_enrich":
        return f"Enriched {record_title}"
    if node.action == "branch":
        return "true" if fit else "false"
    if node.slug == "qualify":
        return f"{'Fit' if fit else 'Not a fit'} · score {score}"
    if node.slug == "score":
        return f"{'Hot' if fit else 'Nurture'} · score {score}"
    if node.kind == "agent":
        return f"Brief: {record_title}"
    if node.slug == "find_email":
        return f"Found {record_title}"
    if node.integration == "hubspot":
        return f"Upserted company {100000 + score * 997}"
    if node.integration == "slack":
        return "Posted to #gtm-alerts"
    if node.integration == "salesforce":
        return "Updated lead 00Q" + str(score * 7919).rjust(6, "0")[:6]
    if node.slug == "mark_disqualified":
        return "Tagged not-a-fit"
    return "Done"


def spans_of_raw(route_nodes: dict[int, RouteNode], raw: Entity, clock: int) -> list[Entity]:
    """The spans of one run (as the view writes them, camelCased) at ``clock`` (epoch ms)."""
    reached, fail, status = raw["_reached"], raw["_fail"], raw["_status"]
    started, finished = raw["started"], raw["finished"]
    millis = raw["_millis"][:reached]
    first = raw["_from"]  # a re-run starts at its reset point
    spans = []
    for n, (ms, cum, credit) in enumerate(
        zip(millis, accumulate(millis), raw["_credits"][:reached], strict=True), start=1
    ):
        start = started + cum - ms
        if n < first:
            continue
        if raw["live"] and start > clock:
            continue
        cut = status == "cancelled" and n == reached
        end = finished if cut else started + cum
        done = end <= clock
        outcome = "error" if n == fail or cut else "success"
        ok = done and outcome == "success"
        node = route_nodes[raw["_route_id"] * ROUTE_STRIDE + n]
        error = None
        if done and outcome == "error":
            error = raw["_error_message"] if n == fail else "Run cancelled"
        spans.append(
            {
                "workflowUuid": raw["workflow"],
                "batchUuid": raw["batch"],
                "runUuid": raw["run"],
                "traceUuid": raw["trace"],
                "recordId": raw["record_id"],
                "recordTitle": raw["record_title"],
                "parentRunUuid": raw["parent_run"],
                "parentNodeUuid": raw["parent_node"],
                "parentBatchUuid": raw["parent_batch"],
                "isGroupParent": raw["is_group_parent"],
                "nodeUuid": node.node_uuid,
                "nodeKind": node.kind,
                "nodeSlug": node.slug,
                "nodeActionSlug": node.action or None,
                "nodeIntegrationSlug": node.integration or None,
                "nodeConnectorUuid": node.connector or None,
                "nodeAgentUuid": node.agent or None,
                "nodeToolUuid": node.tool or None,
                "nodeReleaseUuid": node.release or None,
                "nodeBatchUuid": child_of(raw["batch"]) if node.kind == "tool" else None,
                "nodeRunUuid": child_of(raw["run"]) if node.kind == "tool" else None,
                "nodeChildIndex": node.child_index,
                "nodeWaitUntilFinished": node.kind in ("tool", "agent"),
                "nodeNextUuid": (node.next_node or None) if ok else None,
                "executionIndex": n - first,
                "executionStatus": outcome if done else "pending",
                "executionErrorMessage": error,
                "executionTitle": (
                    title(node, raw["record_title"], raw["_path_no"], raw["_score"]) if ok else None
                ),
                "executionCreditsUsedCount": credit if done else 0,
                "executionStartedAt": iso_ms(start),
                "executionUpdatedAt": iso_ms(end if done else max(start, clock)),
                "executionFinishedAt": iso_ms(end) if done else None,
            }
        )
    return spans


#: Runs per lookup in :func:`spans_of` (each uuid costs ~40 bytes of SQL).
RAW_CHUNK = 2_000


def raw_runs(ws: Workspace, items: Iterable[Entity], key: str) -> tuple[list[Entity], int]:
    """The physical rows of the given runs, found by key (batch, then created_at), and the clock.

    ``items`` are runs or records as the API writes them: ``key`` names their run uuid.
    """
    bounds: dict[str, list[Entity]] = {}
    for item in items:
        bounds.setdefault(item["batchUuid"], []).append(item)
    terms = []
    for batch, group in bounds.items():
        moments = [g["createdAt"] for g in group]
        # An array literal: ClickHouse analyses it far faster than a list of toUUID calls.
        uuids = "[" + ", ".join(quote(g[key]) for g in group) + "]"
        terms.append(
            f"(batch_uuid = toUUID({quote(batch)}) AND created_at BETWEEN "
            f"{ch_literal(min(moments))} AND {ch_literal(max(moments))} AND uuid IN {uuids})"
        )
    if not terms:
        return [], 0
    found = engine.rows(
        f"SELECT {RAW_COLUMNS}, toUnixTimestamp64Milli({ws.clock_sql}) AS clock "
        f"FROM {ws.db}._runs WHERE {' OR '.join(terms)}"
    )
    return found, (found[0]["clock"] if found else 0)


def spans_of(ws: Workspace, items: list[Entity], key: str) -> list[Entity]:
    """The spans of a page of runs (or records), in run order, each run's in node order.

    The runs are looked up RAW_CHUNK at a time: one query naming them all passes chDB's
    ``max_query_size`` past ~6,500 uuids (a ``run.download`` of a big workflow did).
    """
    by_uuid: dict[str, tuple[Entity, int]] = {}
    for start in range(0, len(items), RAW_CHUNK):
        found, clock = raw_runs(ws, items[start : start + RAW_CHUNK], key)
        by_uuid.update((raw["run"], (raw, clock)) for raw in found)
    spans: list[Entity] = []
    for item in items:
        hit = by_uuid.get(item[key])
        if hit is not None:
            spans += spans_of_raw(ws.route_nodes, *hit)
    return spans
