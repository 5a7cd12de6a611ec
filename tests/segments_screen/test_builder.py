"""The form beside the editor: it writes conditions into the JSON, and the JSON fills it."""

from __future__ import annotations

import json

from textual.widgets import Input, OptionList, Select

from tests.segments_screen.support import listed_problems, open_segments, paste_filter, shown
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox


async def test_a_condition_built_in_the_form_lands_in_the_json(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        await pilot.press("f4", "f5")  # the form, beside the editor at this width
        await settle(pilot)
        column = screen.query_one("#builder-column", Select)
        assert column.has_focus
        column.value = "employees"
        await settle(pilot)
        operator = screen.query_one("#builder-operator", Select)
        offered = [value for _, value in operator._options if isinstance(value, str)]
        assert offered == [
            "is",
            "isNot",
            "greaterThan",
            "lowerThan",
            "between",
            "isNull",
            "isNotNull",
        ]
        operator.value = "between"
        await settle(pilot)
        screen.query_one("#builder-value", Input).value = "50"
        screen.query_one("#builder-other", Input).value = "500"
        screen.query_one("#builder-group", Select).value = "0"  # into the existing group
        await settle(pilot)
        await pilot.click("#builder-add")
        await settle(pilot)
        data = json.loads(screen.filter_pane.editor.text)
        text = screen_text(app)
        note = shown(screen, "#builder-note")
    assert data["groups"][0]["conditions"][1] == {
        "kind": "number",
        "columnSlug": "employees",
        "operator": "between",
        "firstValue": 50,
        "lastValue": 500,
    }
    assert note == "Added: Employees between 50 and 500"
    assert "1.2 and Employees between 50 and 500" in text
    assert "✔ valid: Lifecycle stage is churned and Employees between 50 and 500" in text


async def test_a_value_the_form_cannot_use_is_refused_in_the_form(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        await pilot.press("f4", "f5")
        before = screen.filter_pane.editor.text
        screen.query_one("#builder-column", Select).value = "created_at"
        await settle(pilot)
        screen.query_one("#builder-operator", Select).value = "greaterThan"
        screen.query_one("#builder-value", Input).value = "last tuesday"
        await settle(pilot)
        await pilot.click("#builder-add")
        await settle(pilot)
        assert "must be a date like 2024-01-31" in shown(screen, "#builder-note")
        assert screen.filter_pane.editor.text == before
        assert screen.query_one("#builder-value", Input).value == "last tuesday"


async def test_the_json_fills_the_form_and_the_form_removes_a_condition(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        await paste_filter(
            pilot,
            screen,
            '{"conjonction": "or", "groups": ['
            '{"conjonction": "and", "conditions": [{"kind": "boolean", '
            '"columnSlug": "is_target_account", "operator": "isTrue"}]}, '
            '{"conjonction": "and", "conditions": [{"kind": "string", "columnSlug": "country", '
            '"operator": "is", "values": ["FR", "DE"]}]}]}',
        )
        text = screen_text(app)
        assert "1.1 Target account is true" in text
        assert "2.1 or Country is FR, DE" in text
        listing = screen.query_one("#builder-conditions", OptionList)
        listing.focus()
        listing.highlighted = 0
        await pilot.press("x")
        await settle(pilot)
        data = json.loads(screen.filter_pane.editor.text)
        assert data["groups"] == [
            {
                "conjonction": "and",
                "conditions": [
                    {
                        "kind": "string",
                        "columnSlug": "country",
                        "operator": "is",
                        "values": ["FR", "DE"],
                    }
                ],
            }
        ]
        assert "1.1 Country is FR, DE" in screen_text(app)
        screen.filter_pane.editor.focus()
        await pilot.press("ctrl+z")  # the form's edit is one undoable edit of the editor
        await settle(pilot)
        assert "is_target_account" in screen.filter_pane.editor.text


async def test_the_form_leaves_json_that_does_not_parse_alone(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        await paste_filter(pilot, screen, '{"conjonction": "and", "groups": [')
        assert listed_problems(screen)[0].startswith("✖ 1:")
        screen.query_one("#builder-column", Select).value = "country"
        await settle(pilot)
        screen.query_one("#builder-value", Input).value = "FR"
        await pilot.click("#builder-add")
        await settle(pilot)
        assert screen.filter_pane.editor.text == '{"conjonction": "and", "groups": ['
        assert (
            shown(screen, "#builder-note")
            == "The editor does not hold a JSON object: fix it first."
        )
