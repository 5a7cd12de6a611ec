"""The screens as a user reaches them: shared by the snapshot tests and ``make screenshots``.

Each scenario builds the app on a sandbox and drives it to one state; the same drive makes the
SVG snapshot in ``tests/snapshots`` and the picture in ``screenshots/``. Every step waits for a
state (the screen it opens on top, its workers done, a text it paints), never for time: a busy
machine is slower, and must take the same picture.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.app.drill import cursor_to, open_play, unhealthy_success_index
from tests.export_screen.support import Stalled, progress, set_path, wait_for
from tests.support import app_on, on_top, screen_text, settle, wait_until
from tui.app import CargoApp
from tui.export.progress import Meter
from tui.sandbox.threaded import ThreadedSandbox
from widgets.paged_table import PagedTable

if TYPE_CHECKING:
    from tui.screens.sql.screen import SqlScreen

SIZES = [(80, 24), (120, 40)]


@dataclass(frozen=True)
class Scenario:
    name: str
    build: Callable[[ThreadedSandbox], App[None]]
    drive: Callable[[Pilot[None]], Awaitable[None]]


async def _settled(pilot: Pilot[None]) -> None:
    from tui.screens.discovery.screen import DiscoveryScreen

    await on_top(pilot, DiscoveryScreen, "Enrich new companies", "last batch")


async def _type_token(pilot: Pilot[None]) -> None:
    from tui.screens.sign_in import SignInScreen

    screen = await on_top(pilot, SignInScreen, "Sign in to Cargo")
    for field in screen.query(Input):
        field.cursor_blink = False  # a blinking cursor would make the picture a coin toss
    await pilot.press(*"secret-token")
    await wait_until(pilot, lambda: "•" * 12 in screen_text(pilot.app), "the token typed")


async def _help(pilot: Pilot[None]) -> None:
    """Help over Discovery: its own keys first, then the tree's, then the app's."""
    from tui.screens.help import HelpScreen

    await _settled(pilot)
    await pilot.press("question_mark")
    await on_top(pilot, HelpScreen, "Keys · Discovery", "Filter")


async def _batches(pilot: Pilot[None]) -> None:
    from tui.screens.workflow.screen import WorkflowScreen

    workflow = await open_play(pilot)
    table = workflow.query_one("#batches-table", PagedTable)
    await cursor_to(pilot, table, unhealthy_success_index(workflow))
    await on_top(pilot, WorkflowScreen, "85 of its 498 runs failed")


async def _tab(pilot: Pilot[None], key: str, shows: str) -> None:
    from tui.screens.workflow.screen import WorkflowScreen

    await _batches(pilot)
    await pilot.press(key)
    await on_top(pilot, WorkflowScreen, shows)


async def _metrics(pilot: Pilot[None]) -> None:
    await _tab(pilot, "m", "8 nodes · 1,462 provider credits")


async def _failures(pilot: Pilot[None]) -> None:
    await _tab(pilot, "f", "last seen")


async def _runs(pilot: Pilot[None]) -> None:
    """The failed runs of the batch: the runs screen on top, its first page painted."""
    from tui.screens.runs import RunsScreen

    await _batches(pilot)
    await pilot.press("enter")
    await on_top(
        pilot, RunsScreen, "Batch Nov 24 02:39", "showing 1-", " of 85 ", "Aperture Energy"
    )


async def _run_detail(pilot: Pilot[None]) -> None:
    from tui.screens.run_detail import RunDetailScreen

    await _runs(pilot)
    await pilot.press("enter")
    await on_top(pilot, RunDetailScreen, "› Aperture Energy", "clearbit_enrich · output")


async def _rerun(pilot: Pilot[None]) -> None:
    from tui.screens.rerun.dialog import ReRunDialog

    await _batches(pilot)
    await pilot.press("R")
    await on_top(pilot, ReRunDialog, " exec", " left")


async def _runs_filter_dialog(pilot: Pilot[None]) -> None:
    """The workflow's Runs tab, its filter open: the newest release, finished, the last 4 days."""
    from textual.widgets import Select

    from tui.screens.run_filter import RunFilterDialog
    from tui.screens.workflow.screen import WorkflowScreen

    await open_play(pilot)
    await pilot.press("u")
    await on_top(pilot, WorkflowScreen, "showing 1-")
    await pilot.press("F")
    dialog = await on_top(pilot, RunFilterDialog)
    deployed = next(r for r in dialog.releases if r.deployed_at)
    dialog.query_one("#filter-release", Select).value = deployed.uuid
    dialog.query_one("#filter-finished", Select).value = "yes"
    for field in dialog.query(Input):
        field.cursor_blink = False
    after = dialog.query_one("#filter-after", Input)
    after.focus()
    await pilot.pause()
    await pilot.press(*"4d")
    await wait_until(pilot, lambda: after.value == "4d", "4d typed in created after")
    await settle(pilot)


