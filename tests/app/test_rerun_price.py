"""The re-run dialog's price: both terms and the total beside the balance, following the
reset point chosen; the confirmation repeats them; billing that cannot be read is said."""

from __future__ import annotations

import re

from textual.widgets import RadioButton, RadioSet, Static

from tests.app.drill import open_rerun
from tests.support import app_on, on_top, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.rerun.dialog import ReRunDialog


def _total(text: str) -> str:
    found = re.search(r"total\s+≈ ([\d,.]+) credits", text)
    assert found, text
    return found.group(1)


async def test_the_preview_and_confirmation_show_both_terms_and_the_balance(
    faults: ThreadedSandbox,
) -> None:
    app = app_on(faults, allow_writes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_rerun(pilot)
        plan = dialog.plan
        assert plan is not None and plan.measured is not None and plan.balance is not None
        text = screen_text(app)
        for said in ("provider", "execution", "× 0.01", "runs sampled", "left"):
            assert said in text, said
        offer = plan.offer("lastNode")
        assert offer is not None
        confirm = (
            f"Type 85 to confirm: the pilot's 10 runs ≈ "
            f"{plan.offer('lastNode', 10).total:.2f} credits"  # type: ignore[union-attr]
        )
        status = str(dialog.query_one("#rerun-status", Static).render())
        assert status.startswith(confirm) and " provider + " in status, status
        assert re.search(r" executions\); [\d,.]+ left\.$", status), status
        before = _total(text)
        # From the first node, every node runs again: the price rises, on screen.
        dialog.query_one("#rerun-reset", RadioSet).query(RadioButton)[1].value = True
        await settle(pilot)
        assert dialog.reset == "firstNode"
        after = _total(screen_text(app))
        assert float(after.replace(",", "")) > float(before.replace(",", ""))


async def test_billing_that_cannot_be_read_is_said(faults: ThreadedSandbox) -> None:
    faults.faults.set({"kind": "status", "status": 403, "path": "/billing/"})
    app = app_on(faults, allow_writes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_rerun(pilot)
        await on_top(pilot, ReRunDialog, "billing cannot be read with this token (403)")
        assert "Type 85 to confirm: the pilot's 10 runs ≈ " in screen_text(app)
