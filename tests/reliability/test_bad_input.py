"""Every case of the bad input catalog, fed to the real part of the app that meets it.

Each says what is wrong (the catalog's fragment), nothing crashes, and what the user typed is
kept: the SQL buffer unchanged, a broken state file set aside rather than overwritten.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.filters.support import MODEL
from tests.reliability.bad_input_catalog import (
    CLI,
    CONDITIONS,
    EXPORT_PATHS,
    FILTERS,
    METRICS_RANGE,
    SETTINGS,
    SQL,
    STATE_FILES,
    Case,
)
from tests.sql_screen.support import open_editor, put, run, status
from tests.support import app_on
from tui.api.filters import validate_filter
from tui.cli import main
from tui.export import check_typed_destination
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.workflow.metrics import parse_range
from tui.state import settings
from tui.state.jsonfiles import read_json

ids = pytest.mark.parametrize


async def test_sql_in_the_editor(sandbox: ThreadedSandbox) -> None:
    """One app for all SQL cases: each one run as a selection of the whole buffer."""
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        for case in SQL:
            area = put(screen, case.given)
            area.select_all()
            await run(pilot)
            said = status(screen)
            assert app.is_running and app.screen is screen, case.id
            assert case.says in said, f"{case.id}: {said}"
            assert area.text == case.given, f"{case.id}: the buffer changed"


@ids("case", FILTERS, ids=lambda c: c.id)
def test_filter_text(case: Case) -> None:
    problems = validate_filter(case.given, MODEL)
    assert any(case.says in p.message for p in problems), [p.message for p in problems]


@ids("case", CONDITIONS, ids=lambda c: c.id)
def test_one_condition(case: Case) -> None:
    text = (
        '{"conjonction": "and", "groups": [{"conjonction": "and", "conditions": ['
        + case.given
        + "]}]}"
    )
    problems = validate_filter(text, MODEL)
    assert any(case.says in p.message for p in problems), [p.message for p in problems]
    assert all(p.line is not None for p in problems), "each problem is placed in the text"


@ids("case", METRICS_RANGE, ids=lambda c: c.id)
def test_metrics_custom_range(case: Case) -> None:
    start, end = case.given.split("|")
    with pytest.raises(ValueError) as raised:
        parse_range(start, end)
    assert case.says in str(raised.value)


@ids("case", CLI, ids=lambda c: c.id)
def test_cli_arguments(case: Case, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", *shlex.split(case.given), "-o", str(out / "x.csv"), "--token", "t"]
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert case.says in err and "Traceback" not in err
    assert list(out.iterdir()) == [], "nothing written"


@ids("case", EXPORT_PATHS, ids=lambda c: c.id)
def test_export_path(case: Case, out: Path) -> None:
    (out / "sub").mkdir()
    (out / "have.csv").write_text("keep\n")
    found = check_typed_destination(case.given, cwd=out)
    assert found.status in ("invalid", "exists")
    assert case.says in found.message
    assert (out / "have.csv").read_text() == "keep\n"


def test_export_paths_that_resolve(out: Path) -> None:
    (out / "sub").mkdir()
    assert check_typed_destination("sub/../y.csv", cwd=out).path == out / "y.csv"
    home = check_typed_destination("~/runs.csv", cwd=out).path
    assert home == Path.home() / "runs.csv"


@ids("case", SETTINGS, ids=lambda c: c.id)
def test_settings_file(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(case.given.encode())
    loaded = settings.load(path)
    assert any(case.says in p and str(path) in p for p in loaded.problems), loaded.problems
    assert loaded.settings.theme, "the defaults are used"
    assert path.read_bytes() == case.given.encode(), "the user's file is left as it was"


@ids("case", STATE_FILES, ids=lambda c: c.id)
def test_state_file(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "buffers.json"
    if case.given == "<folder>":
        path.mkdir()
        (path / "inside").write_text("x")
    else:
        path.write_bytes(case.given.encode("utf-8", "surrogateescape"))
    data, warnings = read_json(path, 1)
    assert data is None
    assert len(warnings) == 1 and case.says in warnings[0] and str(path) in warnings[0]
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("buffers.json.bad-")]
    assert len(kept) == 1, "set aside, not overwritten"
    if case.given != "<folder>":
        assert kept[0].read_bytes() == case.given.encode("utf-8", "surrogateescape")
    assert not path.exists(), "the next write starts afresh, beside the kept copy"


@ids(
    ("sql", "says"),
    [
        ("-- later", "no statement, only comments"),
        ("SELECT 1 AS x WHERE 1 = 1 " + "OR 1 = 1 " * 30_000, "at most 262,144 bytes"),
    ],
)
def test_the_sandbox_refuses_what_the_editor_would_not_send(sql: str, says: str) -> None:
    """The endpoint's own guard, for clients without the linter (curl, scripts)."""
    from tui.sandbox.guard import Refused, rewrite

    with pytest.raises(Refused) as raised:
        rewrite(sql, "db", "'2026-11-27 15:00:00'")
    assert says in str(raised.value)
