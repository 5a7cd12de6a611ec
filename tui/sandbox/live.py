"""Writes: create a batch (its runs then progress in real time) and cancel batches or runs."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from tui.sandbox import engine, history, store
from tui.sandbox.catalog import Catalog
from tui.sandbox.engine import ch_time, quote
from tui.sandbox.errors import ApiError, not_found
from tui.sandbox.filters import run_filter, where
from tui.sandbox.plan import NORMAL, RETRY, PlannedBatch, workflow_model
from tui.sandbox.segments import InvalidFilter, select
from tui.sandbox.world import Workspace, World

MAX_NEW_RUNS = 10_000
TERMINAL = ("success", "error", "cancelled", "skipped")


def data_error(reason: str, message: str) -> ApiError:
    error = ApiError(400, message, "dataError")
    error.extra = {"dataError": {"reason": reason}}
    return error


def _index(record_id: str) -> int | None:
    prefix, _, number = record_id.partition("_")
    return int(number) - 1 if prefix in ("cmp", "ctc") and number.isdigit() else None


def create_batch(world: World, ws: Workspace, body: dict[str, Any]) -> dict[str, Any]:
    catalog = ws.catalog
    workflow_uuid = body.get("workflowUuid")
    workflow = catalog.workflow(workflow_uuid) if isinstance(workflow_uuid, str) else None
    if workflow is None:
        raise ApiError(404, f"Workflow {workflow_uuid} was not found", "workflowNotFound")
    release = workflow.deployed
    if (release_uuid := body.get("releaseUuid")) is not None:
        found = next((r for r in workflow.releases if r["uuid"] == release_uuid), None)
        if found is None:
            raise ApiError(
                400, "The release is not one of this workflow's", "invalidReleaseOrCustomNodes"
            )
        release = found
    data = body.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        raise ApiError(400, "data must be an object with a kind", "invalidDataKind")
    model, _ = workflow_model(catalog, workflow)
    subjects: list[int] = []
    parents: list[str] = []
    resumed = Resumed()
    scenario = NORMAL
    kind = data["kind"]
    if kind == "runs":
        resumed = _rerun(ws, workflow.uuid, data, [n["uuid"] for n in workflow.nodes])
        subjects, parents = resumed.subjects, resumed.parents
        scenario = RETRY
    elif kind == "recordIds":
        subjects = _record_ids(catalog, model, data)
    elif kind in ("segment", "filter"):
        subjects = _segment(catalog, model, data)
    else:
        raise ApiError(400, f"Unknown data kind {kind!r}", "invalidDataKind")
    if not subjects:
        raise data_error("noRecords", "No records to run: the data selects none")
    if len(subjects) > MAX_NEW_RUNS:
        raise data_error(
            "invalidData", f"The sandbox runs at most {MAX_NEW_RUNS:,} records at once"
        )
    batch = PlannedBatch(
        uuid=_uuid(),
        workflow_uuid=workflow.uuid,
        release_uuid=release["uuid"],
        created_at=world.clock(),
        runs_count=len(subjects),
        spread_ms=min(8000, 40 * len(subjects)) + 1500,
        scenario=scenario,
        model=model,
        subject_ids=subjects,
        parent_uuids=parents,
        live=True,
        data=data,
        starts=resumed.starts,
        path_nos=resumed.path_nos,
    )
    history.generate(ws.db, catalog, [batch])
    created = store.batch(ws, batch.uuid)
    assert created is not None
    return created


def _uuid() -> str:
    raw = bytearray(secrets.token_bytes(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@dataclass
class Resumed:
    """The runs a re-run re-runs, by run: the record (its index), the run, where along the
    run's route the re-run starts (1: the first node) and that route."""

    subjects: list[int] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    path_nos: list[int] = field(default_factory=list)


def _start(reset: dict[str, Any], run: dict[str, Any], node_uuids: list[str]) -> int:
    """Where along its route a run starts again: ``firstNode`` at its first node; ``lastNode``
    at the node it failed at (or was cancelled at); ``nextNode`` at the one after; ``node`` at
    the node named, when the run's route passes it."""
    route, fail = run["_route"], run["_fail"]
    stopped = fail or (run["_reached"] if run["_status"] == "cancelled" else 0)
    match reset["from"]:
        case "lastNode":
            return max(stopped, 1)
        case "nextNode":
            return min(stopped + 1, len(route)) if stopped else 1
        case "node":
            index = node_uuids.index(reset["nodeUuid"])
            return route.index(index) + 1 if index in route else 1
    return 1


