"""The Discovery screen on the demo workspace, driven with Textual's pilot."""

from __future__ import annotations

from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox


async def test_plays_and_tools_of_the_workspace_are_listed(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert "Acme GTM" in text
    assert "SANDBOX" not in text, "a token connection is LIVE, not SANDBOX"
    assert "LIVE" in text and "READ-ONLY" in text
    assert "Plays (5)" in text and "Tools (3)" in text
    assert "Enrich new companies" in text
    assert "Summarize an account" in text


async def test_moving_the_cursor_shows_the_details(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        second = screen_text(app)
    assert "Enrich new companies (play)" in first
    assert "Re-engage churned accounts (play)" in second
    assert "enabled     no" in second


async def test_a_refused_token_says_what_to_do(sandbox: ThreadedSandbox) -> None:
    from tui.api import Secret
    from tui.app import CargoApp
    from tui.connection import Connection

    app = CargoApp(Connection(token=Secret("expired"), base_url=sandbox.base_url))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert app.is_running
    assert "Sign in again" in text
