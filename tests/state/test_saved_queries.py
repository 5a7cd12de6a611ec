"""Saved queries: the shipped library and the user's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.sql.chdb_worker import Chdb
from tests.sql.queries import CONTRACT_EXAMPLES
from tui.api.sql.linter import lint
from tui.api.sql.schema import DEFAULT_SCHEMA
from tui.state.saved_queries import LIBRARY, SavedQueries, SavedQueryError, saved_queries_path


def test_the_library_starts_with_the_contracts_examples() -> None:
    assert [query.sql for query in LIBRARY[:4]] == list(CONTRACT_EXAMPLES)
    assert [query.name for query in LIBRARY] == [
        "Error rate over the last day",
        "Failed runs per workflow this week",
        "Per-node failures in 24 h",
        "Credits by workflow this month",
        "p95 node duration per node",
        "Error rate by hour",
    ]
    assert all(query.shipped and query.description for query in LIBRARY)


@pytest.mark.parametrize("query", LIBRARY, ids=lambda query: query.name)
def test_shipped_queries_lint_clean_and_run(query: object, chdb: Chdb) -> None:
    sql = query.sql  # type: ignore[attr-defined]
    assert lint(sql, DEFAULT_SCHEMA) == []
    answer = chdb.run(sql)
    assert answer["ok"], answer.get("error")


def test_saving_listing_renaming_and_deleting() -> None:
    library = SavedQueries()
    library.save("Slow nodes", "SELECT 1", "the slowest ones")
    library.save("anomalies", "SELECT 2")
    assert [q.name for q in SavedQueries().user()] == ["Slow nodes", "anomalies"]
    assert [q.name for q in library.all()][-2:] == ["anomalies", "Slow nodes"]
    assert library.get("slow NODES") is not None
    renamed = library.rename("Slow nodes", "Slowest nodes")
    assert renamed.description == "the slowest ones"
    assert SavedQueries().get("Slowest nodes") is not None
    assert SavedQueries().get("Slow nodes") is None
    library.delete("anomalies")
    assert [q.name for q in SavedQueries().user()] == ["Slowest nodes"]


def test_names_are_unique_ignoring_case() -> None:
    library = SavedQueries()
    library.save("Failures", "SELECT 1")
    with pytest.raises(SavedQueryError, match="already named"):
        library.save("failures", "SELECT 2")
    library.save("FAILURES", "SELECT 3", replace=True)
    [saved] = library.user()
    assert (saved.name, saved.sql) == ("FAILURES", "SELECT 3")
    library.save("Other", "SELECT 4")
    with pytest.raises(SavedQueryError, match="already named"):
        library.rename("Other", "failures")
    library.rename("Other", "OTHER")  # a change of case is a rename, not a clash
    assert {q.name for q in library.user()} == {"FAILURES", "OTHER"}


def test_the_librarys_queries_cannot_be_overwritten_renamed_or_deleted() -> None:
    library = SavedQueries()
    shipped = LIBRARY[0].name
    with pytest.raises(SavedQueryError, match="app's own"):
        library.save(shipped.upper(), "SELECT 1")
    with pytest.raises(SavedQueryError, match="app's own"):
        library.rename(shipped, "Mine")
    with pytest.raises(SavedQueryError, match="app's own"):
        library.delete(shipped)
    library.save("Mine", "SELECT 1")
    with pytest.raises(SavedQueryError, match="app's own"):
        library.rename("Mine", shipped)


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_empty_or_long_names_are_refused(name: str) -> None:
    with pytest.raises(SavedQueryError):
        SavedQueries().save(name, "SELECT 1")


def test_unknown_names_say_so() -> None:
    with pytest.raises(SavedQueryError, match="No saved query"):
        SavedQueries().delete("nope")


def test_the_file_is_versioned_json_written_atomically(user_dirs: Path) -> None:
    SavedQueries().save("Mine", "SELECT 1")
    path = saved_queries_path()
    assert path == user_dirs / "data" / "saved_queries.json"
    body = json.loads(path.read_text())
    assert body["version"] == 1
    [query] = body["queries"]
    assert query["name"] == "Mine" and query["created_at"] == query["updated_at"]
    assert [p.name for p in path.parent.iterdir()] == ["saved_queries.json"]


def test_a_corrupt_file_is_set_aside_and_the_library_still_works() -> None:
    path = saved_queries_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"version": 1, "queries": [')
    library = SavedQueries()
    assert library.user() == []
    assert len(library.all()) == len(LIBRARY)
    assert library.warnings and "not JSON" in library.warnings[0]
    assert len(list(path.parent.glob("saved_queries.json.bad-*"))) == 1
    library.save("Fresh", "SELECT 1")
    assert [q.name for q in SavedQueries().user()] == ["Fresh"]


def test_two_windows_do_not_undo_each_others_saves() -> None:
    first, second = SavedQueries(), SavedQueries()
    first.save("From the first", "SELECT 1")
    second.save("From the second", "SELECT 2")
    assert {q.name for q in SavedQueries().user()} == {"From the first", "From the second"}


def test_a_failed_write_is_a_saved_query_error() -> None:
    blocker = saved_queries_path().parent
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(SavedQueryError, match="Cannot save"):
        SavedQueries().save("Mine", "SELECT 1")
