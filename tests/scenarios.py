"""The screens as a user reaches them: shared by the snapshot tests and ``make screenshots``.

Each scenario builds the app on a sandbox and drives it to one state; the same drive makes the
SVG snapshot in ``tests/snapshots`` and the picture in ``screenshots/``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from textual.app import App
from textual.pilot import Pilot

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


SCENARIOS = [
    Scenario("discovery", app_on, _settled),
    Scenario("sign-in", lambda _: CargoApp(None), _type_token),
]
