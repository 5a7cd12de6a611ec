"""``cargo-tui query``: each format and each exit code, against the sandbox over loopback."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.sandbox.threaded import ThreadedSandbox

FAILURES = (
    "SELECT node_slug, count() AS failures FROM spans WHERE execution_status = 'error' "
    "AND execution_started_at > now() - INTERVAL 7 DAY GROUP BY node_slug ORDER BY failures DESC"
)
NESTED = "SELECT 1 AS n, [1, 2] AS list, map('k', 'v') AS obj, 'a\nb' AS text, NULL AS nothing"


def run(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    code = main(["query", *args, "--token", sandbox.token, "--base-url", sandbox.base_url])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_aligns_columns_and_right_aligns_numbers(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(sandbox, capsys, FAILURES)
    assert code == 0, err
    header, rule, *rows = out.splitlines()
    assert header.split() == ["node_slug", "failures"]
    assert set(rule.replace(" ", "")) == {"─"}
    assert rows and "hubspot_upsert" in out
    counts = [int(line.split()[-1]) for line in rows]
    assert counts == sorted(counts, reverse=True)
    ends = {len(line) for line in rows}
    assert ends == {len(header)}, "numbers end in the column of their header"


def test_csv_holds_nested_values_as_json_text(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(sandbox, capsys, NESTED, "--format", "csv")
    assert code == 0, err
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row == {"n": "1", "list": "[1,2]", "obj": '{"k":"v"}', "text": "a\nb", "nothing": ""}


def test_json_is_an_array_of_objects(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(sandbox, capsys, NESTED, "--format", "json")
    assert code == 0, err
    assert json.loads(out) == [
        {"n": 1, "list": [1, 2], "obj": {"k": "v"}, "text": "a\nb", "nothing": None}
    ]


def test_ndjson_is_one_object_a_line(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(sandbox, capsys, FAILURES, "-f", "ndjson")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) > 2 and all(set(row) == {"node_slug", "failures"} for row in rows)


def test_output_file_is_written_whole_and_stdout_stays_empty(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "failures.csv"
    target.write_text("old contents")
    code, out, err = run(sandbox, capsys, FAILURES, "-f", "csv", "-o", str(target))
    assert code == 0, err
    assert out == ""
    assert target.read_text().startswith("node_slug,failures\n")
    assert f"to {target}" in err
    assert [p.name for p in tmp_path.iterdir()] == ["failures.csv"], "no temporary file left"


def test_the_query_can_come_from_stdin(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("SELECT 41 + 1 AS answer"))
    code, out, _ = run(sandbox, capsys, "-", "-f", "ndjson")
    assert code == 0
    assert json.loads(out) == {"answer": 42}


def test_a_lint_refusal_exits_1_before_sending(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(sandbox, capsys, "DROP TABLE runs")
    assert code == 1
    assert out == ""
    assert "refused: DROP is refused" in err


def test_a_server_refusal_exits_1_with_its_reason(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    # The linter lets 'IN table' through; the endpoint refuses it.
    code, out, err = run(sandbox, capsys, "SELECT 1 AS x FROM runs WHERE uuid IN runs LIMIT 1")
    assert code == 1, err
    assert out == ""
    assert "the query failed" in err and "IN table" in err


def test_a_failed_query_exits_1_with_the_short_error_and_where(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(sandbox, capsys, "SELECT nope FROM batches LIMIT 1")
    assert code == 1
    assert out == ""
    assert "the query failed: Unknown column nope" in err
    assert "at line 1, col 8" in err


def test_warnings_go_to_stderr_and_the_rows_still_come(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(sandbox, capsys, "SELECT status FROM runs LIMIT 2", "-f", "ndjson")
    assert code == 0
    assert len(out.splitlines()) == 2
    assert "warning: runs is read with no time range" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["query"],
        ["query", "SELECT 1", "--format", "xml"],
        ["query", "SELECT 1", "--frobnicate"],
    ],
    ids=["no-sql", "bad-format", "bad-option"],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "usage: cargo-tui" in err and "error:" in err


def test_an_empty_query_exits_2_a_file_that_cannot_be_written_1_as_in_export(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(sandbox, capsys, "   ")
    assert code == 2 and "the query is empty" in err
    code, _, err = run(sandbox, capsys, "SELECT 1", "-o", str(tmp_path / "missing" / "x.csv"))
    assert code == 1 and "does not exist" in err
    export = ["export", "runs", "--workflow", "00000000-0000-4000-8000-000000000000"]
    export += ["-o", str(tmp_path / "missing" / "x.csv"), "--token", sandbox.token]
    assert main([*export, "--base-url", sandbox.base_url]) == code


def test_not_signed_in_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELECT 1"]) == 3
    assert "not signed in" in capsys.readouterr().err


def test_a_rejected_token_exits_3(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["query", "SELECT 1", "--token", "wrong", "--base-url", sandbox.base_url])
    assert code == 3
    assert "not signed in" in capsys.readouterr().err


def test_a_token_that_may_not_query_exits_1_and_says_so(
    faults: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 403 is a refusal of this request, not a sign-in problem (as the official client
    reads it): exit 1, and say what to do."""
    faults.faults.add(kind="status", status=403, path="/orchestration/query")
    code, out, err = run(faults, capsys, "SELECT 1")
    assert (code, out) == (1, "")
    assert "not allowed" in err and "may not do that" in err
    assert "not signed in" not in err


def test_the_environment_token_is_used(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARGO_API_TOKEN", sandbox.token)
    monkeypatch.setenv("CARGO_API_BASE_URL", sandbox.base_url)
    assert main(["query", "SELECT 7 AS seven", "-f", "csv"]) == 0
    assert capsys.readouterr().out == "seven\n7\n"


@pytest.mark.slow
def test_demo_runs_against_a_fresh_sandbox_child(tmp_path: Path) -> None:
    cli = str(Path(sys.executable).with_name("cargo-tui"))
    done = subprocess.run(
        [cli, "query", "--demo", "SELECT count() AS batches FROM batches", "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)
    assert row["batches"] > 0


WIDE = (
    f"SELECT toUInt256('{2**256 - 1}') AS big, "
    "toDecimal256('1234567890123456789012345678901234567890.5', 1) AS wide, "
    "[toDecimal256('1234567890123456789012345678901234567890.25', 2)] AS wides"
)


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv", "table"])
def test_numbers_wider_than_64_bits_are_written_exactly(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, err = run(sandbox, capsys, WIDE, "--format", fmt)
    assert code == 0, err
    assert str(2**256 - 1) in out
    assert "1234567890123456789012345678901234567890.5" in out
    assert "1234567890123456789012345678901234567890.25" in out
    if fmt in ("json", "ndjson"):
        [row] = json.loads(out) if fmt == "json" else [json.loads(out)]
        assert row["big"] == 2**256 - 1
        assert isinstance(row["wide"], float), "a number, not a string"


def test_one_row_is_said_as_one_row(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "one.csv"
    code, _, err = run(sandbox, capsys, "SELECT 1 AS one", "-f", "csv", "-o", str(target))
    assert code == 0, err
    assert "1 row in " in err and "rows" not in err
