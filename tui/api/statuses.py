"""The statuses a request may name, as the vendor's payload types spell them.

Plain typing, no pydantic: the command line reads :data:`RUN_STATUSES` without loading the
models. The answers' enums (``models.runs.RunStatus`` and the others, open to a value a newer API
adds) hold the same values; ``tests/contract`` holds both to the vendor's schema.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

RunStatus = Literal[
    "idle", "pending", "running", "success", "error", "cancelling", "cancelled", "skipped"
]
RecordStatus = Literal["pending", "running", "success", "error", "cancelled", "cancelling"]
BatchStatus = Literal[
    "pending", "syncing", "skipped", "querying", "running", "success", "cancelling", "error",
    "cancelled",
]  # fmt: skip
ReleaseStatus = Literal["draft", "deployed", "archived"]
ExecutionStatus = Literal["pending", "success", "error"]
#: What an ``executionsFilter`` condition asks of a node (``absent``: never reached).
NodeStatus = Literal["absent", "pending", "success", "error"]

RUN_STATUSES: Final[tuple[str, ...]] = get_args(RunStatus)
NODE_STATUSES: Final[tuple[str, ...]] = get_args(NodeStatus)
#: A batch's or a run's statuses after which nothing changes (``is_terminal``).
TERMINAL_STATUSES: Final = frozenset({"success", "error", "cancelled", "skipped"})
