"""The footer recomposes when the keys it shows change, and only then."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from tests.support import wait_until
from widgets.footer import Footer


class _Field(Input):
    BINDINGS = [Binding("f3", "noop", "Field key")]

    def action_noop(self) -> None:
        pass


class _Host(App[None]):
    BINDINGS = [Binding("f2", "noop", "Do x")]

    def compose(self) -> ComposeResult:
        yield Static("body", id="body")
        yield _Field(id="one")
        yield Input(id="two")
        yield Footer()

    def action_noop(self) -> None:
        pass


def _keys(app: _Host) -> list[str]:
    return [str(key.description) for key in app.query("FooterKey")]


async def test_it_recomposes_when_its_keys_change_and_only_then() -> None:
    app = _Host()
    async with app.run_test() as pilot:
        footer = app.query_one(Footer)
        app.query_one("#two").focus()
        await wait_until(pilot, lambda: "Do x" in _keys(app), "the footer shows the app's key")
        first = list(app.query("FooterKey"))
        app.screen.refresh_bindings()  # the same keys: nothing recomposed
        await pilot.pause()
        await pilot.pause()
        assert list(app.query("FooterKey")) == first
        app.query_one("#one").focus()  # the field's own key joins them
        await wait_until(pilot, lambda: "Field key" in _keys(app), "the field's key shown")
        assert footer.is_mounted
