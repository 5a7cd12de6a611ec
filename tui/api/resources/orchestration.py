"""``client.orchestration``: plays, tools, workflows."""

from __future__ import annotations

from tui.api.models.base import CargoModel
from tui.api.models.orchestration import Play, Tool, Workflow
from tui.api.resources.base import Resource
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


class PlayResource(Resource):
    async def list(
        self,
        *,
        is_enabled: bool | None = None,
        model_uuid: str | None = None,
        segment_uuid: str | None = None,
        schedule_type: str | None = None,
    ) -> list[Play]:
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
    async def list(self) -> list[Tool]:
        return (await self._transport.get("/orchestration/tools/list", _Tools)).tools

    async def get(self, uuid: str) -> Tool:
        return (await self._transport.get(f"/orchestration/tools/{uuid}", _Tool)).tool


class WorkflowResource(Resource):
    async def list(self) -> list[Workflow]:
        return (await self._transport.get("/orchestration/workflows/list", _Workflows)).workflows


class Orchestration:
    def __init__(self, transport: Transport) -> None:
        self.play = PlayResource(transport)
        self.tool = ToolResource(transport)
        self.workflow = WorkflowResource(transport)