def _rerun(
    ws: Workspace, workflow_uuid: str, data: dict[str, Any], node_uuids: list[str]
) -> Resumed:
    reset = data.get("reset")
    if not isinstance(reset, dict) or reset.get("from") not in (
        "firstNode",
        "lastNode",
        "nextNode",
        "node",
    ):
        raise data_error("invalidData", "reset.from must be firstNode, lastNode, nextNode or node")
    if reset["from"] == "node" and reset.get("nodeUuid") not in node_uuids:
        raise ApiError(400, "reset.nodeUuid is not a node of this workflow", "nodesNotFound")
    run_spec = data.get("filter")
    if not isinstance(run_spec, dict):
        raise data_error("invalidData", "a runs batch needs a filter")
    terms = [*_rerun_terms(run_spec), f"workflow_uuid = toUUID({quote(workflow_uuid)})"]
    # The runs' routes and where they stopped are physical columns: read them by uuid.
    found = engine.rows(
        f"SELECT toString(uuid) AS uuid, record_id, _route, _fail, _reached, _status, _path_no "
        f"FROM {ws.db}._runs WHERE uuid IN (SELECT uuid FROM {ws.db}.runs "
        f"WHERE {where(terms, ws.db)} ORDER BY created_at LIMIT {MAX_NEW_RUNS + 1}) "
        f"ORDER BY created_at, uuid"
    )
    resumed = Resumed()
    for run in found:
        if (k := _index(run["record_id"])) is None:
            continue
        resumed.subjects.append(k)
        resumed.parents.append(run["uuid"])
        resumed.starts.append(_start(reset, run, node_uuids))
        resumed.path_nos.append(run["_path_no"])
    return resumed


#: A ``records`` re-run filter's keys, as the runs filter names them.
RECORD_KEYS = {
    "title": "recordTitle",
    "titleOrId": "recordTitleOrId",
    "parentRunUuid": "parentUuid",
}
#: A record's status, as its run's.
RECORD_STATUSES = {"pending": ("idle", "pending")}


def _rerun_terms(spec: dict[str, Any]) -> list[str]:
    """The runs a ``runs`` batch re-runs: by a filter of runs, or of records (``kind:
    records``: their ``ids``, ``title``, ``statuses``), as ``BatchDataRunsFilter`` allows."""
    given = {k: v for k, v in spec.items() if k != "kind"}
    if spec.get("kind") != "records":
        return run_filter(given)
    ids = given.pop("ids", None)
    statuses = given.pop("statuses", None)
    as_runs = {RECORD_KEYS.get(k, k): v for k, v in given.items()}
    if statuses is not None:
        as_runs["statuses"] = [r for s in statuses for r in RECORD_STATUSES.get(s, (s,))]
    terms = run_filter(as_runs)
    if ids is not None:
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise data_error("invalidData", "filter.ids must be a list of record ids")
        terms.append(f"record_id IN ({', '.join(quote(i) for i in ids)})" if ids else "0")
    return terms


def _record_ids(catalog: Catalog, model: str, data: dict[str, Any]) -> list[int]:
    model_entity = catalog.find("models", str(data.get("modelUuid")))
    if model_entity is None:
        raise data_error("invalidData", "modelUuid is not a model of this workspace")
    ids = data.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise data_error("invalidData", "ids must be a list of record ids")
    known = {r["id"] for r in catalog.records.of(model_entity["slug"])}
    return [k for i in ids if i in known and (k := _index(i)) is not None]


def _segment(catalog: Catalog, model: str, data: dict[str, Any]) -> list[int]:
    if data["kind"] == "segment":
        segment = catalog.find("segments", str(data.get("segmentUuid")))
        if segment is None:
            raise data_error("failedToGetSegment", "The segment was not found")
        model_entity, filter_ = catalog.find("models", segment["modelUuid"]), segment["filter"]
    else:
        model_entity, filter_ = (
            catalog.find("models", str(data.get("modelUuid"))),
            data.get("filter"),
        )
    if model_entity is None:
        raise data_error("invalidData", "The model was not found")
    try:
        found = select(catalog, model_entity, filter_)
    except InvalidFilter as exc:
        raise data_error("invalidData", f"Invalid filter: {exc}") from None
    return [k for r in found if (k := _index(r["id"])) is not None]


def cancel_runs(world: World, ws: Workspace, condition: str) -> int:
    """Cancel the unfinished runs matching ``condition`` (over ``_runs``); how many."""
    moment = ch_time(world.clock())
    at = f"toDateTime64({quote(moment)}, 3, 'UTC')"
    live = f"live = 1 AND _finished_at > {at} AND ({condition})"
    count = int(engine.scalar(f"SELECT count() FROM {ws.db}._runs WHERE {live}"))
    if count:
        engine.execute(
            f"ALTER TABLE {ws.db}._runs UPDATE _status = 'cancelled', _error_message = NULL, "
            f"_fail = 0, _reached = toUInt8(arrayCount(x -> x <= dateDiff('millisecond', "
            f"started_at, {at}), arrayMap((c, m) -> c - m, arrayCumSum(_millis), _millis))), "
            f"_finished_at = greatest({at}, created_at) IN PARTITION 1 WHERE {live} "
            f"SETTINGS mutations_sync = 2"
        )
    return count


def cancel_batch(world: World, ws: Workspace, uuid: str) -> None:
    batch = store.batch(ws, uuid)
    if batch is None:
        raise not_found("batch", uuid)
    if batch["status"] in TERMINAL:
        raise ApiError(
            400, f"Batch {uuid} already finished ({batch['status']})", "batchAlreadyFinished"
        )
    moment = world.clock() - timedelta(milliseconds=1)
    cancel_runs(world, ws, f"batch_uuid = toUUID({quote(uuid)})")
    engine.execute(
        f"ALTER TABLE {ws.db}._batches UPDATE _cancelled_at = "
        f"toDateTime64({quote(ch_time(moment))}, 3, 'UTC') WHERE uuid = toUUID({quote(uuid)}) "
        f"SETTINGS mutations_sync = 2"
    )