async def _workflow_runs(pilot: Pilot[None]) -> None:
    from tui.screens.workflow.screen import WorkflowScreen

    await _runs_filter_dialog(pilot)
    await pilot.press("enter")
    await on_top(pilot, WorkflowScreen, "616 runs", "showing 1-", " of 616 ")


#: Where the export scenarios write: a fixed path, so every rendering of it is the same.
EXPORTS = Path("/tmp/cargo-tui-snapshots")


def _exports() -> Path:
    EXPORTS.mkdir(exist_ok=True)
    return EXPORTS


async def _export_dialog(pilot: Pilot[None]) -> None:
    await _runs(pilot)
    await pilot.press("e")
    await _dialog_open(pilot, "failed runs of Enrich new companies")


async def _dialog_open(pilot: Pilot[None], shows: str) -> None:
    """The export dialog on top of the runs screen, the runs behind it."""
    from tui.screens.export import ExportDialog

    dialog = await on_top(pilot, ExportDialog, shows)
    for field in dialog.query(Input):
        field.cursor_blink = False  # a blinking cursor would make the picture a coin toss
    _over_the_runs(pilot)


def _over_the_runs(pilot: Pilot[None]) -> None:
    """The screen below the top one is the runs screen (the picture shows it behind)."""
    from tui.screens.runs import RunsScreen

    stack = pilot.app.screen_stack
    assert isinstance(stack[-2], RunsScreen), [type(s).__name__ for s in stack]


async def _export_invalid(pilot: Pilot[None]) -> None:
    await _export_dialog(pilot)
    await set_path(pilot, "/nonexistent/failed-runs.csv")
    await wait_for(pilot, "does not exist")


async def _export_overwrite(pilot: Pilot[None]) -> None:
    existing = _exports() / "failed-runs.csv"
    existing.write_text("an earlier export\n")
    await _export_dialog(pilot)
    await set_path(pilot, existing)
    await pilot.press("enter")
    await wait_for(pilot, "already exists")
    await settle(pilot)


async def _export_long_path(pilot: Pilot[None]) -> None:
    """A path longer than its field, the focus moved on: its start and its name stay in sight."""
    folder = _exports() / "quarterly-reports" / "2026" / "november" / "enrichment"
    folder.mkdir(parents=True, exist_ok=True)
    name = "failed-runs-enrich-new-companies-2026-11-27.csv"
    await _export_dialog(pilot)
    await set_path(pilot, folder / name)
    await pilot.press("tab")  # nothing to complete: on to the format
    await wait_for(pilot, f"/enrichment/{name}")
    await settle(pilot)


async def _export_progress(pilot: Pilot[None]) -> None:
    from tui.screens.export import ExportProgress

    # The runs first, on top and painted: the dialog opens over them, not over the screen
    # that was on top a moment earlier (the picture once showed Discovery behind it).
    await _runs(pilot)
    assert isinstance(pilot.app, CargoApp)
    pilot.app.open_export(Stalled(label="rows that stall halfway", stem="stalled"))
    await _dialog_open(pilot, "rows that stall halfway")
    await set_path(pilot, _exports() / "stalled.csv")
    await pilot.press("enter")
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, ExportProgress), "the export's progress"
    )
    await wait_for(pilot, "2,000 of 4,000 rows")
    _over_the_runs(pilot)
    # The rate shows once a phase has run a second, which a loaded machine may reach before
    # the picture is taken: measure the stalled step again on a clock that stands still.
    screen = progress(pilot.app)  # type: ignore[arg-type]
    assert screen._latest is not None
    screen._meter = Meter(clock=lambda: 0.0)
    screen._report(screen._latest[0])
    screen._repaint()  # now, not when the timer next fires (late on a busy machine)
    await pilot.pause()


