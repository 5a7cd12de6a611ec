"""Issue 9's path: preview a segment, misspell conjonction, be stopped, fix it, preview again,
export."""

from __future__ import annotations

from pathlib import Path

from tests.export_screen.support import export_to, read_csv
from tests.segments_screen.support import count_calls, open_segments, type_filter
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox

CHURNED = (
    '{"@": "and", "groups": [{"conjonction": "and", "conditions": [{"kind": "string", '
    '"columnSlug": "lifecycle_stage", "operator": "is", "values": ["churned"]}]}]}'
)


async def test_a_misspelled_conjonction_is_stopped_fixed_with_one_key_and_previews_again(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        fetches = await count_calls(app, "fetch")
        downloads = await count_calls(app, "download")

        await pilot.press("f2", "enter")
        await settle(pilot)
        first = screen_text(app)
        assert "showing 1-33 of 33" in first
        assert "Lifecycle stage" in first  # the API's column label heads the table
        assert "churned" in first
        assert len(fetches) == 1 and fetches[0]["model_uuid"] == screen.current.model_uuid

        await type_filter(pilot, screen, CHURNED, "conjunction")
        typed = screen_text(app)
        assert '"conjunction" is misspelled: the key is "conjonction"' in typed
        assert "silently returns no records" in typed
        assert "✖ 1:2" in typed  # where: line 1, column 2
        assert "ctrl+f: rename to conjonction" in typed
        assert "the preview and the export are refused" in typed

        await pilot.press("ctrl+j")
        await settle(pilot)
        refused = screen_text(app)
        assert len(fetches) == 1, "a filter with an error must not be sent"
        assert "was not sent" in refused
        assert screen.active_tab == "filter"

        await pilot.press("ctrl+f")
        await settle(pilot)
        assert screen.filter_pane.editor.text.startswith('{"conjonction": "and"')
        assert "✔ valid" in screen_text(app)
        assert "Fixed 1:2: rename to conjonction" in screen_text(app)
        assert screen.filter_pane.checked.found == ()

        await pilot.press("ctrl+j")
        await settle(pilot)
        again = screen_text(app)
        assert len(fetches) == 2
        assert fetches[1]["filter"]["conjonction"] == "and"
        assert "showing 1-33 of 33" in again
        assert "churned" in again

        await pilot.press("e")
        await settle(pilot)
        await export_to(pilot, out / "churned.csv")
    assert downloads[0]["filter"]["conjonction"] == "and", "the fixed filter is exported"
    rows = read_csv(out / "churned.csv")
    assert len(rows) == 33
    assert {row["lifecycle_stage"] for row in rows} == {"churned"}
