"""What the user typed survives: errors, other segments, and leaving the app."""

from __future__ import annotations

from tests.segments_screen.support import open_segments, paste_filter
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.state.segment_drafts import load_drafts

MISSPELLED = '{"conjunction": "or", "groups": []}'


def _saved(workspace: str) -> list[str]:
    drafts, warnings = load_drafts(workspace)
    assert warnings == []
    return [draft.filter for draft in drafts.values()]


async def test_a_draft_with_errors_survives_another_segment_and_a_restart(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        await paste_filter(pilot, screen, MISSPELLED)
        await pilot.press("ctrl+j")  # refused: the text stays as typed
        await settle(pilot)
        assert screen.filter_pane.editor.text == MISSPELLED
        await pilot.press("f2", "down")  # another segment, then back
        await settle(pilot)
        assert screen.filter_pane.editor.text != MISSPELLED
        await pilot.press("up")
        await settle(pilot)
        assert screen.filter_pane.editor.text == MISSPELLED
        workspace = app.session.whoami.workspace.uuid if app.session.whoami else ""
    assert _saved(workspace) == [MISSPELLED]

    again = app_on(sandbox)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        await pilot.press("f4")
        await settle(pilot)
        text = screen_text(again)
        assert screen.filter_pane.editor.text == MISSPELLED
        assert "Churned accounts · your edit (saved as you type)" in text
        assert '"conjunction" is misspelled' in text
        await screen.run_action("revert")
        await settle(pilot)
        assert '"lifecycle_stage"' in screen.filter_pane.editor.text
        assert "Churned accounts · as in Cargo" in screen_text(again)
    assert _saved(workspace) == []


async def test_what_was_typed_just_before_quitting_is_kept(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        await pilot.press("f4")
        editor = screen.filter_pane.editor
        editor.replace(MISSPELLED, (0, 0), editor.document.end)
        await pilot.pause()  # quit before the debounced check (and its save) ran
        workspace = app.session.whoami.workspace.uuid if app.session.whoami else ""
    assert _saved(workspace) == [MISSPELLED]
