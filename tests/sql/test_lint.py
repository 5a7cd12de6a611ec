"""The linter: each rule finds what it should, marks the right text, and its fix clears it."""
# ruff: noqa: S608  (SQL text under test, not queries built from input)

from __future__ import annotations

import pytest

from tests.sql.chdb_worker import Chdb
from tests.sql.queries import CONTRACT_EXAMPLES, REALISTIC
from tui.api.sql.findings import Finding, Rule, Severity
from tui.api.sql.linter import fix_all, lint
from tui.api.sql.schema import DEFAULT_SCHEMA

DAY = "now() - INTERVAL 1 DAY"


def found(sql: str, rule: Rule, schema: object = None) -> list[Finding]:
    return [f for f in lint(sql, schema) if f.rule is rule]  # type: ignore[arg-type]


def marked(sql: str, finding: Finding) -> str:
    return sql[finding.start : finding.end]


def fixed(sql: str, finding: Finding) -> str:
    assert finding.fix is not None
    return finding.fix.apply(sql)


# --- time range -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "table", "after"),
    [
        (
            "SELECT count() FROM runs",
            "runs",
            f"SELECT count() FROM runs WHERE created_at > {DAY}",
        ),
        (
            "SELECT count() FROM spans GROUP BY node_slug",
            "spans",
            f"SELECT count() FROM spans WHERE execution_started_at > {DAY} GROUP BY node_slug",
        ),
        (
            "SELECT count() FROM records WHERE status = 'error'",
            "records",
            f"SELECT count() FROM records WHERE status = 'error' AND created_at > {DAY}",
        ),
        (
            "SELECT count() FROM runs r WHERE r.status = 'error' OR r.status = 'cancelled'",
            "runs",
            "SELECT count() FROM runs r WHERE (r.status = 'error' OR r.status = 'cancelled') "
            f"AND created_at > {DAY}",
        ),
        (
            "WITH f AS (SELECT uuid FROM runs) SELECT count() FROM f",
            "runs",
            f"WITH f AS (SELECT uuid FROM runs WHERE created_at > {DAY}) SELECT count() FROM f",
        ),
        (
            "SELECT count() FROM batches WHERE uuid IN (SELECT batch_uuid FROM runs)",
            "runs",
            "SELECT count() FROM batches WHERE uuid IN "
            f"(SELECT batch_uuid FROM runs WHERE created_at > {DAY})",
        ),
        (
            f"SELECT r.uuid FROM runs r JOIN spans s ON s.run_uuid = r.uuid "
            f"WHERE r.created_at > {DAY} LIMIT 5",
            "spans",
            "SELECT r.uuid FROM runs r JOIN spans s ON s.run_uuid = r.uuid "
            f"WHERE r.created_at > {DAY} AND s.execution_started_at > {DAY} LIMIT 5",
        ),
        (
            "SELECT count() FROM runs -- every run\nGROUP BY status",
            "runs",
            f"SELECT count() FROM runs WHERE created_at > {DAY} -- every run\nGROUP BY status",
        ),
    ],
)
def test_a_table_read_without_a_time_range_is_found_and_fixed(
    sql: str, table: str, after: str, chdb: Chdb
) -> None:
    findings = found(sql, Rule.TIME_RANGE)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.WARNING and not finding.blocking
    assert marked(sql, finding) == table
    assert "10,000,000-rows-read cap" in finding.message
    assert fixed(sql, finding) == after
    assert found(after, Rule.TIME_RANGE) == []
    answer = chdb.run(after)
    assert answer["ok"], answer.get("error")


@pytest.mark.parametrize(
    "sql",
    [
        f"SELECT count() FROM runs WHERE created_at > {DAY}",
        f"SELECT count() FROM runs WHERE updated_at >= {DAY}",
        "SELECT count() FROM runs WHERE finished_at < now() AND status = 'error'",
        "SELECT count() FROM runs WHERE toDate(created_at) = today()",
        f"SELECT count() FROM runs WHERE created_at BETWEEN {DAY} AND now()",
        f"SELECT count() FROM runs PREWHERE created_at > {DAY}",
        f"SELECT count() FROM runs r WHERE r.created_at > {DAY}",
        f"SELECT count() FROM spans WHERE execution_started_at > {DAY}",
        f"SELECT count() FROM runs WHERE (status = 'a' AND created_at > {DAY}) OR "
        f"(status = 'b' AND created_at > {DAY})",
        f"WITH f AS (SELECT * FROM runs) SELECT count() FROM f WHERE f.created_at > {DAY}",
        f"SELECT count() FROM (SELECT uuid, created_at FROM runs) WHERE created_at > {DAY}",
        f"SELECT count() FROM (SELECT * FROM runs UNION ALL SELECT * FROM runs) t "
        f"WHERE t.created_at > {DAY}",
        "SELECT sum(credits_used_count) FROM batches",
    ],
)
def test_time_predicates_that_bound_the_scan_satisfy_the_rule(sql: str) -> None:
    assert found(sql, Rule.TIME_RANGE) == []


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT count() FROM runs WHERE created_at IS NOT NULL",
        "SELECT count() FROM runs WHERE finished_at > created_at",
        f"SELECT count() FROM runs WHERE status = 'error' OR created_at > {DAY}",
        f"SELECT count() FROM runs r JOIN records c ON c.run_uuid = r.uuid "
        f"WHERE c.created_at > {DAY}",
        # The outer query filters a column the subquery does not pass through.
        f"SELECT count() FROM (SELECT uuid, toDate(created_at) AS day FROM runs) WHERE day > {DAY}",
    ],
)
def test_conditions_that_do_not_bound_the_scan_do_not_count(sql: str) -> None:
    assert len(found(sql, Rule.TIME_RANGE)) == 1


