"""f4: the formatter prints valid ClickHouse that means what was typed, or leaves it alone."""
# ruff: noqa: S608  (SQL text under test, not queries built from input)

from __future__ import annotations

import pytest
import sqlglot

from tests.sql.chdb_worker import Chdb
from tests.sql.queries import CONTRACT_EXAMPLES, REALISTIC
from tui.api.sql.format import format_sql

QUERIES = CONTRACT_EXAMPLES + REALISTIC


@pytest.mark.parametrize("sql", QUERIES)
def test_formatting_keeps_valid_clickhouse(sql: str, chdb: Chdb) -> None:
    formatted = format_sql(sql)
    assert formatted.complete, formatted.notes
    assert formatted.text != sql  # it did lay the query out
    assert "\n" in formatted.text
    # Still ClickHouse for sqlglot's stock dialect, and for ClickHouse itself.
    assert sqlglot.parse_one(formatted.text, read="clickhouse") is not None
    answer = chdb.run(formatted.text)
    assert answer["ok"], answer.get("error")
    # Formatting a formatted query changes nothing.
    assert format_sql(formatted.text).text == formatted.text


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("toStartOfMonth(now())", "toStartOfMonth(now())"),
        ("toStartOfHour(created_at)", "toStartOfHour(created_at)"),
        ("dateDiff('second', created_at, finished_at)", "dateDiff('second', created_at"),
        ("if(status = 'error', 1, 0)", "if(status = 'error', 1, 0)"),
        ("median(runs_count)", "median(runs_count)"),
        ("rand()", "rand()"),
        ("splitByChar(',', status)", "splitByChar(',', status)"),
        ("INTERVAL 1 DAY", "INTERVAL 1 DAY"),
        ("status NOT IN ('error')", "status NOT IN ('error')"),
        ("finished_at IS NOT NULL", "finished_at IS NOT NULL"),
        ("quantile(0.95)(runs_count)", "quantile(0.95)(runs_count)"),
    ],
)
def test_functions_and_predicates_keep_the_names_they_were_written_with(
    written: str, kept: str
) -> None:
    # Stock sqlglot would print dateTrunc, DATE_DIFF, CASE, quantile(0.5), randCanonical...
    formatted = format_sql(f"select {written} as x from batches where created_at > now()")
    assert formatted.complete, formatted.notes
    assert kept in formatted.text


def test_keywords_are_upper_cased_and_clauses_get_their_own_lines() -> None:
    formatted = format_sql("select status, count() as n from runs group by status order by n desc")
    assert formatted.text == (
        "SELECT\n  status,\n  count() AS n\nFROM runs\nGROUP BY\n  status\nORDER BY\n  n DESC"
    )


def test_comments_survive() -> None:
    formatted = format_sql("-- why\nselect 1 /* one */ as a")
    assert formatted.complete
    assert "why" in formatted.text and "one" in formatted.text


@pytest.mark.parametrize(
    "sql",
    [
        # sqlglot cannot parse LIMIT ... BY followed by LIMIT.
        "SELECT node_slug FROM spans ORDER BY node_slug LIMIT 1 BY node_slug LIMIT 10",
        # sqlglot would print CAST(x AS String): not what was typed.
        "SELECT status::String FROM runs",
        # sqlglot would move NOT: "a IS NOT NULL" is a different token stream.
        "SELECT NOT error_message IS NULL FROM runs",
        # sqlglot moves SAMPLE after PREWHERE, which ClickHouse rejects.
        "SELECT uuid FROM runs FINAL SAMPLE 0.1 PREWHERE status = 'error'",
        "SELECT 'unclosed",
    ],
)
def test_what_cannot_be_formatted_faithfully_is_left_as_written(sql: str) -> None:
    formatted = format_sql(sql)
    assert formatted.text == sql
    assert len(formatted.notes) == 1 and "kept as written" in formatted.notes[0]


def test_each_statement_is_formatted_on_its_own() -> None:
    buffer = "select 1 as a;\nselect uuid from runs limit 1 by status limit 2;\nselect 2 as b\n"
    formatted = format_sql(buffer)
    assert formatted.text == (
        "SELECT\n  1 AS a;\n\n"
        "select uuid from runs limit 1 by status limit 2;\n\n"
        "SELECT\n  2 AS b\n"
    )
    assert formatted.notes == [
        "Statement 2 was kept as written: sqlglot cannot parse it "
        "(Found multiple 'LIMIT' clauses at line 1, col 45)."
    ]


def test_blank_text_is_unchanged() -> None:
    assert format_sql("  \n").text == "  \n"
    assert format_sql("-- just a note").text == "-- just a note"
