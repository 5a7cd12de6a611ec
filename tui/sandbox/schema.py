"""The tables of one workspace's history in chDB, and the views every reader goes through.

Physical tables (names starting with ``_``) hold each batch, run and span in its final state.
The views ``batches``, ``runs``, ``spans`` and ``records`` are what the REST endpoints and the
SQL endpoint read: they mask what has not happened yet by the sandbox's clock, so a batch
created a minute ago shows its runs progressing in real time with no background writer.
Rows of live batches sit in partition ``live = 1``, so cancelling one rewrites only that part.

``_runs`` is sorted as its pages are read: by batch, then newest first (``created_at``, then
``uuid``, so ``ORDER BY created_at DESC, uuid DESC`` reads in order and stops at the page).
``_seq`` is a run's position in its batch; runs of a batch are created strictly one after the
other (at least a millisecond apart, see ``plan.py``), so a page deep in a batch is a range of
``_seq``, found through its min-max index without reading the runs before it. A bloom filter
on ``uuid`` finds one run without reading every batch.
"""

from __future__ import annotations

TABLES = """
CREATE TABLE {db}._subjects (
    model String, idx UInt32, id String, title String, domain String, malformed UInt8
) ENGINE = MergeTree ORDER BY (model, idx);
CREATE TABLE {db}._routes (
    workflow_uuid String, path_no UInt8, route_id UInt16, route Array(UInt8), millis Array(UInt32),
    credits Array(UInt16), p_clearbit UInt8, p_hubspot UInt8, p_agent UInt8, p_sf UInt8,
    p_tool UInt8
) ENGINE = Memory;
CREATE TABLE {db}._plan (
    uuid String, workflow_uuid String, release_uuid String, data String,
    created_at DateTime64(3, 'UTC'), runs_count UInt32, spread_ms UInt64, scenario String,
    model String, subject_base UInt32, subject_space UInt32, subject_ids Array(UInt32),
    parent_uuids Array(String), n_paths UInt8, fit_share UInt8, live UInt8, cut_from UInt32, error_message String,
    cancelled_at Nullable(DateTime64(3, 'UTC')), starts Array(UInt8), path_nos Array(UInt8)
) ENGINE = MergeTree ORDER BY created_at;
CREATE TABLE {db}._runs (
    uuid UUID, workflow_uuid UUID, batch_uuid UUID, release_uuid UUID, trace_uuid UUID,
    record_id String, record_title String, _status LowCardinality(String),
    _error_message Nullable(String), parent_uuid Nullable(UUID), parent_node_uuid Nullable(UUID),
    parent_batch_uuid Nullable(UUID), is_group_parent Bool,
    created_at DateTime64(3, 'UTC'), started_at DateTime64(3, 'UTC'),
    _finished_at DateTime64(3, 'UTC'), _credits_used_count UInt32, live UInt8,
    _route Array(UInt8), _reached UInt8, _fail UInt8, _millis Array(UInt32),
    _credits Array(UInt16), _score UInt8, _path_no UInt8, _route_id UInt16, _seq UInt32,
    _from UInt8,
    INDEX _uuid_bloom uuid TYPE bloom_filter GRANULARITY 1,
    INDEX _seq_range _seq TYPE minmax GRANULARITY 1,
    INDEX _created_range created_at TYPE minmax GRANULARITY 1
) ENGINE = MergeTree PARTITION BY live ORDER BY (batch_uuid, created_at, uuid);
CREATE TABLE {db}._batches (
    uuid UUID, workflow_uuid UUID, release_uuid UUID, data String,
    _status LowCardinality(String), _runs_status LowCardinality(Nullable(String)),
    runs_count UInt32, _executed_runs_count UInt32, _failed_runs_count UInt32,
    _credits_used_count Float64, error_message Nullable(String),
    created_at DateTime64(3, 'UTC'), _updated_at DateTime64(3, 'UTC'),
    _finished_at Nullable(DateTime64(3, 'UTC')), live UInt8,
    _cancelled_at Nullable(DateTime64(3, 'UTC'))
) ENGINE = MergeTree ORDER BY created_at
"""