def test_each_branch_of_a_union_needs_its_own_range() -> None:
    sql = f"SELECT uuid FROM runs WHERE created_at > {DAY} UNION ALL SELECT id FROM records"
    findings = found(sql, Rule.TIME_RANGE)
    assert [marked(sql, f) for f in findings] == ["records"]


# --- SELECT * -------------------------------------------------------------------------------


def test_select_star_is_expanded_when_the_schema_is_known(chdb: Chdb) -> None:
    sql = f"SELECT * FROM spans WHERE execution_started_at > {DAY} LIMIT 10"
    [finding] = found(sql, Rule.SELECT_STAR, DEFAULT_SCHEMA)
    assert finding.severity is Severity.WARNING and marked(sql, finding) == "*"
    after = fixed(sql, finding)
    names = ", ".join(name for name, _ in DEFAULT_SCHEMA["spans"])
    assert after == f"SELECT {names} FROM spans WHERE execution_started_at > {DAY} LIMIT 10"
    assert lint(after, DEFAULT_SCHEMA) == []
    assert chdb.run(after)["ok"]


def test_select_star_only_warns_without_a_schema() -> None:
    [finding] = found(f"SELECT * FROM runs WHERE created_at > {DAY} LIMIT 1", Rule.SELECT_STAR)
    assert finding.fix is None
    assert "every column of runs" in finding.message


def test_a_qualified_star_expands_with_its_alias() -> None:
    sql = "SELECT r.*, s.node_slug FROM runs r JOIN spans s ON s.run_uuid = r.uuid LIMIT 1"
    [finding] = found(sql, Rule.SELECT_STAR, {"runs": [("uuid", "UUID"), ("status", "String")]})
    assert marked(sql, finding) == "r.*"
    assert fixed(sql, finding).startswith("SELECT r.uuid, r.status, s.node_slug FROM")


@pytest.mark.parametrize(
    "sql",
    [
        f"SELECT count(*) FROM runs WHERE created_at > {DAY}",
        f"WITH f AS (SELECT * FROM runs WHERE created_at > {DAY}) SELECT uuid FROM f LIMIT 5",
        f"SELECT * FROM (SELECT uuid FROM runs WHERE created_at > {DAY}) LIMIT 5",
    ],
)
def test_stars_that_do_not_fetch_a_whole_table_are_fine(sql: str) -> None:
    assert found(sql, Rule.SELECT_STAR, DEFAULT_SCHEMA) == []


def test_a_star_with_except_warns_but_is_not_expanded() -> None:
    sql = f"SELECT * EXCEPT (executions) FROM runs WHERE created_at > {DAY} LIMIT 5"
    [finding] = found(sql, Rule.SELECT_STAR, DEFAULT_SCHEMA)
    assert finding.fix is None


# --- LIMIT ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "after"),
    [
        (
            f"SELECT uuid FROM runs WHERE created_at > {DAY}",
            f"SELECT uuid FROM runs WHERE created_at > {DAY} LIMIT 1000",
        ),
        (
            f"SELECT uuid FROM runs WHERE created_at > {DAY} ORDER BY created_at -- newest\n",
            f"SELECT uuid FROM runs WHERE created_at > {DAY} ORDER BY created_at LIMIT 1000 "
            "-- newest\n",
        ),
        (
            f"SELECT record_id, count() AS n FROM runs WHERE created_at > {DAY} GROUP BY 1",
            f"SELECT record_id, count() AS n FROM runs WHERE created_at > {DAY} GROUP BY 1 "
            "LIMIT 1000",
        ),
        (
            f"SELECT DISTINCT uuid FROM runs WHERE created_at > {DAY}",
            f"SELECT DISTINCT uuid FROM runs WHERE created_at > {DAY} LIMIT 1000",
        ),
        (
            f"(SELECT uuid FROM runs WHERE created_at > {DAY} LIMIT 5) UNION ALL "
            f"(SELECT id FROM records WHERE created_at > {DAY})",
            f"(SELECT uuid FROM runs WHERE created_at > {DAY} LIMIT 5) UNION ALL "
            f"(SELECT id FROM records WHERE created_at > {DAY} LIMIT 1000)",
        ),
    ],
)
def test_a_query_that_may_return_many_rows_gets_a_limit(sql: str, after: str, chdb: Chdb) -> None:
    [finding] = found(sql, Rule.NO_LIMIT)
    assert marked(sql, finding) == "SELECT"
    assert "10,000 rows" in finding.message
    assert fixed(sql, finding) == after
    assert found(after, Rule.NO_LIMIT) == []
    assert chdb.run(after)["ok"]


