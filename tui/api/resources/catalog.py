"""``client.ai``, ``client.connection``, ``client.storage``, ``client.segmentation``."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from typing import Any

from tui.api.models import answers
from tui.api.models.base import CargoModel
from tui.api.models.catalog import Agent, Connector, Model, ModelDdl, Segment, SegmentRecords
from tui.api.models.requests import DownloadSegmentBody, FetchSegmentBody, ListConnectorsParams
from tui.api.resources.base import Resource, request
from tui.api.transport import Transport
from tui.api.wire import wire_value

Filter = Mapping[str, Any] | CargoModel


class AgentResource(Resource):
    async def list(self) -> builtins.list[Agent]:
        return (await self._transport.get("/ai/agents/list", answers.ListAgents)).agents


class ConnectorResource(Resource):
    async def list(self, *, integration_slug: str | None = None) -> builtins.list[Connector]:
        path = "/connection/connectors/list"
        params = request(ListConnectorsParams, f"GET {path}", integration_slug=integration_slug)
        return (await self._transport.get(path, answers.ListConnectors, params)).connectors


class ModelResource(Resource):
    async def list(self) -> builtins.list[Model]:
        return (await self._transport.get("/storage/models/list", answers.ListModels)).models

    async def get(self, uuid: str) -> Model:
        return (await self._transport.get(f"/storage/models/{uuid}", answers.GetModel)).model

    async def get_ddl(self, uuid: str) -> ModelDdl:
        return await self._transport.get(f"/storage/models/{uuid}/ddl", ModelDdl)


class SegmentResource(Resource):
    async def list(self) -> builtins.list[Segment]:
        path = "/segmentation/segments/list"
        return (await self._transport.get(path, answers.ListSegments)).segments

    async def get(self, uuid: str) -> Segment:
        path = f"/segmentation/segments/{uuid}"
        return (await self._transport.get(path, answers.GetSegment)).segment

    async def fetch(
        self,
        *,
        model_uuid: str,
        filter: Filter,
        sort: Sequence[Mapping[str, Any]] | None = None,
        limit: int | None = None,
        fetching_limit: int | None = None,
        fetching_offset: int | None = None,
    ) -> SegmentRecords:
        """A page of the records matching ``filter`` (in ``model_uuid``, not a segment uuid)."""
        path = "/segmentation/segments/fetch"
        body = request(
            FetchSegmentBody,
            f"POST {path}",
            model_uuid=model_uuid,
            filter=wire_value(filter),
            sort=wire_value(sort) if sort is not None else None,
            limit=limit,
            fetching_limit=fetching_limit,
            fetching_offset=fetching_offset,
        )
        return await self._transport.post(path, SegmentRecords, body)

    async def download(
        self,
        *,
        model_uuid: str,
        filter: Filter,
        sort: Sequence[Mapping[str, Any]] | None = None,
        limit: int | None = None,
    ) -> builtins.list[str]:
        """Signed URLs of the matching records' files (there may be several)."""
        path = "/segmentation/segments/download"
        body = request(
            DownloadSegmentBody,
            f"POST {path}",
            model_uuid=model_uuid,
            filter=wire_value(filter),
            sort=wire_value(sort) if sort is not None else None,
            limit=limit,
        )
        return (await self._transport.post(path, answers.DownloadSegment, body)).urls


class Ai:
    def __init__(self, transport: Transport) -> None:
        self.agent = AgentResource(transport)


class Connection:
    def __init__(self, transport: Transport) -> None:
        self.connector = ConnectorResource(transport)


class Storage:
    def __init__(self, transport: Transport) -> None:
        self.model = ModelResource(transport)


class Segmentation:
    def __init__(self, transport: Transport) -> None:
        self.segment = SegmentResource(transport)
