"""The Discovery screen on the demo workspace, driven with Textual's pilot."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Tree

from tests.conftest import FIXED_NOW
from tests.support import app_on, on_top, screen_text, settle, wait_until
from tui.app import CargoApp
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery import DiscoveryScreen
from tui.screens.run_detail import RunDetailScreen
from tui.screens.runs import RunsScreen
from tui.screens.workflow.screen import WorkflowScreen
from tui.session.discovery import Entry, Kind


def _selected(app: object) -> Entry | None:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, DiscoveryScreen)
    node = screen.query_one("#resources", Tree).cursor_node
    return node.data if node is not None and isinstance(node.data, Entry) else None


async def test_every_kind_is_listed_with_its_count(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert "Acme GTM" in text
    assert "SANDBOX" not in text, "a token connection is LIVE, not SANDBOX"
    assert "LIVE" in text and "READ-ONLY" in text
    branches = ["Plays (5)", "Tools (3)", "Agents (3)", "Connectors (6)", "Models (3)"]
    for branch in [*branches, "Segments (7)"]:
        assert branch in text
    assert "Enrich new companies" in text and "Summarize an account" in text


async def test_the_first_paint_shows_the_plays_header_at_80x24(sandbox: ThreadedSandbox) -> None:
    """The tree is filled while its loading indicator covers it (no size): the cursor's
    scroll waits for the tree to be shown, or the header above the first play stays hidden."""
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        selected = _selected(app)
    assert "▼ Plays (5)" in text
    assert selected is not None and selected.name == "Enrich new companies"


async def test_scrollbar_thumbs_are_whole_cells(sandbox: ThreadedSandbox) -> None:
    """At 80x24 the tree and the details scroll: their thumbs drew their ends in eighth blocks
    (``▄`` beside a play, ``▂▂`` under the details), which read as stray marks."""
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        above_the_footer = screen_text(app).splitlines()[:-1]  # its "▏^p palette" is a border
    assert not set("▉▊▋▌▍▎▏▁▂▃▄▅▆▇") & set("".join(above_the_footer))


async def test_the_tree_never_scrolls_sideways(sandbox: ThreadedSandbox) -> None:
    """At 100 columns the tree's pane is narrower than some names a filter shows: they are cut
    at the pane's edge (the details pane has them whole), with no second scrollbar."""
    app = app_on(sandbox)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "e")
        tree = app.screen.query_one("#resources", Tree)
        await wait_until(pilot, lambda: tree.virtual_size.width > tree.size.width, "wide names")
        await pilot.pause()
        assert not tree.show_horizontal_scrollbar


async def test_clearing_the_filter_keeps_the_selection_and_what_was_open(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DiscoveryScreen)
        tree = screen.resources
        await pilot.press("k", "space")  # Plays closed
        screen.select_kind(Kind.AGENT)
        await pilot.press("space")  # Agents opened

        def opened() -> set[object]:
            return {node.data for node in tree.root.children if node.is_expanded}

        await wait_until(pilot, lambda: opened() == {Kind.TOOL, Kind.AGENT}, "Agents open")
        await pilot.press("slash", *"hubspot", "enter")
        await wait_until(pilot, lambda: tree.has_focus, "the matches focused")
        await pilot.press("escape")
        await pilot.pause()
        selected = _selected(app)
        assert selected is not None and selected.name == "HubSpot (production)"
        assert opened() == {Kind.TOOL, Kind.AGENT, Kind.CONNECTOR}
        assert "HubSpot (production) (connector)" in screen_text(app)
        # Nothing matched: back to what was selected before the filter.
        await pilot.press("slash", *"zzzqqq")
        await wait_until(pilot, lambda: "nothing matches" in screen_text(app), "no match")
        await pilot.press("escape")
        await pilot.pause()
        selected = _selected(app)
        assert selected is not None and selected.name == "HubSpot (production)"
        assert opened() == {Kind.TOOL, Kind.AGENT, Kind.CONNECTOR}


