"""Shortening ClickHouse errors: a catalogue of real formats, and fresh ones from chDB."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.sql.chdb_worker import Chdb
from tui.api.sql.server_errors import Cap, shorten_error


@dataclass(frozen=True)
class Case:
    message: str
    query: str | None
    short: str
    #: The text the position points at (None: no position).
    at: str | None = None
    cap: Cap | None = None
    name: str | None = None


CATALOGUE = [
    Case(
        "Code: 62. DB::Exception: Syntax error: failed at position 17 (line 1, col 17) ('FORM'): "
        "FORM runs. Expected one of: token, Comma, FROM, PREWHERE, WHERE, GROUP BY, WITH, "
        "HAVING, WINDOW, QUALIFY, ORDER BY, LIMIT, OFFSET, FETCH, SETTINGS, UNION, EXCEPT, "
        "INTERSECT, INTO OUTFILE, FORMAT, end of query. (SYNTAX_ERROR) (version 24.8.4.13 "
        "(official build))",
        "SELECT status,  FORM runs",
        "Syntax error at line 1, col 17 near 'FORM': expected FROM, PREWHERE, WHERE, GROUP BY…",
        at="FORM runs",
        name="SYNTAX_ERROR",
    ),
    Case(
        "Code: 47. DB::Exception: Unknown expression identifier 'stauts' in scope SELECT stauts "
        "FROM runs WHERE created_at > (now() - toIntervalDay(1)). Maybe you meant: ['status']. "
        "(UNKNOWN_IDENTIFIER) (version 24.8.4.13 (official build))",
        "SELECT stauts FROM runs WHERE created_at > now() - INTERVAL 1 DAY",
        "Unknown column stauts (did you mean status?)",
        at="stauts FROM",
        name="UNKNOWN_IDENTIFIER",
    ),
    Case(
        "Code: 158. DB::Exception: Limit for rows (controlled by 'max_rows_to_read' setting) "
        "exceeded, max rows: 10.00 million, current rows: 12.50 million. (TOO_MANY_ROWS) "
        "(version 24.8.4.13 (official build))",
        "SELECT count() FROM runs",
        "The query read more than the cap of 10.00 million rows (12.50 million read)",
        cap=Cap.SCAN,
        name="TOO_MANY_ROWS",
    ),
    Case(
        "Code: 396. DB::Exception: Limit for result exceeded, max rows: 10.00 thousand, current "
        "rows: 65.41 thousand. (TOO_MANY_ROWS_OR_BYTES) (version 24.8.4.13 (official build))",
        "SELECT uuid FROM runs WHERE created_at > now() - INTERVAL 1 DAY",
        "The result passed the cap of 10.00 thousand rows",
        cap=Cap.RESULT,
        name="TOO_MANY_ROWS_OR_BYTES",
    ),
    Case(
        "Code: 159. DB::Exception: Timeout exceeded: elapsed 30.001 seconds, maximum: 30. "
        "(TIMEOUT_EXCEEDED) (version 24.8.4.13 (official build))",
        None,
        "The query ran past the 30 s time cap",
        cap=Cap.TIME,
        name="TIMEOUT_EXCEEDED",
    ),
    Case(
        "Code: 159. DB::Exception: Timeout exceeded: elapsed 30000.412 ms, maximum: 30000.000 ms."
        " (TIMEOUT_EXCEEDED)",
        None,
        "The query ran past the 30 s time cap",
        cap=Cap.TIME,
    ),
    Case(
        # The endpoint's own wrapping, and a stack trace to drop.
        "Query failed: Code: 46. DB::Exception: Unknown function countIff. Maybe you meant: "
        "['countIf','countDistinctIf']: While processing countIff(status = 'error'). "
        "(UNKNOWN_FUNCTION)\nStack trace:\n0. DB::Exception::Exception(...) @ 0x000",
        "SELECT countIff(status = 'error') FROM runs",
        "Unknown function countIff (did you mean countIf?)",
        at="countIff(",
        name="UNKNOWN_FUNCTION",
    ),
    Case(
        "Code: 60. DB::Exception: Table default.run does not exist. Maybe you meant default.runs?."
        " (UNKNOWN_TABLE)",
        "SELECT * FROM run",
        "Unknown table default.run: the endpoint reads runs, batches, spans and records",
        name="UNKNOWN_TABLE",
    ),
    Case(
        "Code: 215. DB::Exception: Column 'default.runs.status' is not under aggregate function "
        "and not in GROUP BY keys. In query SELECT status, count() FROM runs. (NOT_AN_AGGREGATE)",
        "SELECT status, count() FROM runs",
        "status is neither aggregated nor in GROUP BY",
        at="status, count",
    ),
    Case(
        "Code: 164. DB::Exception: Cargo: Cannot execute query in readonly mode. (READONLY)",
        "INSERT INTO runs VALUES (1)",
        "The endpoint is read-only: only SELECT queries run",
    ),
    Case(
        "Code: 241. DB::Exception: Memory limit (for query) exceeded: would use 9.31 GiB "
        "(attempt to allocate chunk of 4194304 bytes), maximum: 9.31 GiB. "
        "(MEMORY_LIMIT_EXCEEDED)",
        None,
        "The query needed more memory than the endpoint allows",
        cap=Cap.MEMORY,
    ),
    Case(
        # The position the server gives does not match our text (it ran a rewritten query):
        # the fragment it quotes is found instead.
        "Code: 62. DB::Exception: Syntax error: failed at position 90 ('GROUPBY'): GROUPBY "
        "status. Expected one of: ... (SYNTAX_ERROR)",
        "SELECT count() FROM runs GROUPBY status",
        "Syntax error at line 1, col 26 near 'GROUPBY'",
        at="GROUPBY",
    ),
    Case(
        "upstream connect error or disconnect/reset before headers. reset reason: overflow",
        "SELECT 1",
        "upstream connect error or disconnect/reset before headers. reset reason: overflow",
    ),
]


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda case: case.short[:40])
def test_the_catalogue_shortens_as_expected(case: Case) -> None:
    error = shorten_error(case.message, case.query)
    assert error.short == case.short
    assert error.full == case.message.strip()
    assert error.cap == case.cap
    if case.name:
        assert error.name == case.name
    if case.at is None:
        assert error.position is None
    else:
        assert case.query is not None and error.position is not None
        assert case.query[error.position :].startswith(case.at)
    if case.cap is not None:
        assert error.advice
    assert "\n" not in error.short and len(error.short) <= 160


def test_advice_says_what_to_do_for_each_cap() -> None:
    rows = shorten_error(CATALOGUE[2].message)
    assert rows.advice is not None and "time predicate" in rows.advice
    result = shorten_error(CATALOGUE[3].message)
    assert result.advice is not None and "LIMIT" in result.advice
    timeout = shorten_error(CATALOGUE[4].message)
    assert timeout.advice is not None and "narrow the time range" in timeout.advice.lower()


def test_a_long_message_is_clipped_to_one_line() -> None:
    error = shorten_error("Code: 999. DB::Exception: " + "word " * 100 + "(SOMETHING_ELSE)")
    assert error.short.endswith("…") and len(error.short) <= 160
    assert error.code == 999 and error.name == "SOMETHING_ELSE"


# Real messages from the ClickHouse inside chDB: (query, short, the text the position marks).
LIVE = [
    (
        "SELECT status FORM runs",
        "Syntax error at line 1, col 20 near 'runs': expected FROM, PREWHERE, WHERE, GROUP BY…",
        "runs",
    ),
    (
        "SELECT 'é', status\nFORM runs",
        "Syntax error at line 2, col 6 near 'runs': expected FROM, PREWHERE, WHERE, GROUP BY…",
        "runs",
    ),
    (
        "SELECT\n  status\nFROM runs\nWHERE created_at > now() - INTERVAL 1 DAYY",
        "Syntax error at line 4, col 43 at the end of the query: expected end of query",
        "",
    ),
    (
        "SELECT (1",
        "Syntax error at line 1, col 10 at the end of the query: Unmatched parentheses: '(' at "
        "position 8 is never closed",
        "",
    ),
    (
        "SELECT 'abc",
        "Syntax error at line 1, col 8 near 'abc': Single quoted string is not closed",
        "'abc",
    ),
    ("SELECT stauts FROM runs", "Unknown column stauts (did you mean status?)", "stauts"),
    ("SELECT countIff(status = 'error') FROM runs", "Unknown function countIff", "countIff"),
    (
        "SELECT * FROM nope",
        "Unknown table nope: the endpoint reads runs, batches, spans and records",
        "nope",
    ),
    ("SELECT status, count() FROM runs", "status is neither aggregated nor in GROUP BY", "status"),
    (
        "SELECT r.uuid FROM runs r WHERE x.status = 'a'",
        "Unknown column x.status (did you mean r.status?)",
        "x.status",
    ),
]


@pytest.mark.parametrize(("query", "short", "at"), LIVE)
def test_real_clickhouse_messages_shorten(query: str, short: str, at: str, chdb: Chdb) -> None:
    error = shorten_error(chdb.error_of(query), query)
    assert error.short == short
    assert error.position is not None and query[error.position :].startswith(at)


@pytest.mark.parametrize(
    ("query", "cap", "short"),
    [
        (
            "SELECT count() FROM numbers(1000000) SETTINGS max_rows_to_read = 1000",
            Cap.SCAN,
            "The query read more than the cap of 1.00 thousand rows",
        ),
        (
            "SELECT number FROM numbers(100000) SETTINGS max_result_rows = 10, "
            "result_overflow_mode = 'throw'",
            Cap.RESULT,
            "The result passed the cap of 10.00 rows",
        ),
        (
            "SELECT count() FROM numbers(100000000000) SETTINGS max_execution_time = 0.2, "
            "timeout_overflow_mode = 'throw'",
            Cap.TIME,
            "The query ran past the 0.2 s time cap",
        ),
    ],
)
def test_real_cap_messages_name_the_cap(query: str, cap: Cap, short: str, chdb: Chdb) -> None:
    # The endpoint sets these limits itself; here the test sets them to trip them for real.
    error = shorten_error(chdb.error_of(query), query)
    assert error.cap is cap
    assert error.short.startswith(short)
    assert error.advice


def test_an_empty_message_still_says_the_query_failed() -> None:
    assert shorten_error("").short == "The query failed; the server said nothing"
