"""The statuses a request may name are the answers' enums' values, in the same order."""

from __future__ import annotations

import subprocess
import sys
from typing import Any, get_args

import pytest

from tui.api import statuses
from tui.api.models.base import OpenEnum
from tui.api.models.orchestration import BatchStatus, ReleaseStatus
from tui.api.models.runs import ExecutionStatus, RecordStatus, RunStatus


@pytest.mark.parametrize(
    ("literal", "enum"),
    [
        (statuses.RunStatus, RunStatus),
        (statuses.RecordStatus, RecordStatus),
        (statuses.BatchStatus, BatchStatus),
        (statuses.ReleaseStatus, ReleaseStatus),
        (statuses.ExecutionStatus, ExecutionStatus),
    ],
)
def test_a_request_names_the_statuses_an_answer_holds(literal: Any, enum: type[OpenEnum]) -> None:
    assert get_args(literal) == tuple(member.value for member in enum)


def test_terminal_statuses_are_run_and_batch_statuses() -> None:
    assert set(get_args(statuses.RunStatus)) >= statuses.TERMINAL_STATUSES
    assert set(get_args(statuses.BatchStatus)) >= statuses.TERMINAL_STATUSES
    assert [s for s in RunStatus if s.is_terminal] == ["success", "error", "cancelled", "skipped"]


def test_the_statuses_load_no_pydantic() -> None:
    code = "import sys, tui.api.run_scope; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
