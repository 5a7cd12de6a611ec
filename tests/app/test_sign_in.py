"""With no token, the app opens a sign-in screen instead of crashing."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from textual.widgets import Input

from tests.support import screen_text, settle
from tui.app import CargoApp
from tui.sandbox.threaded import ThreadedSandbox
from tui.state.credentials import credentials_path


async def _fill(app: CargoApp, token: str, base_url: str) -> None:
    app.screen.query_one("#token", Input).value = token
    app.screen.query_one("#base-url", Input).value = base_url


async def test_no_token_opens_sign_in() -> None:
    app = CargoApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert "Sign in to Cargo" in text
    assert "Open the demo workspace" in text


async def test_empty_token_is_refused_with_a_hint() -> None:
    app = CargoApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert "Paste a token first" in screen_text(app)


async def test_a_good_token_signs_in_and_is_saved_0600(sandbox: ThreadedSandbox) -> None:
    app = CargoApp(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await _fill(app, sandbox.token, sandbox.base_url)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
    assert "Enrich new companies" in text
    assert "Acme GTM" in text
    path = credentials_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["token"] == sandbox.token


async def test_a_wrong_token_keeps_what_was_typed(sandbox: ThreadedSandbox) -> None:
    app = CargoApp(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await _fill(app, "wrong-token", sandbox.base_url)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        typed = app.screen.query_one("#token", Input).value
    assert "Sign in again" in text
    assert typed == "wrong-token"
    assert not Path(credentials_path()).exists()
