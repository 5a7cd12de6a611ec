"""The preview: pages of records from segment.fetch, with the edited sort and limit."""

from __future__ import annotations

from tests.segments_screen.support import (
    ALL_RECORDS,
    count_calls,
    listed_problems,
    open_segments,
    paste_filter,
)
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox


async def test_pages_move_with_the_bracket_keys(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        fetches = await count_calls(app, "fetch")
        await paste_filter(pilot, screen, ALL_RECORDS)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert "showing 1-100 of 240 · Churned accounts · your edited filter" in screen_text(app)
        assert "] next page" in screen_text(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "showing 101-200 of 240" in screen_text(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        last = screen_text(app)
        assert "showing 201-240 of 240" in last
        assert "] next page" not in last and "Next page" not in last  # no page after the last
        await pilot.press("right_square_bracket")
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "showing 101-200 of 240" in screen_text(app)
    offsets = [(call["fetching_offset"], call["fetching_limit"]) for call in fetches]
    assert offsets == [(0, 100), (100, 100), (200, 100), (100, 100)]
    assert all(call["filter"] == {"conjonction": "and", "groups": []} for call in fetches)


async def test_the_edited_sort_and_limit_are_sent(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "Target account list")
        fetches = await count_calls(app, "fetch")
        await pilot.press("f4")
        pane = screen.filter_pane
        assert (
            pane.query_one("#sort-input").value == '[{"columnSlug": "employees", "kind": "desc"}]'
        )
        pane.query_one("#sort-input").value = '[{"columnSlug": "employees", "kind": "asc"}]'
        pane.query_one("#limit-input").value = "5"
        await settle(pilot)
        await pilot.press("ctrl+j")
        await settle(pilot)
        text = screen_text(app)
    assert "showing 1-5 of 5" in text
    assert fetches[0]["sort"] == [{"columnSlug": "employees", "kind": "asc"}]
    assert fetches[0]["limit"] == 5


async def test_a_bad_sort_or_limit_refuses_the_preview(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_segments(pilot, "Target account list")
        fetches = await count_calls(app, "fetch")
        await pilot.press("f4")
        pane = screen.filter_pane
        pane.query_one("#sort-input").value = '[{"columnSlug": "employes", "kind": "desc"}]'
        pane.query_one("#limit-input").value = "0"
        await settle(pilot)
        listed = listed_problems(screen)
        assert listed[0].startswith('✖ sort 1:17 the model has no column "employes": did you mean')
        assert listed[1].startswith('✖ limit 1:1 "limit" must be a positive whole number')
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert fetches == []
        assert "The preview was not sent: the filter has 2 errors" in screen_text(app)
        pane.query_one("#sort-input").focus()
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert (
            pane.query_one("#sort-input").value == '[{"columnSlug": "employees", "kind": "desc"}]'
        )


async def test_a_refusal_from_the_server_is_shown_and_the_app_survives(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        sandbox.faults.add(kind="status", status=400, path="/segmentation/segments/fetch", count=1)
        try:
            await pilot.press("f2", "enter")
            await settle(pilot)
        finally:
            sandbox.faults.clear()
        text = screen_text(app)
        assert app.is_running
        assert "The preview failed" in text
        assert screen.active_tab == "preview"
        await pilot.press("ctrl+j")  # the same filter again, now that the server answers
        await settle(pilot)
        assert "showing 1-33 of 33" in screen_text(app)
