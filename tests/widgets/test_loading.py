"""The loading indicator: Textual's dots at 4 frames a second, not 16."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from tests.support import wait_until
from tui.app import CargoApp
from widgets.loading import FRAME, Loading


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("waiting", id="body")

    def get_loading_widget(self) -> Loading:
        return Loading()


async def test_the_dots_are_drawn_four_times_a_second() -> None:
    app = _Host()
    async with app.run_test() as pilot:
        body = app.query_one("#body")
        body.loading = True
        await wait_until(
            pilot,
            lambda: body._cover_widget is not None and body._cover_widget.is_mounted,
            "the loading cover mounted",
        )
        cover = body._cover_widget
        assert isinstance(cover, Loading)
        assert cover.auto_refresh == FRAME, "Textual's 1/16 s is held to FRAME"
        cover.auto_refresh = None
        assert cover.auto_refresh is None, "turning the refresh off still works"


def test_the_app_uses_it() -> None:
    assert isinstance(CargoApp(None).get_loading_widget(), Loading)
