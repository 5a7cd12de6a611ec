"""A write (the re-run dialog's create) under a 503 and a dropped connection: sent once and
never retried, the user told so and whether it may have been made, the dialog's choices kept.
The sandbox is this module's own: a write changes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from textual.widgets import Checkbox, Input, RadioSet

from tests.app.drill import open_rerun
from tests.conftest import FIXED_NOW
from tests.reliability.matrix import WATCH, flat, seen
from tests.support import app_on, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.rerun.dialog import ReRunDialog

pytestmark = pytest.mark.slow

ROUTE = "/orchestration/batches$"
FAULTS = {
    "503": ({"kind": "status", "status": 503}, "failed on Cargo's side"),
    "dropped": ({"kind": "drop"}, "may or may not have been made"),
}


@pytest.fixture(scope="module")
def own() -> Iterator[ThreadedSandbox]:
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW) as running:
        yield running


def _choices(dialog: ReRunDialog) -> tuple[Any, ...]:
    return (
        dialog.query_one("#rerun-reset", RadioSet).pressed_index,
        dialog.query_one("#rerun-pilot", Checkbox).value,
        dialog.query_one("#rerun-confirm", Input).value,
    )


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_a_failed_write_is_sent_once_and_says_so(own: ThreadedSandbox, fault: str) -> None:
    rule, words = FAULTS[fault]
    app = app_on(own, allow_writes=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        dialog = await open_rerun(pilot)
        dialog.query_one("#rerun-reset", RadioSet).action_next_button()
        dialog.query_one("#rerun-pilot", Checkbox).toggle()
        dialog.query_one("#rerun-confirm", Input).focus()
        await pilot.press(*"85")
        chosen = _choices(dialog)
        own.faults.set(
            {**rule, "path": ROUTE, "method": "POST"}, {**WATCH, "path": ROUTE, "method": "POST"}
        )
        try:
            await pilot.press("enter")
            await settle(pilot)
            sent = seen(own.faults.describe())
        finally:
            own.faults.clear()
        assert app.is_running, "the app stays up"
        assert app.screen is dialog, "the dialog stays, to try again or cancel"
        said = flat(str(dialog.query_one("#rerun-status").render()))
        assert sent == 1, "exactly one POST reached the server: a write is never retried"
        assert "Not retried" in said and words in said, said
        assert _choices(dialog) == chosen, "the choices are kept"