@pytest.mark.parametrize(
    "sql",
    [
        f"SELECT count() FROM runs WHERE created_at > {DAY}",
        f"SELECT status, count() FROM runs WHERE created_at > {DAY} GROUP BY status",
        f"SELECT toStartOfHour(created_at) AS hour, count() FROM runs WHERE created_at > {DAY} "
        "GROUP BY hour",
        "SELECT JSONExtractString(data, 'kind') AS kind, count() FROM batches GROUP BY kind",
        f"SELECT DISTINCT status FROM runs WHERE created_at > {DAY}",
        "SELECT now()",
        f"SELECT uuid FROM runs WHERE created_at > {DAY} LIMIT 10, 20",
    ],
)
def test_queries_that_return_few_rows_need_no_limit(sql: str) -> None:
    assert found(sql, Rule.NO_LIMIT) == []


@pytest.mark.parametrize(
    "sql",
    [
        f"SELECT h, n FROM (SELECT toStartOfHour(created_at) AS h, count() AS n FROM runs "
        f"WHERE created_at > {DAY} GROUP BY h) ORDER BY h",
        f"WITH t AS (SELECT status, count() AS n FROM runs WHERE created_at > {DAY} "
        "GROUP BY status) SELECT status, n FROM t",
    ],
)
def test_reading_an_aggregate_subquery_returns_few_rows(sql: str) -> None:
    assert found(sql, Rule.NO_LIMIT) == []


def test_reading_a_raw_subquery_may_return_many_rows() -> None:
    sql = f"SELECT uuid FROM (SELECT uuid FROM runs WHERE created_at > {DAY})"
    assert len(found(sql, Rule.NO_LIMIT)) == 1


def test_each_union_branch_is_limited_on_its_own() -> None:
    sql = f"SELECT uuid FROM runs WHERE created_at > {DAY} UNION ALL SELECT uuid FROM batches"
    findings = found(sql, Rule.NO_LIMIT)
    assert len(findings) == 2
    first = fixed(sql, findings[0])
    assert first.startswith(f"SELECT uuid FROM runs WHERE created_at > {DAY} LIMIT 1000 UNION")
    assert fixed(sql, findings[1]).endswith("FROM batches LIMIT 1000")


def test_a_limit_above_the_result_cap_is_lowered() -> None:
    sql = f"SELECT uuid FROM runs WHERE created_at > {DAY} LIMIT 50000"
    [finding] = found(sql, Rule.LIMIT_OVER_CAP)
    assert marked(sql, finding) == "50000"
    assert fixed(sql, finding).endswith("LIMIT 10000")


def test_the_limit_goes_before_a_format_clause() -> None:
    sql = f"SELECT uuid FROM runs WHERE created_at > {DAY} FORMAT JSON"
    [finding] = found(sql, Rule.NO_LIMIT)
    assert (
        fixed(sql, finding)
        == f"SELECT uuid FROM runs WHERE created_at > {DAY} LIMIT 1000 FORMAT JSON"
    )


# --- syntax errors --------------------------------------------------------------------------


def test_a_syntax_error_says_where() -> None:
    sql = "SELECT status,\n  count()\nFROM runs\nWHERE status = 'error' GROUP BY status ORDER"
    [finding] = lint(sql)
    assert finding.rule is Rule.PARSE_ERROR and finding.severity is Severity.ERROR
    assert not finding.blocking  # sqlglot's grammar is narrower than ClickHouse's
    assert finding.message.startswith("Syntax error at line 4, col ")


def test_a_syntax_error_marks_the_offending_token() -> None:
    sql = "SELECT status FORM runs"
    [finding] = lint(sql)
    assert marked(sql, finding) == "runs"
    assert "line 1, col 20" in finding.message


