"""Escape and a key typed right behind it, read as one alt+ key: split back, in order."""

from __future__ import annotations

from textual import events
from textual.command import CommandPalette

from tests.support import app_on, on_top, screen_text, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery.screen import DiscoveryScreen
from tui.screens.escape_keys import split
from tui.screens.sql.screen import SqlScreen


def test_an_unbound_alt_key_is_escape_then_its_key() -> None:
    for key, character, typed in [("alt+s", "s", "s"), ("alt+shift+s", "S", "S"),
                                  ("alt+colon", ":", "colon")]:  # fmt: skip
        found = split(events.Key(key, character), bound=False)
        assert found is not None and (found.key, found.character) == (typed, character)
    assert split(events.Key("alt+s", "s"), bound=True) is None, "a binding of alt+s wins"
    assert split(events.Key("alt+left", None), bound=False) is None
    assert split(events.Key("s", "s"), bound=False) is None


async def test_escape_s_in_one_read_closes_the_palette_then_opens_the_editor(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_top(pilot, DiscoveryScreen, "Enrich new companies")
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "ctrl+p's palette")
        await pilot.press("escape")
        await on_top(pilot, DiscoveryScreen)
        assert "^p palette" in screen_text(app), "the footer says ctrl+p opens it"
        await pilot.press("colon")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        # As the terminal's reader posts it: ESC and s in one read are alt+s, then more keys.
        for key, character in [("alt+s", "s"), ("S", "S"), ("E", "E")]:
            app.post_message(events.Key(key, character))
        screen = await on_top(pilot, SqlScreen)
        await wait_until(pilot, lambda: screen.editor is not None, "the editor open")
        assert not any(isinstance(s, CommandPalette) for s in app.screen_stack)
        assert screen.editor is not None
        await wait_until(pilot, lambda: "SE" in screen.editor.text, "the keys typed")  # type: ignore[union-attr]
        assert screen.editor.text.startswith("SE")
