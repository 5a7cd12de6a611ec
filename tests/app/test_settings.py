"""settings.toml as the app applies it: theme, keymap, history size; a wrong file is reported
and the app starts on the defaults."""

from __future__ import annotations

from tests.sql_screen.support import open_editor
from tests.support import app_on, screen_text, settle, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.state.settings import settings_path


def _write(text: str) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


async def test_theme_keymap_and_history_size_are_applied(sandbox: ThreadedSandbox) -> None:
    _write('theme = "textual-light"\nhistory_limit = 25\n[keymap]\nfilter = "f"\n')
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-light"
        assert app.session.settings is not None and app.session.settings.history_limit == 25
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "filter", "f opens the filter"
        await pilot.press("escape")
        screen = await open_editor(pilot)
        assert screen.history is not None and screen.history.cap == 25


async def test_a_wrong_settings_file_is_named_and_the_defaults_start(
    sandbox: ThreadedSandbox,
) -> None:
    _write('theme = "textual-light"\nrefresh_second = 3\n')
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        text = " ".join(screen_text(app).replace("▌", " ").split())
        assert "refresh_second" in text and "refresh_seconds" in text, text
        assert app.theme != "textual-light", "a file with an error is not half applied"
        assert "Enrich new companies" in text


async def test_default_settings_are_read_once_the_workspace_is_shown(
    sandbox: ThreadedSandbox,
) -> None:
    # No file and no variable: nothing to apply at the first paint, read after the workspace.
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Enrich new companies" in screen_text(app)
        await wait_until(pilot, lambda: app.session.settings is not None, "the defaults read")
        assert app.session.settings is not None and app.session.settings.history_limit == 5000
