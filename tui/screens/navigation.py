"""The ways from one screen to another, as messages: a pane or screen posts one, it bubbles up to
the app, and the app (which alone owns the screen stack) opens what it names."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.connection import Connection
    from tui.export import ExportSource
    from tui.screens.rerun.plan import Selection
    from tui.screens.runs_query import RunCursor, RunsQuery
    from tui.screens.workflow.context import WorkflowContext
    from tui.screens.workflow.screen import WorkflowScreen


class OpenWorkflow(Message):
    """A workflow's view; ``then``: what to do there once the workflow is known."""

    def __init__(
        self,
        workflow_uuid: str,
        then: Callable[[WorkflowScreen], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__()
        self.workflow_uuid = workflow_uuid
        self.then = then


class OpenRuns(Message):
    """A list of runs on a screen of its own: a batch's, a failure group's, a node's failed."""

    def __init__(
        self,
        context: WorkflowContext | None,
        query: RunsQuery,
        crumbs: tuple[str, ...],
        tab: str = "all",
    ) -> None:
        super().__init__()
        self.context = context
        self.query = query
        self.crumbs = crumbs
        self.tab = tab


class OpenRun(Message):
    """One run's detail; ``cursor``: the list it was opened from, for ``[`` and ``]``."""

    def __init__(
        self,
        context: WorkflowContext | None,
        run_uuid: str,
        crumbs: tuple[str, ...],
        cursor: RunCursor | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.run_uuid = run_uuid
        self.crumbs = crumbs
        self.cursor = cursor


class OpenExport(Message):
    """The export dialog for ``source`` (``note``: why it was offered, said above the form)."""

    def __init__(self, source: ExportSource, note: str | None = None) -> None:
        super().__init__()
        self.source = source
        self.note = note


class OpenSql(Message):
    """The SQL editor, with ``sql`` in a buffer of its own if given."""

    def __init__(self, sql: str | None = None) -> None:
        super().__init__()
        self.sql = sql


class OpenSegments(Message):
    """The Segments screen, on ``segment_uuid`` if given."""

    def __init__(self, segment_uuid: str | None = None) -> None:
        super().__init__()
        self.segment_uuid = segment_uuid


class OpenRerun(Message):
    """The re-run dialog for ``selection``, from the workflow the runs belong to."""

    def __init__(self, selection: Selection) -> None:
        super().__init__()
        self.selection = selection


class GoTo(Message):
    """The resource with ``uuid``, shown in Discovery (from whatever screen)."""

    def __init__(self, uuid: str) -> None:
        super().__init__()
        self.uuid = uuid


class OpenWorkspace(Message):
    """Leave this workspace for ``connection``'s (after sign-in) and show its Discovery."""

    def __init__(self, connection: Connection) -> None:
        super().__init__()
        self.connection = connection


class OpenDiscovery(Message):
    """Back to Discovery, every resource of the workspace."""


class OpenReleaseDiff(Message):
    """Two releases of a workflow compared: ``pair`` (release uuids), or the release picker
    first, its default pair ``anchor`` (a batch's release) against the one before it.
    ``title``: the workflow's name, for the picker."""

    def __init__(
        self,
        workflow_uuid: str,
        pair: tuple[str, str] | None = None,
        *,
        anchor: str | None = None,
        title: str = "",
    ) -> None:
        super().__init__()
        self.workflow_uuid = workflow_uuid
        self.pair = pair
        self.anchor = anchor
        self.title = title or workflow_uuid


class OpenRunDiff(Message):
    """A run compared with another (``baseline``: a uuid or its first characters; None: the
    run's nearest successful run)."""

    def __init__(
        self,
        context: WorkflowContext | None,
        run_uuid: str,
        crumbs: tuple[str, ...],
        baseline: str | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.run_uuid = run_uuid
        self.crumbs = crumbs
        self.baseline = baseline


class OpenFollow(Message):
    """Follow mode: the workspace's failures as they happen, and the watches."""


class WorkspaceShown(Message):
    """Discovery has shown the workspace's first answer (or its failure): what the app put
    off until then (reading default settings) may start."""
