"""RunFilter, RecordFilter and SpanFilter as ClickHouse WHERE clauses over the views.

Every value becomes a quoted literal; uuids go through ``toUUIDOrZero`` so a malformed one
matches nothing rather than failing. Unknown or mistyped keys are a 400 ``invalidRequest``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui.api.statuses import NODE_STATUSES
from tui.sandbox.engine import quote
from tui.sandbox.errors import ApiError

Body = dict[str, Any]


def bad(message: str) -> ApiError:
    return ApiError(400, message, "invalidRequest")


def text(body: Body, key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(f"{key} must be a string")
    return value


def texts(body: Body, key: str) -> list[str] | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad(f"{key} must be a list of strings")
    return value


def flag(body: Body, key: str) -> bool | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    if not isinstance(value, bool):
        raise bad(f"{key} must be true or false")
    return value


def uuid_eq(column: str, value: str) -> str:
    return f"{column} = toUUIDOrZero({quote(value)})"


def uuid_in(column: str, values: list[str]) -> str:
    if not values:
        return "0"
    return f"{column} IN (" + ", ".join(f"toUUIDOrZero({quote(v)})" for v in values) + ")"


def contains(column: str, value: str) -> str:
    return f"positionCaseInsensitiveUTF8({column}, {quote(value)}) > 0"


def moment(column: str, op: str, value: str) -> str:
    return f"{column} {op} parseDateTime64BestEffortOrNull({quote(value)}, 3, 'UTC')"


def limit_offset(body: Body, *, default: int = 100, most: int = 1000) -> tuple[int, int]:
    def number(key: str, fallback: int) -> int:
        value = body.get(key, fallback)
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad(f"{key} must be a non-negative integer")
        return value

    limit = number("limit", default)
    if limit > most:
        raise bad(f"limit must be at most {most}")
    return limit, number("offset", 0)


def run_filter(body: Body, *, records: bool = False) -> list[str]:
    """WHERE terms of a RunFilter (``records``: a RecordFilter, over the records view)."""
    run = "run_uuid" if records else "uuid"
    rid, rtitle = ("id", "title") if records else ("record_id", "record_title")
    terms: list[str] = []
    keyed: dict[str, Callable[[Any], str]] = {
        "workflowUuid": lambda v: uuid_eq("workflow_uuid", v),
        "batchUuid": lambda v: uuid_eq("batch_uuid", v),
        "releaseUuid": lambda v: uuid_eq("release_uuid", v),
        # A run names the run that started it parentUuid; a record, parentRunUuid.
        "parentRunUuid" if records else "parentUuid": lambda v: uuid_eq(
            "parent_run_uuid" if records else "parent_uuid", v
        ),
        "parentBatchUuid": lambda v: uuid_eq("parent_batch_uuid", v),
        "parentNodeUuid": lambda v: uuid_eq("parent_node_uuid", v),
        # Runs of plays, tools and re-runs are no one's: a user's name matches none.
        "userUuid": lambda v: "0",
    }
    for key, term in keyed.items():
        if (value := text(body, key)) is not None:
            terms.append(term(value))
    if (statuses := texts(body, "statuses")) is not None:
        terms.append(
            "status IN (" + ", ".join(quote(s) for s in statuses) + ")" if statuses else "0"
        )
    if (uuids := texts(body, "uuids")) is not None:
        terms.append(uuid_in(run, uuids))
    exact, fuzzy, either = ("ids", "title", "titleOrId") if records else (
        "recordId", "recordTitle", "recordTitleOrId")  # fmt: skip
    if records and (ids := texts(body, "ids")) is not None:
        terms.append(f"{rid} IN (" + ", ".join(quote(i) for i in ids) + ")" if ids else "0")
    elif not records and (value := text(body, exact)) is not None:
        terms.append(f"{rid} = {quote(value)}")
    if (value := text(body, fuzzy)) is not None:
        terms.append(contains(rtitle, value))
    if (value := text(body, either)) is not None:
        terms.append(f"({contains(rtitle, value)} OR {rid} = {quote(value)})")
    if (finished := flag(body, "isFinished")) is not None:
        terms.append("finished_at IS NOT NULL" if finished else "finished_at IS NULL")
    if (group := flag(body, "isGroupParent")) is not None:
        terms.append(f"is_group_parent = {'true' if group else 'false'}")
    for key, column, op in (
        ("createdAfter", "created_at", ">="),
        ("createdBefore", "created_at", "<"),
        ("updatedAfter", "updated_at", ">="),
        ("updatedBefore", "updated_at", "<"),
    ):
        if (value := text(body, key)) is not None:
            terms.append(moment(column, op, value))
    if body.get("executionsFilter") is not None:
        terms.append(executions_filter(body["executionsFilter"], run))
    return terms


@dataclass(frozen=True)
class BatchShape:
    """A filter that names one batch and at most its workflow and some statuses: the batch's
    own totals count it, and, without statuses, its pages are ranges of the batch's runs."""

    batch: str
    workflow: str | None = None
    statuses: list[str] | None = None

    @property
    def whole(self) -> bool:
        """It selects every run of the batch (or none, for another workflow's batch)."""
        return self.statuses is None


