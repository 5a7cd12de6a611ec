"""``client.ai``, ``client.connection``, ``client.storage``, ``client.segmentation``."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from typing import Any

from tui.api.models.base import CargoModel
from tui.api.models.catalog import Agent, Connector, Model, ModelDdl, Segment, SegmentRecords
from tui.api.resources.base import Resource
from tui.api.transport import Transport
from tui.api.wire import wire

Filter = Mapping[str, Any] | CargoModel


class _Agents(CargoModel):
    agents: list[Agent]


class _Connectors(CargoModel):
    connectors: list[Connector]


class _Models(CargoModel):
    models: list[Model]


class _Model(CargoModel):
    model: Model


class _Segments(CargoModel):
    segments: list[Segment]


class _Segment(CargoModel):
    segment: Segment


class _Urls(CargoModel):
    urls: list[str]


class AgentResource(Resource):
    async def list(self) -> builtins.list[Agent]:
        return (await self._transport.get("/ai/agents/list", _Agents)).agents


class ConnectorResource(Resource):
    async def list(self, *, integration_slug: str | None = None) -> builtins.list[Connector]:
        params = {"integrationSlug": integration_slug}
        return (
            await self._transport.get("/connection/connectors/list", _Connectors, params)
        ).connectors


class ModelResource(Resource):
    async def list(self) -> builtins.list[Model]:
        return (await self._transport.get("/storage/models/list", _Models)).models

    async def get(self, uuid: str) -> Model:
        return (await self._transport.get(f"/storage/models/{uuid}", _Model)).model

    async def get_ddl(self, uuid: str) -> ModelDdl:
        return await self._transport.get(f"/storage/models/{uuid}/ddl", ModelDdl)


class SegmentResource(Resource):
    async def list(self) -> builtins.list[Segment]:
        return (await self._transport.get("/segmentation/segments/list", _Segments)).segments

    async def get(self, uuid: str) -> Segment:
        return (await self._transport.get(f"/segmentation/segments/{uuid}", _Segment)).segment

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
        body = wire(
            {
                "model_uuid": model_uuid,
                "filter": filter,
                "sort": sort,
                "limit": limit,
                "fetching_limit": fetching_limit,
                "fetching_offset": fetching_offset,
            }
        )
        return await self._transport.post("/segmentation/segments/fetch", SegmentRecords, body)

    async def download(
        self,
        *,
        model_uuid: str,
        filter: Filter,
        sort: Sequence[Mapping[str, Any]] | None = None,
        limit: int | None = None,
    ) -> builtins.list[str]:
        """Signed URLs of the matching records' files (there may be several)."""
        body = wire({"model_uuid": model_uuid, "filter": filter, "sort": sort, "limit": limit})
        return (await self._transport.post("/segmentation/segments/download", _Urls, body)).urls


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
