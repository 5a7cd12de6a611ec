"""Realistic ClickHouse queries over the four tables, shared by the formatter and linter tests."""

from __future__ import annotations

#: The contract's four examples, verbatim.
CONTRACT_EXAMPLES = (
    "SELECT countIf(status='error') / count() AS error_rate FROM runs "
    "WHERE created_at > now() - INTERVAL 1 DAY",
    "SELECT workflow_uuid, count() AS errors FROM runs WHERE status='error' "
    "AND created_at > now() - INTERVAL 7 DAY GROUP BY workflow_uuid ORDER BY errors DESC",
    "SELECT node_slug, count() AS failures FROM spans WHERE execution_status='error' "
    "AND execution_started_at > now() - INTERVAL 1 DAY GROUP BY node_slug ORDER BY failures DESC",
    "SELECT workflow_uuid, sum(credits_used_count) AS credits FROM batches "
    "WHERE created_at >= toStartOfMonth(now()) GROUP BY workflow_uuid ORDER BY credits DESC",
)

#: What on-call engineers write: every one is valid ClickHouse over the default schema.
REALISTIC = (
    "SELECT toStartOfHour(created_at) AS hour, countIf(status = 'error') / count() AS error_rate "
    "FROM runs WHERE created_at > now() - INTERVAL 1 DAY GROUP BY hour ORDER BY hour",
    "SELECT node_slug, quantile(0.95)(dateDiff('millisecond', execution_started_at, "
    "execution_finished_at)) AS p95_ms FROM spans WHERE execution_started_at > now() - "
    "INTERVAL 7 DAY AND execution_finished_at IS NOT NULL GROUP BY node_slug "
    "ORDER BY p95_ms DESC LIMIT 20",
    "SELECT arrayJoin(splitByChar(' ', record_title)) AS word, count() AS n FROM runs "
    "WHERE created_at > now() - INTERVAL 1 DAY GROUP BY word ORDER BY n DESC LIMIT 10",
    "WITH failed AS (SELECT run_uuid, node_slug FROM spans WHERE execution_status = 'error' "
    "AND execution_started_at > now() - INTERVAL 1 DAY) SELECT r.workflow_uuid, f.node_slug, "
    "count() AS failures FROM failed AS f INNER JOIN runs AS r ON r.uuid = f.run_uuid "
    "WHERE r.created_at > now() - INTERVAL 2 DAY GROUP BY r.workflow_uuid, f.node_slug "
    "ORDER BY failures DESC LIMIT 50",
    "SELECT workflow_uuid, day, total, sum(total) OVER (PARTITION BY workflow_uuid ORDER BY day) "
    "AS cumulative FROM (SELECT workflow_uuid, toDate(created_at) AS day, count() AS total "
    "FROM runs WHERE created_at > now() - INTERVAL 30 DAY GROUP BY workflow_uuid, day) "
    "ORDER BY workflow_uuid, day LIMIT 1000",
    "SELECT multiIf(execution_credits_used_count = 0, 'free', execution_credits_used_count < 5, "
    "'cheap', 'expensive') AS tier, count() AS n FROM spans WHERE execution_started_at >= today() "
    "GROUP BY tier",
    "SELECT JSONExtractString(data, 'kind') AS kind, count() AS batches FROM batches "
    "WHERE created_at > now() - INTERVAL 7 DAY GROUP BY kind ORDER BY batches DESC",
    "SELECT workflow_uuid, uniq(record_id) AS records, round(avg(if(status = 'error', 1, 0)) "
    "* 100, 2) AS error_pct FROM runs WHERE created_at BETWEEN now() - INTERVAL 7 DAY AND now() "
    "GROUP BY workflow_uuid HAVING records > 10 ORDER BY error_pct DESC LIMIT 100",
    "SELECT uuid, error_message FROM runs WHERE created_at > now() - INTERVAL 1 DAY "
    "AND status NOT IN ('success', 'skipped') AND error_message IS NOT NULL "
    "AND error_message ILIKE '%timeout%' AND batch_uuid IN (SELECT uuid FROM batches "
    "WHERE failed_runs_count > 0) ORDER BY created_at DESC LIMIT 100",
    "SELECT 'runs' AS source, count() AS n FROM runs WHERE created_at > now() - INTERVAL 1 HOUR "
    "UNION ALL SELECT 'spans' AS source, count() AS n FROM spans "
    "WHERE execution_started_at > now() - INTERVAL 1 HOUR",
    "SELECT toStartOfWeek(created_at) AS week, argMax(status, updated_at) AS last_status, "
    "max(dateDiff('second', created_at, finished_at)) AS slowest_s FROM runs "
    "WHERE created_at > now() - INTERVAL 8 WEEK GROUP BY week ORDER BY week",
    "SELECT hour, failures, failures - lagInFrame(failures) OVER (ORDER BY hour) AS delta "
    "FROM (SELECT toStartOfHour(execution_started_at) AS hour, countIf(execution_status = "
    "'error') AS failures FROM spans WHERE execution_started_at > now() - INTERVAL 1 DAY "
    "GROUP BY hour) ORDER BY hour",
    "-- failures by node\nSELECT node_slug, /* errors only */ count() AS failures FROM spans "
    "WHERE execution_status = 'error' AND execution_started_at > now() - INTERVAL 1 DAY "
    "GROUP BY node_slug ORDER BY failures DESC",
    "SELECT CASE WHEN execution_status = 'error' THEN 'failed' ELSE 'ok' END AS outcome, "
    "count() AS n FROM spans WHERE execution_started_at > now() - INTERVAL 1 DAY GROUP BY outcome",
    "SELECT toStartOfInterval(created_at, INTERVAL 15 MINUTE) AS slot, CAST(count() AS Float64) "
    "AS n FROM records WHERE created_at > now() - INTERVAL 6 HOUR GROUP BY slot ORDER BY slot",
    "SELECT r.uuid, r.status != 'success' AS failed, s.node_slug FROM runs r "
    "LEFT JOIN spans s ON s.run_uuid = r.uuid WHERE r.created_at > now() - INTERVAL 1 HOUR "
    "AND s.execution_started_at > now() - INTERVAL 1 HOUR LIMIT 100",
)
