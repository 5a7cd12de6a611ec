"""Batches, runs and their node executions, records, spans and metrics."""

from __future__ import annotations

from typing import Any

from tui.api.models.base import CargoModel, OpenEnum
from tui.api.models.fields import Count, Timestamp
from tui.api.models.orchestration import BatchStatus, Node, NodeKind, RunsStatus
from tui.api.statuses import TERMINAL_STATUSES


class RunStatus(OpenEnum):
    IDLE = "idle"
    PENDING = "pending"
    RUNNING = "running"
    SUCCESS = "success"
    ERROR = "error"
    CANCELLING = "cancelling"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"

    @property
    def is_terminal(self) -> bool:
        return self.value in TERMINAL_STATUSES


class RecordStatus(OpenEnum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCESS = "success"
    ERROR = "error"
    CANCELLED = "cancelled"
    CANCELLING = "cancelling"


class ExecutionStatus(OpenEnum):
    PENDING = "pending"
    SUCCESS = "success"
    ERROR = "error"


class Batch(CargoModel):
    uuid: str
    workspace_uuid: str | None = None
    workflow_uuid: str
    user_uuid: str | None = None
    release_uuid: str | None = None
    #: The graph the batch ran, when it ran custom nodes rather than a release.
    nodes: list[Node] | None = None
    temporal_workflow_id: str | None = None
    #: The parent run's trace, for a batch started from inside a run (a tool's, say).
    trace_uuid: str | None = None
    #: What started it: ``{"kind": "segment" | "recordIds" | "runs" | "filter" | ..., ...}``.
    data: dict[str, Any] | None = None
    status: BatchStatus
    runs_status: RunsStatus | None = None
    runs_count: Count = 0
    executed_runs_count: Count = 0
    failed_runs_count: Count = 0
    credits_used_count: float = 0
    error_message: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    finished_at: Timestamp | None = None

    @property
    def succeeded_with_failures(self) -> bool:
        """Cargo reports ``success`` for a batch whose runs partly failed: read the count."""
        return self.status == BatchStatus.SUCCESS and self.failed_runs_count > 0


class Execution(CargoModel):
    """What one node did for one run."""

    node_uuid: str
    node_slug: str | None = None
    node_kind: NodeKind | None = None
    node_action_slug: str | None = None
    node_integration_slug: str | None = None
    node_connector_uuid: str | None = None
    node_agent_uuid: str | None = None
    node_tool_uuid: str | None = None
    #: tool and agent nodes: the release of the tool or agent that ran
    node_release_uuid: str | None = None
    #: tool nodes: the batch and the run the node started in the tool's workflow
    node_batch_uuid: str | None = None
    node_run_uuid: str | None = None
    node_message_uuid: str | None = None
    node_wait_until_finished: bool | None = None
    node_child_index: Count | None = None
    next_node_uuid: str | None = None
    status: ExecutionStatus
    error_message: str | None = None
    #: A short, possibly truncated summary of the output; ``runContext`` holds the truth.
    title: str | None = None
    icon_url: str | None = None
    credits_used_count: float = 0
    started_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    finished_at: Timestamp | None = None


class Lineage(CargoModel):
    """Where a run (or record, or span) came from when another run started it."""

    parent_node_uuid: str | None = None
    parent_batch_uuid: str | None = None
    parent_agent_uuid: str | None = None
    parent_chat_uuid: str | None = None
    parent_message_uuid: str | None = None
    #: The run leads a group (its node ran over a list of items).
    is_group_parent: bool | None = None


class Run(Lineage):
    uuid: str
    workspace_uuid: str | None = None
    workflow_uuid: str
    user_uuid: str | None = None
    batch_uuid: str | None = None
    release_uuid: str | None = None
    #: The graph the run ran, when custom nodes rather than a release.
    nodes: list[Node] | None = None
    trace_uuid: str | None = None
    temporal_workflow_id: str | None = None
    record_id: str | None = None
    record_title: str | None = None
    context_s3_filename: str | None = None
    computed_configs_s3_filename: str | None = None
    status: RunStatus
    error_message: str | None = None
    executions: list[Execution] = []
    #: The run that started this one (a tool node's call, say).
    parent_uuid: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    finished_at: Timestamp | None = None
    deleted_at: Timestamp | None = None

    @property
    def failing_execution(self) -> Execution | None:
        """The first execution that failed, if any."""
        return next((e for e in self.executions if e.status == ExecutionStatus.ERROR), None)

    @property
    def credits_used_count(self) -> float:
        return sum(e.credits_used_count for e in self.executions)


class RunDetail(CargoModel):
    """A run with each node's full output (``runContext``) and resolved config."""

    run: Run
    #: Keyed by node slug; each value is that node's output (agents wrap it under ``answer``).
    run_context: dict[str, Any] = {}
    run_computed_configs: dict[str, Any] = {}


class Record(Lineage):
    id: str
    title: str | None = None
    workspace_uuid: str | None = None
    workflow_uuid: str | None = None
    user_uuid: str | None = None
    run_uuid: str | None = None
    trace_uuid: str | None = None
    batch_uuid: str | None = None
    release_uuid: str | None = None
    nodes: list[Node] | None = None
    temporal_workflow_id: str | None = None
    context_s3_filename: str | None = None
    computed_configs_s3_filename: str | None = None
    status: RecordStatus | None = None
    error_message: str | None = None
    executions: list[Execution] = []
    parent_run_uuid: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    finished_at: Timestamp | None = None


class Span(Lineage):
    """One node execution, as the spans table and endpoint see it."""

    workspace_uuid: str | None = None
    workflow_uuid: str | None = None
    user_uuid: str | None = None
    batch_uuid: str | None = None
    run_uuid: str
    trace_uuid: str | None = None
    record_id: str | None = None
    record_title: str | None = None
    run_context_s3_filename: str | None = None
    run_computed_configs_s3_filename: str | None = None
    parent_run_uuid: str | None = None
    node_uuid: str
    node_kind: NodeKind | None = None
    node_slug: str | None = None
    node_action_slug: str | None = None
    node_connector_uuid: str | None = None
    node_integration_slug: str | None = None
    node_tool_uuid: str | None = None
    node_agent_uuid: str | None = None
    node_release_uuid: str | None = None
    node_batch_uuid: str | None = None
    node_run_uuid: str | None = None
    node_message_uuid: str | None = None
    node_child_index: Count | None = None
    node_wait_until_finished: bool | None = None
    #: Spelled so on a span (an execution's is ``nextNodeUuid``).
    node_next_uuid: str | None = None
    execution_index: Count | None = None
    execution_status: ExecutionStatus
    execution_error_message: str | None = None
    execution_title: str | None = None
    execution_icon_url: str | None = None
    execution_credits_used_count: float = 0
    execution_started_at: Timestamp | None = None
    execution_updated_at: Timestamp | None = None
    execution_finished_at: Timestamp | None = None


class RunMetric(CargoModel):
    """Per-node execution counts of a workflow, batch or time range."""

    node_uuid: str
    total_executions_count: Count = 0
    idle_executions_count: Count = 0
    pending_executions_count: Count = 0
    running_executions_count: Count = 0
    success_executions_count: Count = 0
    error_executions_count: Count = 0
    cancelling_executions_count: Count = 0
    cancelled_executions_count: Count = 0
    skipped_executions_count: Count = 0
    credits_used_count: float = 0

    @property
    def error_rate(self) -> float:
        done = self.success_executions_count + self.error_executions_count
        return self.error_executions_count / done if done else 0.0


class RecordMetric(RunMetric):
    """Record metrics share the run metrics' shape (without idle and skipped counts)."""
