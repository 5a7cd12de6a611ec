"""Agents, connectors, models (with their columns) and segments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tui.api.models.base import CargoModel, OpenEnum


class AgentRelease(CargoModel):
    uuid: str | None = None
    version: int | None = None
    language_model_slug: str | None = None
    max_steps: int | None = None


class Agent(CargoModel):
    uuid: str
    name: str
    description: str | None = None
    deployed_release: AgentRelease | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Connector(CargoModel):
    uuid: str
    name: str
    slug: str | None = None
    integration_slug: str
    is_default: bool | None = None
    use_credits: bool | None = None
    rate_limit: Any = None
    plays_count: int = 0
    tools_count: int = 0
    models_count: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None


class ColumnType(OpenEnum):
    STRING = "string"
    NUMBER = "number"
    OBJECT = "object"
    ARRAY = "array"
    DATE = "date"
    BOOLEAN = "boolean"
    VECTOR = "vector"
    ANY = "any"


class Column(CargoModel):
    slug: str
    type: ColumnType
    label: str | None = None


class Model(CargoModel):
    uuid: str
    name: str
    slug: str | None = None
    description: str | None = None
    dataset_uuid: str | None = None
    id_column_slug: str | None = None
    title_column_slug: str | None = None
    time_column_slug: str | None = None
    columns: list[Column] = []
    additional_columns: list[Column] = []
    plays_count: int = 0
    segments_count: int = 0
    is_paused: bool | None = None
    last_run: Any = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def all_columns(self) -> list[Column]:
        return [*self.columns, *self.additional_columns]


class ModelDdl(CargoModel):
    ddl: str
    language: str | None = None


class SegmentChange(CargoModel):
    uuid: str | None = None
    slug: str | None = None
    total_records_count: int = 0
    added_records_count: int = 0
    updated_records_count: int = 0
    removed_records_count: int = 0
    unchanged_records_count: int = 0
    created_at: datetime | None = None


class Segment(CargoModel):
    uuid: str
    name: str
    slug: str | None = None
    model_uuid: str
    filter: dict[str, Any] | None = None
    sort: list[dict[str, Any]] | None = None
    limit: int | None = None
    records_count: int | None = None
    from_play: Any = None
    synced_at: datetime | None = None
    last_change: SegmentChange | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class SegmentRecords(CargoModel):
    """A page of a segment's records, with the API's column descriptions."""

    records: list[dict[str, Any]] = []
    count: int = 0
    columns: list[dict[str, Any]] = []
    is_refreshing: bool = False
