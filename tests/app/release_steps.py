"""Shared steps for the release diff: the play's releases as the API gives them, and the way
from its workflow screen to the diff (used by the pilot tests and the snapshot scenario)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.app.drill import PLAY, open_play
from tests.support import on_top, settle
from tui.api.models.orchestration import Release
from tui.screens.release_diff import ReleaseDiffScreen
from tui.screens.release_picker import ReleasePicker
from tui.state.release_pairs import default_pair


async def releases_of_play(pilot: Pilot[None], name: str = PLAY) -> list[Release]:
    """The play's releases, asked of the workspace as any client would."""
    client = await pilot.app.session.connect()  # type: ignore[attr-defined]
    play = next(p for p in await client.orchestration.play.list() if p.name == name)
    return await client.orchestration.release.list(workflow_uuid=play.workflow_uuid)


async def open_release_diff(pilot: Pilot[None]) -> ReleaseDiffScreen:
    """From the play's workflow screen, ``=`` and enter: the default pair, compared."""
    await open_play(pilot)
    pair = default_pair(await releases_of_play(pilot))
    assert pair is not None, "the play has releases to compare"
    new, old = pair
    await pilot.press("equals_sign")
    await on_top(pilot, ReleasePicker, f"enter: compare {new.label} and {old.label}")
    await pilot.press("enter")
    return await on_top(pilot, ReleaseDiffScreen, f"{new.label} vs {old.label}")


async def select_node(pilot: Pilot[None], screen: ReleaseDiffScreen, slug: str) -> None:
    """The cursor to the row of node ``slug`` in the list of changed nodes, as read on it."""
    table = screen.query_one("#release-nodes", DataTable)
    rows = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
    assert slug in rows, f"{slug} is not among the changed nodes {rows}"
    while str(table.get_row_at(table.cursor_row)[1]) != slug:
        await pilot.press("j" if rows.index(slug) > table.cursor_row else "k")
    await settle(pilot)
