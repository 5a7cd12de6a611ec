"""One sandbox per test module of the fault matrix: each test sets its rules and clears them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import FIXED_NOW
from tui.sandbox.threaded import ThreadedSandbox


@pytest.fixture(scope="module")
def box() -> Iterator[ThreadedSandbox]:
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW, frozen=True) as running:
        yield running
