"""The chDB child process, for checking that the shipped saved queries run."""

from __future__ import annotations

from tests.sql.conftest import chdb

__all__ = ["chdb"]