async def _export_done(pilot: Pilot[None]) -> None:
    width, height = pilot.app.size
    dest = _exports() / f"failed-runs-{width}x{height}.csv"
    dest.unlink(missing_ok=True)
    await _export_dialog(pilot)
    await set_path(pilot, dest)
    await pilot.press("enter")
    await wait_for(pilot, "✔ Exported 85 rows")
    await settle(pilot)
    _over_the_runs(pilot)


SCENARIOS = [
    Scenario("discovery", app_on, _settled),
    Scenario("help", app_on, _help),
    Scenario("sign-in", lambda _: CargoApp(None), _type_token),
    Scenario("workflow-batches", app_on, _batches),
    Scenario("workflow-metrics", app_on, _metrics),
    Scenario("workflow-failures", app_on, _failures),
    Scenario("runs-failed", app_on, _runs),
    Scenario("runs-filter", app_on, _runs_filter_dialog),
    Scenario("workflow-runs", app_on, _workflow_runs),
    Scenario("run-detail", app_on, _run_detail),
    Scenario("rerun-dialog", app_on, _rerun),
    Scenario("export-invalid", app_on, _export_invalid),
    Scenario("export-overwrite", app_on, _export_overwrite),
    Scenario("export-long-path", app_on, _export_long_path),
    Scenario("export-progress", app_on, _export_progress),
    Scenario("export-done", app_on, _export_done),
]


async def _rerun_price(pilot: Pilot[None]) -> None:
    """The re-run dialog with writes on: both terms, the total beside the balance, and the
    confirmation that repeats them."""
    from tui.screens.rerun.dialog import ReRunDialog

    await _batches(pilot)
    await pilot.press("R")
    await on_top(pilot, ReRunDialog, "Type 85 to confirm: ", " left.")


SCENARIOS.append(Scenario("rerun-price", lambda box: app_on(box, allow_writes=True), _rerun_price))


# -- the SQL editor ------------------------------------------------------------------------

SQL_FAILURES = """SELECT node_slug, count() AS failures
FROM spans
WHERE execution_status = 'error'
  AND execution_started_at > now() - INTERVAL 7 DAY
GROUP BY node_slug
ORDER BY failures DESC"""
SQL_HOURLY = """SELECT toStartOfHour(created_at) AS hour, count() AS runs
FROM runs
WHERE created_at > now() - INTERVAL 1 DAY
GROUP BY hour
ORDER BY hour"""


def _fresh_editor(sandbox: ThreadedSandbox) -> App[None]:
    """The app, with no buffers or history left by an earlier scenario in the same folder."""
    import shutil

    from tui.state.paths import data_dir

    for folder in ("buffers", "history"):
        shutil.rmtree(data_dir() / folder, ignore_errors=True)
    return app_on(sandbox)


async def _sql_editor(pilot: Pilot[None]) -> SqlScreen:
    """The SQL editor on top (opened from Discovery with ``s`` if it is not), its buffers in."""
    from tui.screens.discovery.screen import DiscoveryScreen
    from tui.screens.sql.screen import SqlScreen

    if not isinstance(pilot.app.screen, SqlScreen):
        await on_top(pilot, DiscoveryScreen)
        await pilot.press("s")
    screen = await on_top(pilot, SqlScreen)
    await wait_until(pilot, lambda: screen.editor is not None, "the editor open")
    await settle(pilot)
    return screen


async def _editor_ran(pilot: Pilot[None], sql: str, shows: str) -> None:
    """The SQL editor on top, ``sql`` run in it, until ``shows`` is painted."""
    from tui.screens.sql.running import describe
    from tui.screens.sql.screen import SqlScreen

    screen = await _sql_editor(pilot)
    editor = screen.editor
    assert editor is not None
    editor.cursor_blink = False
    editor.text = sql
    editor.move_cursor(editor.document.end)
    await pilot.press("ctrl+j")
    await on_top(pilot, SqlScreen, shows)
    shown = screen.results.current
    if shown is not None and hasattr(shown, "result"):
        shown.result.elapsed = 0.042  # the one number that differs between runs
        screen.results.status(describe(shown))
        await wait_for(pilot, "42 ms")
    await pilot.pause()


async def _sql_results(pilot: Pilot[None]) -> None:
    await _editor_ran(pilot, SQL_FAILURES, "9 rows")


async def _sql_error(pilot: Pilot[None]) -> None:
    await _editor_ran(
        pilot,
        "-- a typo in a column name\nSELECT statuss, count() AS n\nFROM batches\nGROUP BY statuss",
        "Unknown column statuss",
    )