def test_an_unclosed_string_is_marked_from_its_quote() -> None:
    sql = "SELECT count() FROM runs WHERE status = 'error"
    [finding] = lint(sql)
    assert marked(sql, finding) == "'error"
    assert "never closed" in finding.message and "col 41" in finding.message


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "mark", "words"),
    [
        ("INSERT INTO runs SELECT * FROM runs", "INSERT", "read-only"),
        ("drop table runs", "drop", "read-only"),
        ("SELECT 1; SELECT 2;", "SELECT 2", "one at a time"),
        ("SELECT * FROM numbers(10)", "numbers(10)", "table function"),
        ("SELECT name FROM system.tables", "system.tables", "runs, batches, spans and records"),
        ("SELECT 1 FROM runs, remote('x', y)", "remote('x', y)", "table function"),
    ],
)
def test_statements_the_server_refuses_are_errors_before_sending(
    sql: str, mark: str, words: str
) -> None:
    refused = [f for f in lint(sql) if f.rule is Rule.REFUSED]
    assert refused and refused[0].blocking and refused[0].severity is Severity.ERROR
    assert marked(sql, refused[0]) == mark
    assert words in refused[0].message


@pytest.mark.parametrize(
    ("sql", "says", "fixed"),
    [
        ("SELEC 1", "col 1 near 'SELEC': did you mean SELECT?", "SELECT 1"),
        ("-- why\n  wtih x AS (SELECT 1) SELECT * FROM x", "line 2, col 3", "WITH x AS"),
        ("FOO 1", "a query starts with SELECT or WITH", None),
    ],
)
def test_a_first_word_that_is_no_statement_is_a_syntax_error_not_a_refusal(
    sql: str, says: str, fixed: str | None
) -> None:
    [finding] = lint(sql)
    assert finding.rule is Rule.PARSE_ERROR and finding.blocking
    assert "read-only" not in finding.message and says in finding.message
    if fixed is None:
        assert finding.fix is None
    else:
        assert finding.fix is not None and fixed in finding.fix.apply(sql)


@pytest.mark.parametrize(
    ("sql", "after"),
    [
        (
            f"SELECT count() FROM runs WHERE created_at > {DAY} SETTINGS max_threads = 1",
            f"SELECT count() FROM runs WHERE created_at > {DAY}",
        ),
        ("SELECT 1 INTO OUTFILE 'out.csv'", "SELECT 1"),
        (f"SELECT count() FROM run WHERE created_at > {DAY}", None),
        (f"SELECT count() FROM default.runs WHERE created_at > {DAY}", None),
    ],
)
def test_refusals_with_an_obvious_fix_offer_it(sql: str, after: str | None) -> None:
    [finding] = [f for f in lint(sql) if f.rule is Rule.REFUSED]
    result = fixed(sql, finding)
    assert result == (after or f"SELECT count() FROM runs WHERE created_at > {DAY}")
    assert lint(result) == []


def test_describe_of_an_endpoint_table_is_allowed() -> None:
    assert lint("DESCRIBE TABLE runs") == []
    assert lint("DESCRIBE TABLE secrets")[0].blocking


def test_a_format_clause_is_a_warning_with_a_fix() -> None:
    sql = f"SELECT count() FROM runs WHERE created_at > {DAY} FORMAT CSV"
    [finding] = lint(sql)
    assert finding.severity is Severity.WARNING and not finding.blocking
    assert fixed(sql, finding) == f"SELECT count() FROM runs WHERE created_at > {DAY}"


def test_blank_text_has_nothing_to_say() -> None:
    assert lint("") == [] and lint("  -- nothing\n") == []


# --- the whole picture ----------------------------------------------------------------------


@pytest.mark.parametrize("sql", CONTRACT_EXAMPLES + REALISTIC)
def test_realistic_queries_lint_clean(sql: str) -> None:
    assert lint(sql, DEFAULT_SCHEMA) == []


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM runs",
        "select s.* from spans s join runs r on r.uuid = s.run_uuid where s.node_slug = 'x' or 1",
        "SELECT uuid FROM runs SETTINGS max_threads = 2",
        "WITH e AS (SELECT * FROM spans) SELECT * FROM e",
    ],
)
def test_fixing_everything_leaves_a_clean_query_that_runs(sql: str, chdb: Chdb) -> None:
    after = fix_all(sql, DEFAULT_SCHEMA)
    assert lint(after, DEFAULT_SCHEMA) == []
    answer = chdb.run(after)
    assert answer["ok"], (after, answer.get("error"))


def test_findings_can_be_moved_into_the_buffer() -> None:
    buffer = "SELECT 1;\nSELECT count() FROM runs"
    [finding] = lint("SELECT count() FROM runs")
    moved = finding.shifted(10)
    assert buffer[moved.start : moved.end] == "runs"
    assert moved.fix is not None and moved.fix.apply(buffer).startswith("SELECT 1;\nSELECT count")
    assert moved.fix.apply(buffer).endswith(f"FROM runs WHERE created_at > {DAY}")
