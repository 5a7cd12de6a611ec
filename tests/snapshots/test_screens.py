"""SVG snapshots of every screen at 80x24 and 120x40 (``pytest --snapshot-update`` to accept)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.scenarios import SCENARIOS, SIZES, Scenario
from tui.sandbox.threaded import ThreadedSandbox


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_screen(
    scenario: Scenario,
    size: tuple[int, int],
    sandbox: ThreadedSandbox,
    snap_compare: Callable[..., Any],
) -> None:
    assert snap_compare(scenario.build(sandbox), terminal_size=size, run_before=scenario.drive)