async def _chart(pilot: Pilot[None], sql: str, shows: str, *keys: str) -> None:
    """``sql`` run, ``c`` on its result, then ``keys`` in the chart, until ``shows``."""
    await _editor_ran(pilot, sql, "✔ Result 1")
    pilot.app.screen.query_one("#result-table-1").focus()
    await pilot.press("c", *keys)
    await wait_for(pilot, shows)
    await settle(pilot)


async def _sql_chart(pilot: Pilot[None]) -> None:
    await _chart(pilot, SQL_HOURLY, "runs by hour")


async def _sql_advice(pilot: Pilot[None]) -> None:
    """Ten buffers (more than the row holds) and, in the last, a query the linter has advice
    about: it ran, the advice above its result, its span marked, the fix a key away."""
    await _sql_editor(pilot)
    for _ in range(9):
        await pilot.press("ctrl+n")
    await settle(pilot)
    await _editor_ran(pilot, "SELECT status, count() AS runs\nFROM runs\nGROUP BY status", "below")


SCENARIOS += [
    Scenario("sql-results", _fresh_editor, _sql_results),
    Scenario("sql-advice", _fresh_editor, _sql_advice),
    Scenario("sql-error", _fresh_editor, _sql_error),
    Scenario("sql-chart", _fresh_editor, _sql_chart),
]


# -- the chart of a result: a week of hours in round spans, text one bar per row, the number
# column picked by key

SQL_ERROR_RATE = """SELECT toStartOfHour(created_at) AS hour,
  countIf(status = 'error') AS errors, count() AS total
FROM runs
WHERE created_at > now() - INTERVAL 1 DAY
GROUP BY hour
ORDER BY hour"""


async def _sql_chart_week(pilot: Pilot[None]) -> None:
    await _chart(pilot, SQL_HOURLY.replace("1 DAY", "7 DAY"), "the sum of its rows")


async def _sql_chart_nodes(pilot: Pilot[None]) -> None:
    await _chart(pilot, SQL_FAILURES, "▲ salesforce_update", "right", "right")


async def _sql_chart_picked(pilot: Pilot[None]) -> None:
    await _chart(pilot, SQL_ERROR_RATE, "total by hour", "y")


SCENARIOS += [
    Scenario("sql-chart-week", _fresh_editor, _sql_chart_week),
    Scenario("sql-chart-nodes", _fresh_editor, _sql_chart_nodes),
    Scenario("sql-chart-picked", _fresh_editor, _sql_chart_picked),
]


# -- the Segments screen ---------------------------------------------------------------------


async def _segments(pilot: Pilot[None], name: str = "New SaaS companies") -> None:
    from tui.screens.discovery.screen import DiscoveryScreen
    from tui.screens.segments.screen import SegmentsScreen

    await on_top(pilot, DiscoveryScreen)
    app = pilot.app
    assert isinstance(app, CargoApp)
    app.open_segments()
    screen = await on_top(pilot, SegmentsScreen, "Segments (7)")
    screen.select(next(s.uuid for s in screen.listing.segments.values() if s.name == name))
    await on_top(pilot, SegmentsScreen, f"Segments › {name}")


async def _segment_preview(pilot: Pilot[None]) -> None:
    from tui.screens.segments.screen import SegmentsScreen

    await _segments(pilot, "Churned accounts")
    await pilot.press("enter")
    await on_top(pilot, SegmentsScreen, "showing 1-33 of 33")


#: A filter as people get it wrong: the misspelled key, and a column the model lacks.
_MISTAKEN_FILTER = """{
  "conjunction": "and",
  "groups": [
    {
      "conjonction": "and",
      "conditions": [
        {"kind": "string", "columnSlug": "industri", "operator": "is", "values": ["SaaS"]}
      ]
    }
  ]
}
"""


async def _segment_filter_problem(pilot: Pilot[None]) -> None:
    await _segments(pilot)
    await pilot.press("f4")
    editor = pilot.app.screen.query_one("#filter-editor", TextArea)
    editor.cursor_blink = False  # a blinking cursor would make the snapshot flaky
    editor.replace(_MISTAKEN_FILTER, (0, 0), editor.document.end)
    editor.move_cursor((1, 6))  # on the misspelled key
    await wait_for(pilot, "2 errors: the preview and the export are refused")
    await settle(pilot)


