"""The screens as a user reaches them: shared by the snapshot tests and ``make screenshots``.

Each scenario builds the app on a sandbox and drives it to one state; the same drive makes the
SVG snapshot in ``tests/snapshots`` and the picture in ``screenshots/``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.support import app_on, settle
from tui.app import CargoApp
from tui.sandbox.threaded import ThreadedSandbox

SIZES = [(80, 24), (120, 40)]


@dataclass(frozen=True)
class Scenario:
    name: str
    build: Callable[[ThreadedSandbox], App[None]]
    drive: Callable[[Pilot[None]], Awaitable[None]]


async def _settled(pilot: Pilot[None]) -> None:
    await settle(pilot)


async def _type_token(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press(*"secret-token")


async def _segments(pilot: Pilot[None], name: str = "New SaaS companies") -> None:
    from tui.screens.segments.screen import SegmentsScreen

    await settle(pilot)
    app = pilot.app
    assert isinstance(app, CargoApp)
    app.open_segments()
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SegmentsScreen)
    screen.select(next(s.uuid for s in screen.listing.segments.values() if s.name == name))
    await settle(pilot)


async def _segment_preview(pilot: Pilot[None]) -> None:
    await _segments(pilot, "Churned accounts")
    await pilot.press("enter")
    await settle(pilot)


#: A filter as people get it wrong: the misspelled key, and a column the model lacks.
_MISTAKEN_FILTER = """{
  "conjunction": "and",
  "groups": [
    {
      "conjonction": "and",
      "conditions": [
        {"kind": "string", "columnSlug": "industri", "operator": "is", "values": ["SaaS"]}
      ]
    }
  ]
}
"""


async def _segment_filter_problem(pilot: Pilot[None]) -> None:
    await _segments(pilot)
    await pilot.press("f4")
    editor = pilot.app.screen.query_one("#filter-editor", TextArea)
    editor.cursor_blink = False  # a blinking cursor would make the snapshot flaky
    editor.replace(_MISTAKEN_FILTER, (0, 0), editor.document.end)
    editor.move_cursor((1, 6))  # on the misspelled key
    await settle(pilot)


SCENARIOS = [
    Scenario("discovery", app_on, _settled),
    Scenario("sign-in", lambda _: CargoApp(None), _type_token),
    Scenario("segments", app_on, _segments),
    Scenario("segments-preview", app_on, _segment_preview),
    Scenario("segments-filter-problem", app_on, _segment_filter_problem),
]