async def test_moving_the_cursor_shows_the_details(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        second = screen_text(app)
    assert "Enrich new companies (play)" in first
    assert "release     v" in first and "last batch" in first
    assert "Re-engage churned accounts (play)" in second
    assert "enabled     no" in second


async def test_filter_by_part_of_a_name_across_every_kind(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"enrich")
        await pilot.pause()
        text = screen_text(app)
        assert "Enrich new companies" in text and "Enrich a company" in text
        assert "Route inbound leads" not in text
        await pilot.press("enter")
        assert _selected(app) is not None
        await pilot.press("slash", *"zzzqqq")
        await pilot.pause()
        assert "nothing matches 'zzzqqq'" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Route inbound leads" in screen_text(app)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (Kind.MODEL, ["column", "type", "label"]),
        (Kind.SEGMENT, ["model", "records", "filter", "conjonction"]),
        (Kind.CONNECTOR, ["integration", "used by", "rate limit  50 per minute (spread)"]),
        (Kind.AGENT, ["model", "max steps"]),
    ],
)
async def test_details_of_each_kind(
    sandbox: ThreadedSandbox, kind: Kind, expected: list[str]
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DiscoveryScreen) and screen.found is not None
        entry = screen.found.entries(kind)[0]
        assert screen.select(entry.uuid)
        for _ in range(20):  # the cursor moves once the opened branch is laid out
            await pilot.pause()
            if _selected(app) == entry:
                break
        text = screen_text(app)
    assert f"{entry.name} ({kind})" in text
    for word in expected:
        assert word in text


