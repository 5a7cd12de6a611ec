"""An export through the shared dialog against each fault of the matrix, on the request for
the download (``run.download``, which answers a signed URL) and on the signed file itself.

Both are reads: a transient fault is retried and the export completes. Any other fault fails
the export with what failed and "Nothing was written", and the folder holds no file and no
temporary.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from tests.app.drill import PLAY
from tests.export_screen.support import leftovers, open_dialog, progress, set_path
from tests.reliability.matrix import HARMLESS, LASTING, TRANSIENT, WATCH, flat, seen
from tests.support import app_on, screen_text, settle
from tui.api import CargoClient
from tui.export import RunsSource
from tui.sandbox.threaded import ThreadedSandbox

pytestmark = pytest.mark.slow

#: What the progress view says: what is exported, where, how it went, and its details.
PARTS = ("export-progress-what", "export-dest", "export-phase", "export-amount")
#: The request that asks for the file, and the signed file route.
ROUTES = {"download": r"/orchestration/runs/download$", "file": r"/_files/"}


async def _workflow_of(box: ThreadedSandbox, name: str) -> str:
    async with CargoClient(token=box.token, base_url=box.base_url) as client:
        return next(
            p for p in await client.orchestration.play.list() if p.name == name
        ).workflow_uuid


@pytest.fixture(scope="module")
def failed_runs(box: ThreadedSandbox) -> RunsSource:
    workflow = asyncio.run(_workflow_of(box, PLAY))
    filters: Any = {"workflow_uuid": workflow, "statuses": ["error"]}
    return RunsSource(label=f"failed runs of {PLAY}", stem="failed-runs", filters=filters)


async def _export(
    box: ThreadedSandbox, source: RunsSource, out: Path, route: str, fault: dict[str, Any]
) -> tuple[bool, str, int]:
    """Export under ``fault`` on ``route``: whether it failed, what it said, requests sent."""
    app = app_on(box)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_dialog(pilot, source)
        await set_path(pilot, out / "failed-runs.csv")
        box.faults.set({**fault, "path": ROUTES[route]}, {**WATCH, "path": ROUTES[route]})
        try:
            await pilot.press("enter")
            await pilot.pause()
            screen = progress(app)
            await settle(pilot)
            sent = seen(box.faults.describe())
        finally:
            box.faults.clear()
        assert app.is_running, "the app stays up"
        assert screen.failed or screen.result is not None, screen_text(app)
        shown = [str(screen.query_one(f"#{part}").render()) for part in PARTS]
        said = flat(" ".join(shown))
    return screen.failed, said, sent


@pytest.mark.parametrize("fault", list(TRANSIENT), ids=list(TRANSIENT))
@pytest.mark.parametrize("route", list(ROUTES))
async def test_a_transient_fault_is_retried_and_the_export_completes(
    box: ThreadedSandbox, failed_runs: RunsSource, out: Path, route: str, fault: str
) -> None:
    failed, said, sent = await _export(
        box, failed_runs, out, route, {**TRANSIENT[fault], "count": 1}
    )
    assert not failed, said
    assert "Exported" in said and "failed-runs.csv" in said
    assert leftovers(out) == ["failed-runs.csv"]
    assert sent == 2, "one failed try, one retry"


def _lasting() -> list[Any]:
    """Each lasting fault on each route, as the user should read it.

    On the signed file, ``missing`` and ``extra`` would rewrite the file's content, not an API
    answer: they are no fault of the route and are left out. ``malformed`` there is a corrupt
    file (a 200 whose body is not the CSV the URL names).
    """
    cases = []
    for route in ROUTES:
        for name, (rule, words) in LASTING.items():
            if route == "download" and rule["kind"] == "missing":
                rule = {**rule, "field_name": "url"}  # the answer is {"url": ...}
            if route == "file" and rule["kind"] == "missing":
                continue
            if route == "file" and name == "403":
                words = "link has expired or is not valid. Export again"
            if route == "file" and name == "malformed":
                name, words = "corrupt-file", "is not the JSON array of rows Cargo should have sent"
            if route == "file" and name == "truncated-body":
                words = "ends in the middle of a row"
            cases.append(pytest.param(route, rule, words, id=f"{route}-{name}"))
    return cases


@pytest.mark.parametrize(("route", "rule", "words"), _lasting())
async def test_a_lasting_fault_fails_the_export_and_writes_nothing(
    box: ThreadedSandbox,
    failed_runs: RunsSource,
    out: Path,
    route: str,
    rule: dict[str, Any],
    words: str,
) -> None:
    failed, said, sent = await _export(box, failed_runs, out, route, rule)
    assert failed, said
    assert "The export failed" in said
    assert words in said
    assert "Nothing was written." in said
    assert leftovers(out) == [], "no file, no temporary"
    assert sent == 1, "not retried"


@pytest.mark.parametrize(
    ("route", "fault"),
    [("download", "unknown-fields"), ("download", "slow-answer"), ("file", "slow-answer")],
    ids=["download-unknown-fields", "download-slow-answer", "file-slow-answer"],
)
async def test_unknown_fields_and_slow_answers_change_nothing(
    box: ThreadedSandbox, failed_runs: RunsSource, out: Path, route: str, fault: str
) -> None:
    failed, said, sent = await _export(
        box, failed_runs, out, route, {**HARMLESS[fault], "count": 1}
    )
    assert not failed, said
    assert leftovers(out) == ["failed-runs.csv"]
    assert sent == 1
