"""The Metrics tab's export names its credits as the screen does: provider credits (``prov
cr``), a batch's execution charge (0.01 each) not in them. The column was ``credits``, which
reads as what Cargo billed."""

from __future__ import annotations

import re

from tests.app.drill import open_play, select_unhealthy
from tests.support import app_on, on_top, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.export.dialog import ExportDialog


async def test_the_metrics_export_names_its_credits_provider_credits(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("m")
        await settle(pilot)
        said = re.search(r"([\d,]+) provider credits \+", screen_text(app))
        assert said, screen_text(app)
        await pilot.press("e")
        dialog = await on_top(pilot, ExportDialog)
        columns, rows = dialog.source.columns, dialog.source.rows  # type: ignore[attr-defined]
        assert "credits" not in columns and columns[-1] == "provider_credits"
        exported = sum(row["provider_credits"] for row in rows)
        assert f"{exported:,.0f}" == said.group(1), "the provider credits the note says"
