"""The query endpoint's tables, its caps, and a default schema until DESCRIBE answers are cached.

``POST /orchestration/query`` reads four workspace tables named without a database prefix.
Their columns are the contract's entity fields in snake_case; the types below are plausible
ClickHouse types for them (nested lists and objects are JSON text), good enough for completion,
``SELECT *`` expansion and tests. The server's own ``DESCRIBE TABLE`` answer replaces them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: table -> [(column, ClickHouse type)], in the table's column order.
Schema = Mapping[str, Sequence[tuple[str, str]]]

TABLES: tuple[str, ...] = ("runs", "batches", "spans", "records")

#: The caps the endpoint enforces; messages name them.
MAX_ROWS_READ = 10_000_000
MAX_RESULT_ROWS = 10_000
MAX_SECONDS = 30
#: The longest query text ClickHouse parses (its ``max_query_size`` default, in bytes); the
#: service runs under it, so a longer query is refused before it costs a lint or a request.
MAX_QUERY_BYTES = 262_144

#: The columns a time predicate can use, the first being the one a fix adds. ``batches`` is
#: absent on purpose: it holds one row per batch, far below the scan cap.
TIME_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "runs": ("created_at", "updated_at", "finished_at"),
    "records": ("created_at", "updated_at", "finished_at"),
    "spans": ("execution_started_at", "execution_updated_at", "execution_finished_at"),
}

_UUID = "UUID"
_TIME = "DateTime64(3, 'UTC')"
_MAYBE_TIME = "Nullable(DateTime64(3, 'UTC'))"
_ENUM = "LowCardinality(String)"
_TEXT = "String"
_MAYBE_TEXT = "Nullable(String)"

DEFAULT_SCHEMA: Mapping[str, tuple[tuple[str, str], ...]] = {
    "runs": (
        ("uuid", _UUID),
        ("workflow_uuid", _UUID),
        ("batch_uuid", _UUID),
        ("release_uuid", _UUID),
        ("trace_uuid", _UUID),
        ("record_id", _TEXT),
        ("record_title", _TEXT),
        ("status", _ENUM),
        ("error_message", _MAYBE_TEXT),
        ("executions", _TEXT),
        ("parent_uuid", "Nullable(UUID)"),
        ("created_at", _TIME),
        ("updated_at", _TIME),
        ("finished_at", _MAYBE_TIME),
    ),
    "batches": (
        ("uuid", _UUID),
        ("workflow_uuid", _UUID),
        ("release_uuid", _UUID),
        ("data", _TEXT),
        ("status", _ENUM),
        ("runs_status", "LowCardinality(Nullable(String))"),
        ("runs_count", "UInt64"),
        ("executed_runs_count", "UInt64"),
        ("failed_runs_count", "UInt64"),
        ("credits_used_count", "Float64"),
        ("error_message", _MAYBE_TEXT),
        ("created_at", _TIME),
        ("updated_at", _TIME),
        ("finished_at", _MAYBE_TIME),
    ),
    "spans": (
        ("workflow_uuid", _UUID),
        ("batch_uuid", _UUID),
        ("run_uuid", _UUID),
        ("trace_uuid", _UUID),
        ("record_id", _TEXT),
        ("record_title", _TEXT),
        ("node_uuid", _UUID),
        ("node_kind", _ENUM),
        ("node_slug", _TEXT),
        ("node_action_slug", "LowCardinality(Nullable(String))"),
        ("node_integration_slug", "LowCardinality(Nullable(String))"),
        ("execution_index", "UInt32"),
        ("execution_status", _ENUM),
        ("execution_error_message", _MAYBE_TEXT),
        ("execution_title", _MAYBE_TEXT),
        ("execution_credits_used_count", "Float64"),
        ("execution_started_at", _TIME),
        ("execution_updated_at", _TIME),
        ("execution_finished_at", _MAYBE_TIME),
    ),
    "records": (
        ("id", _TEXT),
        ("title", _TEXT),
        ("workflow_uuid", _UUID),
        ("run_uuid", _UUID),
        ("batch_uuid", _UUID),
        ("release_uuid", _UUID),
        ("status", _ENUM),
        ("error_message", _MAYBE_TEXT),
        ("executions", _TEXT),
        ("is_group_parent", "Bool"),
        ("parent_run_uuid", "Nullable(UUID)"),
        ("created_at", _TIME),
        ("updated_at", _TIME),
        ("finished_at", _MAYBE_TIME),
    ),
}