# {clock} is the sandbox's clock as a ClickHouse expression (see ``World.clock_sql``).
VIEWS = """
CREATE VIEW {db}.runs AS
WITH {clock} AS _clock
SELECT uuid, workflow_uuid, batch_uuid, release_uuid, trace_uuid, record_id, record_title,
    multiIf(_finished_at <= _clock, _status, started_at > _clock, 'pending', 'running') AS status,
    if(_finished_at <= _clock, _error_message, NULL) AS error_message,
    parent_uuid, parent_node_uuid, parent_batch_uuid, is_group_parent, created_at,
    if(_finished_at <= _clock, _finished_at, greatest(started_at, _clock)) AS updated_at,
    if(_finished_at <= _clock, _finished_at, NULL) AS finished_at,
    if(_finished_at <= _clock, _credits_used_count, 0) AS credits_used_count
FROM {db}._runs WHERE live = 0 OR created_at <= _clock;
CREATE VIEW {db}.spans AS
WITH {clock} AS _clock,
    toUInt32(_route_id) * 64 + _n AS _key,
    addMilliseconds(started_at, _cum - _ms) AS _start,
    if(_status = 'cancelled' AND _n = _reached, _finished_at, addMilliseconds(started_at, _cum))
        AS _end,
    _end <= _clock AS _done,
    multiIf(_n = _fail, 'error', _status = 'cancelled' AND _n = _reached, 'error', 'success')
        AS _outcome
SELECT workflow_uuid, batch_uuid, uuid AS run_uuid, trace_uuid, record_id, record_title,
    parent_uuid AS parent_run_uuid, parent_node_uuid, parent_batch_uuid, is_group_parent,
    toUUID(transform(_key, {keys}, {node_uuids}, '00000000-0000-0000-0000-000000000000'))
        AS node_uuid,
    transform(_key, {keys}, {kinds}, '') AS node_kind,
    transform(_key, {keys}, {slugs}, '') AS node_slug,
    nullIf(transform(_key, {keys}, {actions}, ''), '') AS node_action_slug,
    nullIf(transform(_key, {keys}, {integrations}, ''), '') AS node_integration_slug,
    toUUIDOrNull(transform(_key, {keys}, {connectors}, '')) AS node_connector_uuid,
    toUUIDOrNull(transform(_key, {keys}, {agents}, '')) AS node_agent_uuid,
    toUUIDOrNull(transform(_key, {keys}, {tools}, '')) AS node_tool_uuid,
    toUUIDOrNull(transform(_key, {keys}, {releases}, '')) AS node_release_uuid,
    if(node_kind = 'tool', {child_batch}, NULL) AS node_batch_uuid,
    if(node_kind = 'tool', {child_run}, NULL) AS node_run_uuid,
    toUInt8(transform(_key, {keys}, {child_index}, 0)) AS node_child_index,
    toBool(node_kind IN ('tool', 'agent')) AS node_wait_until_finished,
    if(_done AND _outcome = 'success', toUUIDOrNull(transform(_key, {keys}, {next_nodes}, '')),
       NULL) AS node_next_uuid,
    toUInt16(_n - _from) AS execution_index,
    if(_done, _outcome, 'pending') AS execution_status,
    if(_done AND _outcome = 'error', if(_n = _fail, _error_message, 'Run cancelled'), NULL)
        AS execution_error_message,
    if(_done AND _outcome = 'success', multiIf(
        node_slug = 'start', record_title,
        node_slug = 'clearbit_enrich', concat('Enriched ', record_title),
        node_action_slug = 'branch', if(_path_no = 1, 'true', 'false'),
        node_slug = 'qualify',
            concat(if(_path_no = 1, 'Fit', 'Not a fit'), ' · score ', toString(_score)),
        node_slug = 'score',
            concat(if(_path_no = 1, 'Hot', 'Nurture'), ' · score ', toString(_score)),
        node_kind = 'agent', concat('Brief: ', record_title),
        node_slug = 'find_email', concat('Found ', record_title),
        node_integration_slug = 'hubspot',
            concat('Upserted company ', toString(100000 + _score * 997)),
        node_integration_slug = 'slack', 'Posted to #gtm-alerts',
        node_integration_slug = 'salesforce',
            concat('Updated lead 00Q', leftPad(toString(_score * 7919), 6, '0')),
        node_slug = 'mark_disqualified', 'Tagged not-a-fit',
        'Done'), NULL) AS execution_title,
    toUInt32(if(_done, _credit, 0)) AS execution_credits_used_count,
    _start AS execution_started_at,
    if(_done, _end, greatest(_start, _clock)) AS execution_updated_at,
    if(_done, _end, NULL) AS execution_finished_at
FROM {db}._runs
ARRAY JOIN arrayEnumerate(arraySlice(_millis, 1, _reached)) AS _n,
    arraySlice(_millis, 1, _reached) AS _ms, arrayCumSum(arraySlice(_millis, 1, _reached)) AS _cum,
    arraySlice(_credits, 1, _reached) AS _credit
WHERE (live = 0 OR _start <= _clock) AND _n >= _from;
CREATE VIEW {db}.batches AS
WITH {clock} AS _clock
SELECT b.uuid AS uuid, b.workflow_uuid AS workflow_uuid, b.release_uuid AS release_uuid,
    b.data AS data,
    multiIf(b.live = 0, b._status,
            b._cancelled_at IS NOT NULL AND b._cancelled_at <= _clock, 'cancelled',
            b.created_at > _clock, 'pending',
            l.settled >= b.runs_count, 'success', 'running') AS status,
    if(b.live = 0, b._runs_status,
       if(l.executed = 0, NULL, if(l.failed > 0.1 * l.executed, 'unhealthy', 'healthy')))
        AS runs_status,
    b.runs_count AS runs_count,
    if(b.live = 0, b._executed_runs_count, l.executed) AS executed_runs_count,
    if(b.live = 0, b._failed_runs_count, l.failed) AS failed_runs_count,
    if(b.live = 0, b._credits_used_count, l.credits) AS credits_used_count,
    b.error_message AS error_message, b.created_at AS created_at,
    if(b.live = 0, b._updated_at, greatest(b.created_at, least(_clock, l.last))) AS updated_at,
    multiIf(b.live = 0, b._finished_at,
            b._cancelled_at IS NOT NULL AND b._cancelled_at <= _clock, b._cancelled_at,
            l.settled >= b.runs_count, l.last, NULL) AS finished_at
FROM {db}._batches AS b
LEFT JOIN (
    SELECT batch_uuid,
        countIf(_finished_at <= _clock AND _status IN ('success', 'error')) AS executed,
        countIf(_finished_at <= _clock AND _status = 'error') AS failed,
        countIf(_finished_at <= _clock) AS settled,
        -- provider credits and 0.01 per node execution (EXECUTIONS, below)
        round(sumIf(_credits_used_count
                    + if(_reached >= _from, _reached - _from + 1, 0) / 100, _finished_at <= _clock),
              2) AS credits,
        max(_finished_at) AS last
    FROM {db}._runs WHERE live = 1 GROUP BY batch_uuid
) AS l ON l.batch_uuid = b.uuid;
CREATE VIEW {db}.records AS
SELECT record_id AS id, record_title AS title, workflow_uuid, uuid AS run_uuid, trace_uuid,
    batch_uuid, release_uuid,
    multiIf(status IN ('idle', 'pending'), 'pending', status = 'skipped', 'cancelled', status)
        AS status,
    error_message, is_group_parent, parent_uuid AS parent_run_uuid, parent_node_uuid,
    parent_batch_uuid, created_at, updated_at, finished_at
FROM {db}.runs
"""

#: The node executions a run made (``_runs``' columns): from where it started (``_from``, the
#: reset point of a re-run) to the last node it reached. Each bills 0.01 credit, whatever the
#: node and however it ended; the charge belongs to no node, so executions and runs read
#: provider credits only, and batches (and the subscription) the two together.
EXECUTIONS = "toUInt32(if(_reached >= _from, _reached - _from + 1, 0))"

#: The run (or batch) a tool node starts for a run: the parent's uuid with its 15th character
#: (the version nibble of a uuid) turned by 8, in SQL and in Python (``executions.child_of``).
CHILD_OF = (
    "toUUID(concat(substring(toString({x}), 1, 14), substring('89abcdef01234567', "
    "position('0123456789abcdef', substring(toString({x}), 15, 1)), 1), "
    "substring(toString({x}), 16)))"
)

#: The tables the SQL endpoint exposes, as users name them.
PUBLIC_TABLES = ("runs", "batches", "spans", "records")


def statements(template: str, **names: str) -> list[str]:
    return [part.strip().format(**names) for part in template.split(";") if part.strip()]
