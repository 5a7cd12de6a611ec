"""``client.orchestration``: plays, tools, workflows, releases; runs and batches live in
``runs.py`` and are attached here so the tree mirrors ``cargo-ai orchestration ...``."""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from tui.api.models import answers
from tui.api.models.orchestration import Play, Release, Tool, Workflow
from tui.api.models.requests import ListPlaysParams, ListReleasesParams
from tui.api.resources.base import Resource, request
from tui.api.resources.runs import (
    BatchResource,
    QueryResource,
    RecordResource,
    RunResource,
    SpanResource,
)
from tui.api.transport import Transport


class PlayResource(Resource):
    async def list(
        self,
        *,
        is_enabled: bool | None = None,
        model_uuid: str | None = None,
        segment_uuid: str | None = None,
        schedule_type: str | None = None,
    ) -> builtins.list[Play]:
        path = "/orchestration/plays/list"
        params = request(
            ListPlaysParams,
            f"GET {path}",
            is_enabled=is_enabled,
            model_uuid=model_uuid,
            segment_uuid=segment_uuid,
            schedule_type=schedule_type,
        )
        return (await self._transport.get(path, answers.ListPlays, params)).plays

    async def get(self, uuid: str) -> Play:
        return (await self._transport.get(f"/orchestration/plays/{uuid}", answers.GetPlay)).play


class ToolResource(Resource):
    async def list(self) -> builtins.list[Tool]:
        return (await self._transport.get("/orchestration/tools/list", answers.ListTools)).tools

    async def get(self, uuid: str) -> Tool:
        return (await self._transport.get(f"/orchestration/tools/{uuid}", answers.GetTool)).tool


class WorkflowResource(Resource):
    async def list(self) -> builtins.list[Workflow]:
        path = "/orchestration/workflows/list"
        return (await self._transport.get(path, answers.ListWorkflows)).workflows


class ReleaseResource(Resource):
    async def list(
        self,
        *,
        workflow_uuid: str | None = None,
        statuses: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> builtins.list[Release]:
        """Releases in the server's order (``models.newest_first`` sorts them by deployment:
        a version is text, and may be ``None``)."""
        path = "/orchestration/releases/list"
        params = request(
            ListReleasesParams,
            f"GET {path}",
            workflow_uuid=workflow_uuid,
            statuses=list(statuses) if statuses is not None else None,
            limit=limit,
            offset=offset,
        )
        return (await self._transport.get(path, answers.ListReleases, params)).releases

    async def get(self, uuid: str) -> Release:
        path = f"/orchestration/releases/{uuid}"
        return (await self._transport.get(path, answers.GetRelease)).release


class Orchestration:
    def __init__(self, transport: Transport) -> None:
        self.play = PlayResource(transport)
        self.tool = ToolResource(transport)
        self.workflow = WorkflowResource(transport)
        self.release = ReleaseResource(transport)
        self.batch = BatchResource(transport)
        self.run = RunResource(transport)
        self.record = RecordResource(transport)
        self.span = SpanResource(transport)
        self.query = QueryResource(transport)
