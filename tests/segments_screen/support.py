"""Helpers for driving the Segments screen against the sandbox."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from tests.support import screen_text, settle
from tui.app import CargoApp
from tui.screens.segments.screen import SegmentsScreen

#: Matches every company (240 in the small sandbox): three pages of a hundred.
ALL_RECORDS = '{"conjonction": "and", "groups": []}'


async def open_segments(pilot: Pilot[Any], name: str | None = None) -> SegmentsScreen:
    """From Discovery: the Segments screen, on the segment called ``name`` if given."""
    app = pilot.app
    assert isinstance(app, CargoApp)
    await settle(pilot)
    app.open_segments()
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SegmentsScreen)
    if name is not None:
        uuid = next(s.uuid for s in screen.listing.segments.values() if s.name == name)
        screen.select(uuid)
        await settle(pilot)
    return screen


async def type_filter(pilot: Pilot[Any], screen: SegmentsScreen, text: str, typed: str) -> None:
    """Paste ``text`` over the editor's, then type ``typed`` key by key over its ``@``."""
    await pilot.press("f4")
    editor = screen.filter_pane.editor
    assert editor.has_focus
    await pilot.press("f7", "backspace")  # TextArea: select all, delete
    start = text.index("@")
    editor.insert(text[:start] + text[start + 1 :])
    editor.move_cursor(editor.document.get_location_from_index(start))
    await pilot.press(*[_key(char) for char in typed])
    await settle(pilot)


async def paste_filter(pilot: Pilot[Any], screen: SegmentsScreen, text: str) -> None:
    """Put ``text`` in the editor as a paste would (one edit), then let it be checked."""
    await pilot.press("f4")
    editor = screen.filter_pane.editor
    editor.replace(text, (0, 0), editor.document.end)
    await settle(pilot)


def _key(char: str) -> str:
    return {"\n": "enter", " ": "space"}.get(char, char)


def text_of(app: Any) -> str:
    return screen_text(app)


async def count_calls(app: CargoApp, name: str) -> list[dict[str, Any]]:
    """Record the calls to ``client.segmentation.segment.<name>`` (and still make them)."""
    client = await app.session.connect()
    resource = client.segmentation.segment
    real: Callable[..., Awaitable[Any]] = getattr(resource, name)
    calls: list[dict[str, Any]] = []

    async def spy(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return await real(**kwargs)

    setattr(resource, name, spy)
    return calls


def listed_problems(screen: SegmentsScreen) -> list[str]:
    """The problems list as the user reads it, one line per problem (however it wraps)."""
    problems = screen.filter_pane.problems
    prompts = [problems.get_option_at_index(i).prompt for i in range(problems.option_count)]
    return [str(prompt) for prompt in prompts]


def flat(text: str) -> str:
    """Screen text with borders and line breaks gone, for messages that wrap (toasts, lists)."""
    for mark in "│▌▐▊▎▋▏╭╮╰╯─":
        text = text.replace(mark, " ")
    return " ".join(text.split())


def shown(screen: SegmentsScreen, selector: str) -> str:
    """The text a Static shows (however it wraps on screen)."""
    return str(screen.query_one(selector).render())
