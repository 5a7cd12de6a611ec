"""``client.orchestration``: plays, tools, workflows, releases; runs and batches live in
``runs.py`` and are attached here so the tree mirrors ``cargo-ai orchestration ...``."""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from tui.api.models.base import CargoModel
from tui.api.models.orchestration import Play, Release, Tool, Workflow
from tui.api.resources.base import Resource
from tui.api.resources.runs import (
    BatchResource,
    QueryResource,
    RecordResource,
    RunResource,
    SpanResource,
)
from tui.api.transport import Transport


class _Plays(CargoModel):
    plays: list[Play]


class _Play(CargoModel):
    play: Play


class _Tools(CargoModel):
    tools: list[Tool]


class _Tool(CargoModel):
    tool: Tool


class _Workflows(CargoModel):
    workflows: list[Workflow]


class _Releases(CargoModel):
    releases: list[Release]


class _Release(CargoModel):
    release: Release


class PlayResource(Resource):
    async def list(
        self,
        *,
        is_enabled: bool | None = None,
        model_uuid: str | None = None,
        segment_uuid: str | None = None,
        schedule_type: str | None = None,
    ) -> builtins.list[Play]:
        params = {
            "isEnabled": is_enabled,
            "modelUuid": model_uuid,
            "segmentUuid": segment_uuid,
            "scheduleType": schedule_type,
        }
        return (await self._transport.get("/orchestration/plays/list", _Plays, params)).plays

    async def get(self, uuid: str) -> Play:
        return (await self._transport.get(f"/orchestration/plays/{uuid}", _Play)).play


class ToolResource(Resource):
    async def list(self) -> builtins.list[Tool]:
        return (await self._transport.get("/orchestration/tools/list", _Tools)).tools

    async def get(self, uuid: str) -> Tool:
        return (await self._transport.get(f"/orchestration/tools/{uuid}", _Tool)).tool


class WorkflowResource(Resource):
    async def list(self) -> builtins.list[Workflow]:
        return (await self._transport.get("/orchestration/workflows/list", _Workflows)).workflows


class ReleaseResource(Resource):
    async def list(
        self,
        *,
        workflow_uuid: str | None = None,
        statuses: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> builtins.list[Release]:
        params = {
            "workflowUuid": workflow_uuid,
            "statuses": statuses,
            "limit": limit,
            "offset": offset,
        }
        answer = await self._transport.get("/orchestration/releases/list", _Releases, params)
        return answer.releases

    async def get(self, uuid: str) -> Release:
        return (await self._transport.get(f"/orchestration/releases/{uuid}", _Release)).release


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