SCENARIOS += [
    Scenario("segments", app_on, _segments),
    Scenario("segments-preview", app_on, _segment_preview),
    Scenario("segments-filter-problem", app_on, _segment_filter_problem),
]


async def _release_diff(pilot: Pilot[None]) -> None:
    """The play's deployed release against the one before, on the node whose config changed."""
    from tests.app.release_steps import open_release_diff, select_node

    screen = await open_release_diff(pilot)
    await select_node(pilot, screen, "qualify")


SCENARIOS += [Scenario("release-diff", app_on, _release_diff)]


# -- releases on the timeline ----------------------------------------------------------------


async def _metrics_releases(pilot: Pilot[None]) -> None:
    """The Metrics tab comparing the deployed release with the one before (``v``): HubSpot's
    upserts fail since v6 went out."""
    from tui.screens.workflow.screen import WorkflowScreen

    await _metrics(pilot)
    await pilot.press("v")
    await on_top(pilot, WorkflowScreen, "v5 error rate", "hubspot_upsert fails more since v6")
    await settle(pilot)


SCENARIOS += [
    Scenario("workflow-metrics-releases", app_on, _metrics_releases),
]


async def _run_search(pilot: Pilot[None]) -> None:
    """Run detail, ``/valid`` found in the failing node's error (folded until found), the
    field left: the match's path, its count and the keys that step."""
    from tui.screens.run_detail import RunDetailScreen

    await _run_detail(pilot)
    await pilot.press("slash", *"valid")
    await on_top(pilot, RunDetailScreen, "1 of 2")
    await pilot.press("escape")
    await on_top(pilot, RunDetailScreen, "1 of 2", "n next, N previous")


SCENARIOS += [
    Scenario("run-search", app_on, _run_search),
]


# -- nested runs: a run whose tool node failed because the run it started failed


async def _run_nested_parent(pilot: Pilot[None]) -> None:
    """The parent: its tool node marked with the child's status, the child's failure named."""
    from tests.app.nested import callers, open_run
    from tui.screens.run_detail import RunDetailScreen

    found = (await callers(pilot, "error"))[0]
    await open_run(pilot, found["parent"])
    await on_top(pilot, RunDetailScreen, "child run failed at find_email")


async def _run_nested(pilot: Pilot[None]) -> None:
    """Enter on the tool node: the child run, the breadcrumb grown by the node and the run."""
    from tui.screens.run_detail import RunDetailScreen

    await _run_nested_parent(pilot)
    await pilot.press("enter")
    await on_top(pilot, RunDetailScreen, "(tool) › child run", "No work email found")


SCENARIOS += [
    Scenario("run-nested-parent", app_on, _run_nested_parent),
    Scenario("run-nested", app_on, _run_nested),
]


# -- the run diff ----------------------------------------------------------------------------


async def _run_diff(pilot: Pilot[None]) -> None:
    from tests.run_diff.steps import open_run_diff

    await open_run_diff(pilot)


SCENARIOS += [Scenario("run-diff", app_on, _run_diff)]


# -- follow mode -----------------------------------------------------------------------------


async def _follow(pilot: Pilot[None]) -> None:
    """Follow mode: the last hour's failures, the running batch watched from Batches (W) and
    the play's workflow watched against the threshold (W on its row)."""
    from tui.screens.follow.screen import FollowScreen

    await open_play(pilot)  # the newest batch, still running, under the cursor
    await pilot.press("W", "escape", "F")
    await on_top(pilot, FollowScreen, "in the hour", "running")
    await pilot.press("W")
    await on_top(pilot, FollowScreen, "/10 in 15 min")  # the workflow watched
    pilot.app.clear_notifications()  # (they go after seconds: a picture must not race them)
    await settle(pilot)


SCENARIOS += [Scenario("follow", app_on, _follow)]


# -- the API log -----------------------------------------------------------------------------


async def _api_log(pilot: Pilot[None]) -> None:
    from tests.app.api_log_steps import api_log

    await api_log(pilot)


async def _api_log_fetched(pilot: Pilot[None]) -> None:
    from tests.app.api_log_steps import api_log_fetched

    await api_log_fetched(pilot)


def _unhurried(sandbox: ThreadedSandbox) -> App[None]:
    from tests.app.api_log_steps import unhurried

    return unhurried(sandbox)


SCENARIOS += [
    Scenario("api-log", _unhurried, _api_log),
    Scenario("api-log-fetched", _unhurried, _api_log_fetched),
]
