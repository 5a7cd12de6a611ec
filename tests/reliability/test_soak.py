"""The soak benchmark (``python -m benchmarks soak``) in ten seconds: it runs, the app
refreshes the live batch under faults, and nothing crashes."""

from __future__ import annotations

import pytest

from benchmarks.soak import soak

pytestmark = pytest.mark.slow


def test_a_short_soak_refreshes_under_faults_without_a_crash() -> None:
    run = soak(10)
    assert run.tally.unhandled == []
    assert run.refreshes >= 5, run.tally.workers
    assert run.rss_warm > 0 and run.rss_end > 0
