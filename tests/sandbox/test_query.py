"""The SQL endpoint: the contract's examples work, everything else is refused, caps hold."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import FIXED_NOW
from tests.sandbox.conftest import query
from tui.sandbox.threaded import ThreadedSandbox

EXAMPLES = [
    "SELECT countIf(status='error') / count() AS error_rate FROM runs "
    "WHERE created_at > now() - INTERVAL 1 DAY",
    "SELECT workflow_uuid, count() AS errors FROM runs WHERE status='error' "
    "AND created_at > now() - INTERVAL 7 DAY GROUP BY workflow_uuid ORDER BY errors DESC",
    "SELECT node_slug, count() AS failures FROM spans WHERE execution_status='error' "
    "AND execution_started_at > now() - INTERVAL 1 DAY GROUP BY node_slug ORDER BY failures DESC",
    "SELECT workflow_uuid, sum(credits_used_count) AS credits FROM batches "
    "WHERE created_at >= toStartOfMonth(now()) GROUP BY workflow_uuid ORDER BY credits DESC",
]


def rows(response: httpx.Response) -> list[dict[str, object]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, object]] = response.json()["rows"]
    return found


def test_the_contract_examples_return_sensible_rows(acme: httpx.Client) -> None:
    rate = rows(query(acme, EXAMPLES[0]))
    assert len(rate) == 1 and 0 < float(rate[0]["error_rate"]) < 0.5  # type: ignore[arg-type]
    errors = rows(query(acme, EXAMPLES[1]))
    counts = [r["errors"] for r in errors]
    assert counts == sorted(counts, reverse=True) and isinstance(counts[0], int)
    failures = rows(query(acme, EXAMPLES[2]))
    assert failures and {"node_slug", "failures"} == set(failures[0])
    credits = rows(query(acme, EXAMPLES[3]))
    assert credits and all(int(r["credits"]) >= 0 for r in credits)  # type: ignore[call-overload]


def test_types_render_as_json(acme: httpx.Client) -> None:
    [row] = rows(query(acme, "SELECT uuid, created_at, runs_count, data FROM batches LIMIT 1"))
    assert isinstance(row["runs_count"], int)
    assert isinstance(row["created_at"], str) and str(row["created_at"]).startswith("2026-")


def test_now_is_the_sandbox_clock(acme: httpx.Client) -> None:
    [row] = rows(query(acme, "SELECT toString(now()) AS t"))
    assert str(row["t"]).startswith(FIXED_NOW.strftime("%Y-%m-%d %H"))


REFUSED = [
    "SELECT * FROM file('/etc/passwd')",
    "SELECT * FROM file('/etc/passwd', 'LineAsString')",
    "SELECT file('/etc/passwd')",
    "SELECT file('/etc/passwd') AS x FROM runs",
    "SELECT * FROM runs WHERE record_id = file('/etc/passwd')",
    "SELECT * FROM runs WHERE record_id IN (SELECT * FROM file('/etc/passwd', 'LineAsString'))",
    "WITH f AS (SELECT * FROM file('/etc/passwd')) SELECT * FROM f",
    "SELECT * FROM runs UNION ALL SELECT * FROM file('/etc/passwd')",
    "SELECT * FROM runs AS r JOIN file('/etc/passwd') AS f ON 1 = 1",
    "SELECT * FROM url('http://127.0.0.1:1/', 'LineAsString')",
    "SELECT * FROM s3('http://127.0.0.1:1/x.csv')",
    "SELECT * FROM remote('127.0.0.1', system.one)",
    "SELECT * FROM remoteSecure('127.0.0.1', system.one)",
    "SELECT * FROM numbers(10)",
    "SELECT * FROM mysql('127.0.0.1', 'db', 't', 'u', 'p')",
    "SELECT * FROM executable('cat /etc/passwd', 'LineAsString')",
    "SELECT dictGet('d', 'a', 1)",
    "SELECT * FROM system.tables",
    "SELECT * FROM system.one",
    "SELECT name FROM information_schema.tables",
    "SELECT 1 WHERE 1 IN system.one",
    "SELECT * FROM otherdb.runs",
    "SELECT * FROM default.runs",
    "SELECT * FROM sandbox1_2.runs",
    "SELECT * FROM merge('sandbox', '.*')",
    "SELECT * FROM runs INTO OUTFILE '/tmp/x.csv'",
    "SELECT * FROM runs SETTINGS max_rows_to_read = 0",
    "SELECT * FROM runs FORMAT CSV",
    "SET readonly = 0",
    "INSERT INTO runs SELECT * FROM runs",
    "CREATE TABLE x (a Int8) ENGINE = Memory",
    "DROP TABLE runs",
    "ALTER TABLE runs DELETE WHERE 1",
    "SELECT 1; SELECT 2",
    "SELECT 1; DROP TABLE runs",
    "SELECT * FROM jobs",
    "WITH runs AS (SELECT * FROM system.tables) SELECT * FROM runs",
]


@pytest.mark.parametrize("sql", REFUSED)
def test_anything_else_is_refused_with_a_reason(acme: httpx.Client, sql: str) -> None:
    answer = query(acme, sql)
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["reason"] == "queryNotAllowed", body
    assert "root:" not in answer.text


def test_a_wrong_query_says_why(acme: httpx.Client) -> None:
    answer = query(acme, "SELECT no_such_column FROM runs")
    assert answer.status_code == 400
    assert "no_such_column" in answer.json()["errorMessage"]


def test_the_result_row_cap(acme: httpx.Client) -> None:
    answer = query(acme, "SELECT * FROM spans")
    assert answer.status_code == 400
    assert "10,000 rows" in answer.json()["errorMessage"]


@pytest.mark.parametrize("after", ["DESCRIBE TABLE runs", "SELECT count() AS n FROM batches"])
def test_the_query_after_one_over_the_cap_answers_only_its_own_rows(
    acme: httpx.Client, after: str
) -> None:
    """chDB kept the capped query's rows and put them before the next answer's."""
    assert query(acme, "SELECT * FROM spans").status_code == 400
    found = rows(query(acme, after))
    assert found and all(set(row) == set(found[0]) for row in found)
    assert "node_slug" not in found[0]


@pytest.fixture(scope="module")
def capped() -> Iterator[ThreadedSandbox]:
    caps = {"max_rows_to_read": 1000, "max_execution_time": 1}
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW, caps=caps) as running:
        yield running


def test_the_scan_cap_names_itself(capped: ThreadedSandbox) -> None:
    client = httpx.Client(
        base_url=capped.base_url, headers={"authorization": f"Bearer {capped.token}"}
    )
    answer = query(client, "SELECT count() FROM runs WHERE status = 'error'")
    assert answer.status_code == 400
    message = answer.json()["errorMessage"]
    assert "read more than 1,000 rows" in message and "created_at" in message


def test_the_time_cap_names_itself(capped: ThreadedSandbox) -> None:
    client = httpx.Client(
        base_url=capped.base_url, headers={"authorization": f"Bearer {capped.token}"}
    )
    slow = "SELECT sum(sleepEachRow(0.5)) FROM (SELECT * FROM batches LIMIT 4)"
    answer = query(client, slow)
    assert answer.status_code == 400
    assert "longer than 1 s" in answer.json()["errorMessage"]


@pytest.mark.parametrize("sql", ["DESCRIBE TABLE runs", "describe spans", "DESC batches;"])
def test_describe_answers_the_columns_of_a_table(acme: httpx.Client, sql: str) -> None:
    answer = query(acme, sql)
    assert answer.status_code == 200, answer.text
    names = {row.get("name") for row in answer.json()["rows"]}
    from tui.sandbox import engine

    assert None not in names, "\n".join(engine.LAST)
    assert "workflow_uuid" in names and len(names) > 5


@pytest.mark.parametrize("sql", ["DESCRIBE TABLE system.tables", "DESCRIBE secrets"])
def test_describe_of_anything_else_is_refused(acme: httpx.Client, sql: str) -> None:
    answer = query(acme, sql)
    assert answer.status_code == 400


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT status FROM runs GROUP status",
        "SELECT count( FROM runs",
        "SELECT status\nFROM runs\nGROUP status",
    ],
)
def test_a_syntax_error_is_clickhouses_at_the_editors_position(
    acme: httpx.Client, sql: str
) -> None:
    """The service's parser is ClickHouse: its message, at the position in the query sent,
    where the editor's linter puts its column (sqlglot pointed at the token's end)."""
    from tui.api.sql.linter import lint
    from tui.api.sql.server_errors import shorten_error

    answer = query(acme, sql)
    assert answer.status_code == 400
    message = answer.json()["errorMessage"]
    assert "Syntax error: failed at position" in message
    [finding] = lint(sql)
    assert shorten_error(message, sql).position == finding.start
