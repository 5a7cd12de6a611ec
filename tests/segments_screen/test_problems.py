"""Each kind of filter problem reaches the screen: its message, where it is, its fix, its mark."""

from __future__ import annotations

import pytest

from tests.segments_screen.support import open_segments, paste_filter
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox


def _filter(condition: str, outer: str = '"conjonction": "and"') -> str:
    return (
        f'{{{outer},\n "groups": [{{"conjonction": "and", "conditions": [\n  {condition}\n]}}]}}\n'
    )


#: The misspelled key (line 1) and a column the model lacks (line 3).
TWO_PROBLEMS = _filter(
    '{"kind": "string", "columnSlug": "industri", "operator": "is", "values": ["a"]}',
    '"conjunction": "and"',
)

#: (kind of problem, the filter, what the problems list must say, at line:column)
CASES = [
    (
        "conjunction",
        _filter(
            '{"kind": "string", "columnSlug": "industry", "operator": "is", "values": ["SaaS"]}',
            '"conjunction": "and"',
        ),
        ['"conjunction" is misspelled', "silently returns no records"],
        "1:2",
    ),
    (
        "unknown key",
        _filter('{"kind": "string", "columnSlug": "industry", "operater": "is", "values": ["a"]}'),
        ['unknown key "operater" in a string condition: did you mean "operator"?'],
        "3:48",
    ),
    (
        "operator not valid for the kind",
        _filter(
            '{"kind": "number", "columnSlug": "employees", "operator": "contains", "value": 5}'
        ),
        ['"contains" is not a number operator: use "is", "isNot", "greaterThan"'],
        "3:61",
    ),
    (
        "value where values is needed",
        _filter('{"kind": "string", "columnSlug": "industry", "operator": "is", "value": "SaaS"}'),
        ['"is" takes "values" (a list), not "value"'],
        "3:66",
    ),
    (
        "values where value is needed",
        _filter(
            '{"kind": "number", "columnSlug": "employees", "operator": "lowerThan", "values": [5]}'
        ),
        ['"lowerThan" takes "value", not "values"'],
        "3:74",
    ),
    (
        "between without both bounds",
        _filter(
            '{"kind": "number", "columnSlug": "employees", "operator": "between", "firstValue": 5}'
        ),
        ['"between" needs both bounds, "firstValue" and "lastValue": add "lastValue"'],
        "3:3",
    ),
    (
        "a column the model does not have",
        _filter('{"kind": "string", "columnSlug": "industri", "operator": "is", "values": ["a"]}'),
        ['the model has no column "industri": did you mean "industry"?'],
        "3:36",
    ),
    (
        "a date that is not ISO",
        _filter(
            '{"kind": "date", "columnSlug": "created_at", "operator": "greaterThan", '
            '"value": "31/01/2026"}'
        ),
        ['"31/01/2026" is not an ISO-8601 date: write it like 2024-01-31'],
        "3:84",
    ),
    (
        "a column of the wrong type for the kind",
        _filter('{"kind": "number", "columnSlug": "industry", "operator": "isNull"}'),
        ['column "industry" is a string column: a number condition cannot compare it'],
        "3:12",
    ),
    (
        "not JSON at all",
        '{"conjonction": "and", "groups": [}',
        ["not valid JSON: Expecting value"],
        "1:35",
    ),
]


@pytest.mark.parametrize(
    ("filter_text", "messages", "where"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
async def test_each_kind_of_problem_is_listed_with_its_message_and_place(
    sandbox: ThreadedSandbox, filter_text: str, messages: list[str], where: str
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_segments(pilot, "New SaaS companies")
        await paste_filter(pilot, screen, filter_text)
        text = screen_text(app)
        pane = screen.filter_pane
        shown = [f"{f.where} {f.problem.message}" for f in pane.checked.found]
        for message in messages:
            assert message in " ".join(text.split()), f"{message!r} not shown; found {shown}"
        assert f"✖ {where}" in text
        assert "the preview and the export are refused" in text
        row, column = (int(part) - 1 for part in where.split(":"))
        assert any(mark.start == (row, column) for mark in pane.editor.marks)
        assert pane.editor.marks[0].severity == "error"


async def test_a_warning_is_shown_and_does_not_refuse(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "New SaaS companies")
        await paste_filter(
            pilot,
            screen,
            '{"conjonction": "and", "groups": [{"conjonction": "and", "conditions": []}]}',
        )
        text = screen_text(app)
        assert "⚠ 1:72 this group has no conditions: add one or remove the group" in text
        assert "the preview and the export are allowed" in text
        await pilot.press("ctrl+j")
        await settle(pilot)
        previewed = screen_text(app)
    assert "showing 1-100 of 240" in previewed
    assert "⚠ 1:72: this group has no conditions" in previewed


async def test_the_problem_under_the_cursor_is_the_one_ctrl_f_fixes(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "New SaaS companies")
        await paste_filter(pilot, screen, TWO_PROBLEMS)
        editor = screen.filter_pane.editor
        editor.move_cursor((2, 38))  # inside "industri"
        await settle(pilot)
        assert "ctrl+f fixes 3:36: use industry" in screen_text(app)
        await pilot.press("ctrl+f")
        await settle(pilot)
        text = editor.text
        assert '"columnSlug": "industry"' in text
        assert '"conjunction"' in text, "only the problem under the cursor is fixed"
        remaining = [f.problem.message for f in screen.filter_pane.checked.found]
        assert len(remaining) == 1 and "misspelled" in remaining[0]
        await pilot.press("ctrl+z")  # a fix is one edit: undo takes it back
        await settle(pilot)
        assert '"columnSlug": "industri"' in editor.text


async def test_moving_in_the_problem_list_selects_the_spot_in_the_editor(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "New SaaS companies")
        await paste_filter(pilot, screen, TWO_PROBLEMS)
        pane = screen.filter_pane
        pane.problems.focus()
        await pilot.press("home", "down")
        await settle(pilot)
        assert pane.editor.selected_text == '"industri"'
        await pilot.press("enter")
        await settle(pilot)
        assert pane.editor.has_focus
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert '"columnSlug": "industry"' in pane.editor.text


async def test_the_palette_fixes_every_problem_that_has_a_fix(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot, "New SaaS companies")
        await paste_filter(
            pilot,
            screen,
            _filter(
                '{"kind": "string", "columnSlug": "industri", "operater": "is", "value": "SaaS"}',
                '"conjunction": "and"',
            ),
        )
        assert len(screen.filter_pane.checked.errors) == 4
        await pilot.press("ctrl+p", *"segments: fix every")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.filter_pane.checked.found == ()
        assert "✔ valid: Industry is SaaS" in screen_text(app)
