"""The SQL editor's query (``POST /orchestration/query``) against each fault of the matrix.

A query is a POST that only reads: the contract and the design count it among the reads, so it
is retried on 429/502/503/504 and dropped connections like a GET. Whatever happens, the SQL the
user typed stays in the editor and in the buffers saved on disk.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.reliability.matrix import HARMLESS, LASTING, TRANSIENT, WATCH, flat, seen
from tests.sql_screen.support import open_editor, put, run, status
from tests.support import app_on, screen_text, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.sql.outcome import Failed, Ran
from tui.state.buffers import buffers_path

pytestmark = pytest.mark.slow

ROUTE = "/orchestration/query$"
SQL = "SELECT 'typed at 3 a.m.' AS note"


async def _query(box: ThreadedSandbox, fault: dict[str, Any]) -> tuple[object, str, int]:
    """Type the query, run it under ``fault``: the outcome shown, the text, requests sent."""
    app = app_on(box)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, SQL)
        box.faults.set({**fault, "path": ROUTE}, {**WATCH, "path": ROUTE})
        try:
            await run(pilot)
            sent = seen(box.faults.describe())
        finally:
            box.faults.clear()
        assert app.is_running, "the app stays up"
        assert app.screen is screen
        assert area.text == SQL, "what the user typed is still in the editor"
        assert app.session.whoami is not None
        saved = buffers_path(app.session.whoami.workspace.uuid)
        await wait_until(  # the buffers are saved every second
            pilot,
            lambda: saved.exists() and "typed at 3 a.m." in saved.read_text(),
            "the buffers saved on disk",
        )
        text = flat(screen_text(app) + " " + status(screen))
        shown = screen.results.current
    return shown, text, sent


@pytest.mark.parametrize("fault", list(TRANSIENT), ids=list(TRANSIENT))
async def test_a_transient_fault_is_retried_and_the_rows_show(
    box: ThreadedSandbox, fault: str
) -> None:
    shown, text, sent = await _query(box, {**TRANSIENT[fault], "count": 1})
    assert isinstance(shown, Ran), text
    assert "typed at 3 a.m." in text
    assert sent == 2, "one failed try, one retry"


@pytest.mark.parametrize("fault", list(LASTING), ids=list(LASTING))
async def test_a_lasting_fault_says_what_failed(box: ThreadedSandbox, fault: str) -> None:
    rule, words = LASTING[fault]
    if rule["kind"] == "missing":
        rule = {**rule, "field_name": "rows"}  # a query's answer has no uuid to lose
    shown, text, sent = await _query(box, rule)
    assert isinstance(shown, Failed), text
    assert words in text, text
    assert "✖" in text and "f2 full text" in text
    assert sent == 1, "not retried: a retry would not help"


@pytest.mark.parametrize("fault", list(HARMLESS), ids=list(HARMLESS))
async def test_unknown_fields_and_slow_answers_change_nothing(
    box: ThreadedSandbox, fault: str
) -> None:
    shown, text, sent = await _query(box, {**HARMLESS[fault], "count": 1})
    assert isinstance(shown, Ran), text
    assert "typed at 3 a.m." in text
    assert sent == 1