PAGING = {"limit", "offset"}
SHAPED = {"batchUuid", "workflowUuid", "statuses"}


def batch_shape(body: Body) -> BatchShape | None:
    """The body's filter as a :class:`BatchShape`, when it is one (keys already validated)."""
    keys = {k for k, v in body.items() if v is not None} - PAGING
    batch = text(body, "batchUuid")
    if batch is None or not keys <= SHAPED:
        return None
    return BatchShape(batch, text(body, "workflowUuid"), texts(body, "statuses"))


def executions_filter(spec: Any, run_column: str) -> str:
    """Runs by what happened at given nodes: absent, pending, success, error (+ text)."""
    if not isinstance(spec, dict) or not isinstance(spec.get("groups"), list):
        raise bad("executionsFilter needs 'conjonction' and 'groups'")
    joiner = {"and": " AND ", "or": " OR "}
    outer = joiner.get(spec.get("conjonction", "and"))
    if outer is None:
        raise bad("executionsFilter.conjonction must be 'and' or 'or'")
    groups = []
    for group in spec["groups"]:
        inner = joiner.get(group.get("conjonction", "and")) if isinstance(group, dict) else None
        if inner is None or not isinstance(group.get("conditions"), list):
            raise bad("each executionsFilter group needs 'conjonction' and 'conditions'")
        parts = [_execution_condition(c, run_column) for c in group["conditions"]]
        if parts:
            groups.append("(" + inner.join(parts) + ")")
    return "(" + outer.join(groups) + ")" if groups else "1"


def _execution_condition(cond: Any, run_column: str) -> str:
    if not isinstance(cond, dict) or cond.get("kind") != "node":
        raise bad("executionsFilter conditions have kind 'node'")
    slug, status = cond.get("nodeSlug"), cond.get("status")
    if not isinstance(slug, str) or status not in NODE_STATUSES:
        raise bad(f"a node condition needs nodeSlug and status {'|'.join(NODE_STATUSES)}")
    reached = f"SELECT run_uuid FROM {{db}}.spans WHERE node_slug = {quote(slug)}"
    if status == "absent":
        return f"{run_column} NOT IN ({reached})"
    where = f"{reached} AND execution_status = {quote(status)}"
    value = cond.get("value")
    if isinstance(value, str) and value:
        column = "execution_error_message" if status == "error" else "execution_title"
        where += f" AND {contains(column, value)}"
    return f"{run_column} IN ({where})"


def span_filter(body: Body) -> list[str]:
    started_after = text(body, "executionStartedAfter")
    if started_after is None:
        raise bad("executionStartedAfter is required")
    terms = [moment("execution_started_at", ">=", started_after)]
    if (value := text(body, "executionStartedBefore")) is not None:
        terms.append(moment("execution_started_at", "<", value))
    for key, column in (
        ("workflowUuid", "workflow_uuid"),
        ("batchUuid", "batch_uuid"),
        ("runUuid", "run_uuid"),
        ("traceUuid", "trace_uuid"),
        ("nodeUuid", "node_uuid"),
    ):
        if (value := text(body, key)) is not None:
            terms.append(uuid_eq(column, value))
    for key, column in (
        ("parentRunUuid", "parent_run_uuid"),
        ("parentNodeUuid", "parent_node_uuid"),
        ("nodeConnectorUuid", "node_connector_uuid"),
        ("nodeToolUuid", "node_tool_uuid"),
        ("nodeAgentUuid", "node_agent_uuid"),
        ("nodeReleaseUuid", "node_release_uuid"),
    ):
        if (value := text(body, key)) is not None:
            terms.append(uuid_eq(column, value))
    for key, column in (
        ("recordId", "record_id"),
        ("nodeSlug", "node_slug"),
        ("nodeKind", "node_kind"),
        ("nodeIntegrationSlug", "node_integration_slug"),
        ("nodeActionSlug", "node_action_slug"),
    ):
        if (value := text(body, key)) is not None:
            terms.append(f"{column} = {quote(value)}")
    if text(body, "userUuid") is not None or text(body, "parentAgentUuid") is not None:
        terms.append("0")  # no span of the sandbox is a user's or an agent's
    if (value := text(body, "recordTitle")) is not None:
        terms.append(contains("record_title", value))
    if (value := text(body, "recordTitleOrId")) is not None:
        terms.append(f"({contains('record_title', value)} OR record_id = {quote(value)})")
    if (value := text(body, "executionTitle")) is not None:
        terms.append(contains("execution_title", value))
    if (statuses := texts(body, "executionStatuses")) is not None:
        terms.append(
            "execution_status IN (" + ", ".join(quote(s) for s in statuses) + ")"
            if statuses
            else "0"
        )
    if (value := text(body, "executionTitleOrErrorMessage")) is not None:
        terms.append(
            f"({contains('execution_title', value)} OR {contains('execution_error_message', value)})"
        )
    return terms


def where(terms: list[str], db: str) -> str:
    return " AND ".join(t.replace("{db}", db) for t in terms) if terms else "1"
