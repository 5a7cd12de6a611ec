"""Each main path against each fault the sandbox can inject, driven as a person would.

A read that meets a transient fault (429, 502, 503, 504, a connection dropped or reset mid-body)
is retried and the data shows; one that meets a lasting or non-transient fault says what failed
and what to do, and the app stays up. A 500 is not retried: the page fails even though a retry
would pass. The fault tables are in ``matrix.py``; the sandbox in ``conftest.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app.drill import open_play, select_unhealthy
from tests.reliability.matrix import HARMLESS, LASTING, TRANSIENT
from tests.support import app_on, screen_text, settle
from tui.app import CargoApp
from tui.sandbox.threaded import ThreadedSandbox

pytestmark = pytest.mark.slow


async def _to_discovery(pilot: Pilot[None]) -> None:
    pass


async def _to_batches(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("slash", *"Enrich new companies", "enter")
    await settle(pilot)


async def _to_runs(pilot: Pilot[None]) -> None:
    workflow = await open_play(pilot)
    await select_unhealthy(pilot, workflow)


async def _to_run(pilot: Pilot[None]) -> None:
    await _to_runs(pilot)
    await pilot.press("enter")
    await settle(pilot)


@dataclass(frozen=True)
class Path:
    name: str
    #: What the fault hits.
    route: str
    #: Drives the app to just before the faulty request, with no fault yet.
    before: Callable[[Pilot[None]], Awaitable[None]]
    #: Keys that send the request.
    keys: tuple[str, ...]
    #: Text on screen once the data has arrived.
    shows: str


PATHS = [
    Path("discovery", r"/orchestration/plays/list$", _to_discovery, ("r",), "Plays (5)"),
    Path("batches", r"/orchestration/batches/list$", _to_batches, ("enter",), "unhealthy"),
    Path("runs", r"/orchestration/runs/list$", _to_runs, ("enter",), "showing 1-"),
    Path("run detail", r"/orchestration/runs/[0-9a-f-]{36}$", _to_run, ("enter",), "status: 422"),
]


async def _run(box: ThreadedSandbox, path: Path, fault: dict[str, Any]) -> tuple[CargoApp, str]:
    app = app_on(box)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await path.before(pilot)
        if path.name == "discovery":
            await settle(pilot)
        box.faults.set({**fault, "path": path.route})
        try:
            await pilot.press(*path.keys)
            await settle(pilot)
            text = screen_text(app)
            assert app.is_running, "the app stays up"
        finally:
            box.faults.clear()
    return app, text


@pytest.mark.parametrize("fault", list(TRANSIENT), ids=list(TRANSIENT))
@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
async def test_a_transient_fault_is_retried_and_the_data_shows(
    box: ThreadedSandbox, path: Path, fault: str
) -> None:
    _, text = await _run(box, path, {**TRANSIENT[fault], "count": 1})
    assert path.shows in text
    assert "Something failed" not in text, "a retried read shows no error"


@pytest.mark.parametrize("fault", list(LASTING), ids=list(LASTING))
@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
async def test_a_lasting_fault_says_what_failed(
    box: ThreadedSandbox, path: Path, fault: str
) -> None:
    rule, words = LASTING[fault]
    _, text = await _run(box, path, rule)
    said = " ".join(text.replace("▌", " ").split())  # notifications wrap, behind a bar
    if path.name == "discovery":  # one kind failing beside the others
        assert "Plays ✖ failed · r retry" in said and "Tools (3)" in said
    else:
        assert words in said
        assert "could not load · r retries" in said or path.name == "run detail"


@pytest.mark.parametrize("fault", list(HARMLESS), ids=list(HARMLESS))
@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
async def test_unknown_fields_and_slow_answers_change_nothing(
    box: ThreadedSandbox, path: Path, fault: str
) -> None:
    _, text = await _run(box, path, {**HARMLESS[fault], "count": 1})
    assert path.shows in text
    assert "Something failed" not in text