async def test_y_copies_the_uuid_and_w_the_web_url(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        entry = _selected(app)
        assert entry is not None
        await pilot.press("y")
        assert app.clipboard == entry.uuid
        await pilot.press("w")
        workspace = app.session.whoami.workspace.uuid  # type: ignore[union-attr]
        assert app.clipboard == f"https://app.getcargo.io/workspaces/{workspace}/plays/{entry.uuid}"


async def _palette(pilot: Pilot[None], text: str, hit: str) -> None:
    """``text`` in the palette, and enter once its first hit says ``hit``."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette open")
    app.screen.query_one(CommandInput).value = text

    def first_hit() -> str:  # once highlighted: enter takes the highlighted hit
        hits = app.screen.query_one(CommandList)
        ready = hits.option_count and hits.highlighted == 0
        return str(hits.get_option_at_index(0).prompt) if ready else ""

    await wait_until(pilot, lambda: hit in first_hit(), f"{hit!r} first for {text!r}")
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("how", ["name", "uuid", "web-url"])
async def test_the_palette_jumps_by_name_uuid_and_web_url(
    sandbox: ThreadedSandbox, how: str
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DiscoveryScreen) and screen.found is not None
        target = next(e for e in screen.found.entries(Kind.MODEL) if e.name)
        workspace = app.session.whoami.workspace.uuid  # type: ignore[union-attr]
        typed = {
            "name": f"go: model {target.name}",
            "uuid": target.uuid,
            "web-url": f"https://app.getcargo.io/workspaces/{workspace}/models/{target.uuid}",
        }[how]
        await _palette(pilot, typed, f"go: model {target.name}")
        assert app.screen is screen
        assert _selected(app) == target


async def test_a_plays_name_in_the_palette_goes_to_the_play_before_comparing_it(
    sandbox: ThreadedSandbox,
) -> None:
    """Both ``go: play X`` and ``release: compare X`` match X as well: enter goes to the play
    (the palette orders hits by score alone; equal scores came in whichever order the
    providers answered)."""
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DiscoveryScreen) and screen.found is not None
        play = next(e for e in screen.found.entries(Kind.PLAY) if e.name)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        app.screen.query_one(CommandInput).value = play.name

        def hits() -> list[str]:
            found = app.screen.query_one(CommandList)
            shown = (str(found.get_option_at_index(i).prompt) for i in range(found.option_count))
            return [text.splitlines()[0] for text in shown]

        both = (f"go: play {play.name}", f"release: compare {play.name}")

        def searched() -> bool:  # not the list shown before the search answers
            found = hits()
            return set(both) <= set(found) and all(play.name in hit for hit in found)

        await wait_until(pilot, searched, f"the hits for {play.name}")
        assert hits().index(both[0]) < hits().index(both[1])


async def test_the_palette_opens_a_batch_by_its_uuid(sandbox: ThreadedSandbox) -> None:
    """A batch is not in Discovery: the workspace is asked, and the batch's runs open over its
    workflow, its play selected in Discovery for the way back."""
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        client = await app.session.connect()
        batch = (await client.orchestration.batch.list(limit=1))[0]
        await _palette(pilot, batch.uuid, f"go: batch or run {batch.uuid}")
        runs = await on_top(pilot, RunsScreen, "Batch ")
        assert runs.view.runs_query.batch_uuid == batch.uuid
        kinds = [type(screen) for screen in app.screen_stack[1:]]
        assert kinds == [DiscoveryScreen, WorkflowScreen, RunsScreen]
        discovery = app.screen_stack[1]
        assert isinstance(discovery, DiscoveryScreen) and discovery.found is not None
        selected = discovery.resources.selected
        assert selected is not None and selected.workflow_uuid == batch.workflow_uuid


async def test_the_palette_opens_a_run_by_its_uuid(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        client = await app.session.connect()
        run = (await client.orchestration.run.list(limit=1)).runs[0]
        await _palette(pilot, run.uuid, f"go: batch or run {run.uuid}")
        detail = await on_top(pilot, RunDetailScreen, run.record_title or run.uuid)
        assert detail.run_uuid == run.uuid
        kinds = [type(screen) for screen in app.screen_stack[1:]]
        assert kinds == [DiscoveryScreen, WorkflowScreen, RunDetailScreen]


def _notes(app: CargoApp) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_the_palette_says_when_nobody_has_the_uuid(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        nobody = str(uuid.uuid4())
        await _palette(pilot, nobody, f"go: batch or run {nobody}")
        await wait_until(pilot, lambda: nobody in _notes(app), "the uuid said unknown")
        assert isinstance(app.screen, DiscoveryScreen)
        assert f"Nothing in Acme GTM has the uuid {nobody}" in _notes(app)
        assert "no batch or run" in _notes(app)


async def test_a_lookup_the_workspace_refuses_says_why(faults: ThreadedSandbox) -> None:
    app = app_on(faults)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        faults.faults.set({"kind": "status", "status": 403, "path": "/orchestration/batches/"})
        nobody = str(uuid.uuid4())
        await _palette(pilot, nobody, f"go: batch or run {nobody}")
        await wait_until(pilot, lambda: "forbidden" in _notes(app), "the refusal said")
        assert isinstance(app.screen, DiscoveryScreen)
        assert "Could not look the uuid up" in [n.title for n in app._notifications]


async def test_a_failing_kind_shows_its_reason_beside_the_others() -> None:
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW) as box:
        box.faults.set({"kind": "status", "status": 403, "path": "/connection/connectors/list"})
        app = app_on(box)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            text = screen_text(app)
            assert "Connectors  ✖ failed · r retry" in text
            assert "Plays (5)" in text and "Segments (7)" in text
            screen = app.screen
            assert isinstance(screen, DiscoveryScreen)
            screen.select_kind(Kind.CONNECTOR)
            await pilot.pause()
            assert "forbidden" in screen_text(app)
            box.faults.clear()
            await pilot.press("r")
            await settle(pilot)
            assert "Connectors (6)" in screen_text(app)


@pytest.fixture
def slow_sandbox() -> Iterator[ThreadedSandbox]:
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW) as box:
        yield box


async def test_a_warm_start_paints_names_before_any_answer(slow_sandbox: ThreadedSandbox) -> None:
    first = app_on(slow_sandbox)
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    # every answer takes 5 s: far longer than painting takes, however busy the machine
    slow_sandbox.faults.set({"kind": "latency", "latency_ms": 5000})
    second = app_on(slow_sandbox)
    async with second.run_test(size=(120, 40)) as pilot:
        await wait_until(
            pilot,
            lambda: "Enrich new companies" in screen_text(second),
            "the names painted from the cache",
        )
        text = screen_text(second)
        assert "cached" in text and "refreshing" in text
        assert second.session.whoami is None, "no answer has arrived yet"
        slow_sandbox.faults.clear()
        await wait_until(pilot, lambda: "cached" not in screen_text(second), "the answers shown")
