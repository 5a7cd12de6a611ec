"""The soak benchmark (``python -m benchmarks soak``), short: the app refreshes the live batch
under faults a number of times, and nothing crashes.

It counts refreshes, not seconds: on a busy machine a refresh takes longer but still comes, so
the test waits for ten of them (the two minutes only bound a refresh that stopped).
"""

from __future__ import annotations

import pytest

from benchmarks.soak import soak

pytestmark = pytest.mark.slow

REFRESHES = 10


def test_a_short_soak_refreshes_under_faults_without_a_crash() -> None:
    run = soak(120, refreshes=REFRESHES)
    assert run.tally.unhandled == []
    assert run.refreshes >= REFRESHES, (run.seconds, run.tally.workers)
    assert run.rss_warm > 0 and run.rss_end > 0
