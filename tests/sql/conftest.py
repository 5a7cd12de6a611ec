"""A chDB child process for the whole session (per xdist worker), when chDB is installed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sql.chdb_worker import Chdb


@pytest.fixture(scope="session")
def chdb() -> Iterator[Chdb]:
    pytest.importorskip("chdb")
    worker = Chdb()
    yield worker
    worker.close()
