"""Completion: what is offered at the cursor, and in what order."""

from __future__ import annotations

from tui.api.sql.completion import CandidateKind, Completions, complete
from tui.api.sql.functions import FUNCTIONS
from tui.api.sql.schema import DEFAULT_SCHEMA

SCHEMA = {
    "runs": [("uuid", "UUID"), ("status", "String"), ("created_at", "DateTime64(3)")],
    "spans": [("node_slug", "String"), ("execution_status", "String")],
    "batches": [("uuid", "UUID"), ("credits_used_count", "Float64")],
    "records": [("id", "String")],
}


def at(marked: str, schema: object = SCHEMA) -> Completions:
    """Completions where ``|`` is in ``marked`` (the bar is not part of the text)."""
    offset = marked.index("|")
    return complete(marked.replace("|", "", 1), offset, schema)  # type: ignore[arg-type]


def labels(completions: Completions, kind: CandidateKind | None = None) -> list[str]:
    return [c.label for c in completions.candidates if kind is None or c.kind is kind]


def test_a_column_of_the_table_in_the_from_clause_is_offered() -> None:
    completions = at("SELECT sta| FROM runs")
    assert labels(completions)[0] == "status"
    assert completions.prefix == "sta"
    assert (completions.start, completions.end) == (7, 10)
    assert completions.candidates[0].detail == "String · runs"


def test_columns_of_tables_not_read_are_not_offered() -> None:
    columns = labels(at("SELECT | FROM spans"), CandidateKind.COLUMN)
    assert set(columns) == {"node_slug", "execution_status"}


def test_an_alias_offers_its_tables_columns_only() -> None:
    completions = at("SELECT r.| FROM runs r JOIN spans s ON s.node_slug = r.status")
    assert labels(completions) == ["created_at", "status", "uuid"]
    assert labels(at("SELECT s.exe| FROM runs r JOIN spans s ON 1")) == ["execution_status"]


def test_a_table_name_works_as_a_qualifier_too() -> None:
    assert labels(at("SELECT runs.| FROM runs")) == ["created_at", "status", "uuid"]


def test_after_from_and_join_the_tables_are_offered() -> None:
    assert labels(at("SELECT * FROM |")) == ["batches", "records", "runs", "spans"]
    assert labels(at("SELECT * FROM runs r JOIN sp|")) == ["spans"]
    assert labels(at("SELECT * FROM runs r, b|")) == ["batches"]


def test_ctes_are_tables_and_their_columns_are_known() -> None:
    sql = "WITH failed AS (SELECT uuid, status AS state FROM runs) SELECT f.| FROM failed f"
    assert labels(at(sql)) == ["state", "uuid"]
    offered = at("WITH failed AS (SELECT uuid FROM runs) SELECT * FROM fa|")
    assert labels(offered) == ["failed"] and offered.candidates[0].detail == "CTE"


def test_a_derived_tables_columns_are_known() -> None:
    sql = "SELECT t.| FROM (SELECT node_slug, count() AS n FROM spans GROUP BY node_slug) t"
    assert labels(at(sql)) == ["n", "node_slug"]


def test_functions_come_with_signatures() -> None:
    completions = at("SELECT cou| FROM runs")
    assert labels(completions)[:3] == ["count", "countIf", "countDistinct"]
    count_if = next(c for c in completions.candidates if c.label == "countIf")
    assert count_if.kind is CandidateKind.FUNCTION and count_if.detail == "countIf(cond)"


def test_fuzzy_matches_follow_prefix_matches() -> None:
    offered = labels(at("SELECT tsoh| FROM runs"))
    assert offered[0] == "toStartOfHour"
    offered = labels(at("SELECT exst| FROM spans", DEFAULT_SCHEMA))
    assert "execution_status" in offered[:3] and "execution_started_at" in offered[:3]


def test_prefix_matching_ignores_case() -> None:
    assert labels(at("sel|"))[0] == "SELECT"
    assert labels(at("SELECT JSONEXTRACTS| FROM runs"))[0] == "JSONExtractString"


def test_after_a_complete_expression_what_the_clause_allows_comes_first() -> None:
    assert labels(at("SELECT * FROM runs |"))[:3] == ["WHERE", "JOIN", "LEFT JOIN"]
    assert labels(at("SELECT status |"))[:2] == ["FROM", "AS"]
    assert labels(at("SELECT count() FROM runs WHERE status = 'error' |"))[:2] == ["AND", "OR"]
    assert labels(at("SELECT a FROM runs ORDER BY created_at |"))[:2] == ["DESC", "ASC"]
    # Inside a subquery, its own clause counts.
    assert labels(at("SELECT * FROM (SELECT uuid FROM runs |"))[0] == "WHERE"


def test_an_empty_statement_starts_with_select() -> None:
    assert labels(at("|"))[0] == "SELECT"


def test_after_interval_n_the_units() -> None:
    offered = labels(at("SELECT count() FROM runs WHERE created_at > now() - INTERVAL 1 |"))
    assert offered[:4] == ["DAY", "HOUR", "MINUTE", "MONTH"]


def test_nothing_is_offered_inside_strings_or_comments() -> None:
    assert at("SELECT 'sta|' FROM runs").candidates == []
    assert at("SELECT 1 -- sta|").candidates == []
    assert at("SELECT /* sta| */ 1").candidates == []
    assert at("SELECT 'unclosed sta|").candidates == []


def test_only_the_statement_under_the_cursor_counts() -> None:
    sql = "SELECT status FROM runs;\nSELECT nod| FROM spans"
    offered = at(sql)
    assert labels(offered, CandidateKind.COLUMN) == ["node_slug"]
    assert offered.start == sql.index("nod|")


def test_before_a_from_is_typed_every_tables_columns_are_offered() -> None:
    offered = labels(at("SELECT cre|"), CandidateKind.COLUMN)
    assert offered == ["created_at", "credits_used_count"]


def test_the_default_schema_is_used_when_none_is_given() -> None:
    offered = at("SELECT fail| FROM batches", None)
    assert labels(offered)[0] == "failed_runs_count"


def test_the_function_list_is_curated_and_unique() -> None:
    names = [f.name for f in FUNCTIONS]
    assert len(names) == len(set(names)) >= 150
    for wanted in ("count", "countIf", "quantile", "uniq", "toStartOfWeek", "dateDiff"):
        assert wanted in names
    assert all(f.signature.startswith(f.name) for f in FUNCTIONS)
