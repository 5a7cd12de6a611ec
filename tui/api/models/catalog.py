"""Agents, connectors, models (with their columns) and segments."""

from __future__ import annotations

from typing import Any

from tui.api.models.base import CargoModel, OpenEnum
from tui.api.models.fields import Count, Timestamp, Version, version_label


class AgentRelease(CargoModel):
    uuid: str | None = None
    user_uuid: str | None = None
    description: str | None = None
    template_slug: str | None = None
    version: Version = None
    system_prompt: str | None = None
    with_reasoning: bool | None = None
    temperature: float | None = None
    max_steps: Count | None = None
    integration_slug: str | None = None
    connector_uuid: str | None = None
    language_model_slug: str | None = None
    actions: list[dict[str, Any]] = []
    capabilities: list[dict[str, Any]] = []
    suggested_actions: list[dict[str, Any]] = []
    mcp_clients: list[dict[str, Any]] = []
    resources: list[dict[str, Any]] = []
    output: dict[str, Any] | None = None
    heartbeat: dict[str, Any] | None = None
    evaluator: dict[str, Any] | None = None
    deployed_at: Timestamp | None = None
    created_at: Timestamp | None = None

    @property
    def label(self) -> str:
        return version_label(self.version)


class Agent(CargoModel):
    uuid: str
    workspace_uuid: str | None = None
    user_uuid: str | None = None
    name: str
    description: str | None = None
    icon: dict[str, Any] | None = None
    triggers: list[dict[str, Any]] = []
    deployed_release: AgentRelease | None = None
    folder_uuid: str | None = None
    template: dict[str, Any] | None = None
    is_read_only: bool | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    deleted_at: Timestamp | None = None


class RateLimit(CargoModel):
    """At most ``max`` calls per ``unit`` (second, minute, hour, day), spread or in bursts."""

    unit: str | None = None
    max: float | None = None
    strategy: str | None = None

    def __str__(self) -> str:
        most = "?" if self.max is None else f"{self.max:g}"
        per = f"{most} per {self.unit or '?'}"
        return f"{per} ({self.strategy})" if self.strategy else per


class Connector(CargoModel):
    uuid: str
    workspace_uuid: str | None = None
    user_uuid: str | None = None
    name: str
    slug: str | None = None
    integration_slug: str
    is_default: bool | None = None
    use_credits: bool | None = None
    #: A connector that does not use Cargo's credits holds its own settings here.
    config: dict[str, Any] | None = None
    rate_limit: RateLimit | None = None
    cache_ttl_milliseconds: float | None = None
    plays_count: Count = 0
    tools_count: Count = 0
    models_count: Count = 0
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    deleted_at: Timestamp | None = None


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
    description: str | None = None
    #: an object column's properties
    properties: list[str] | None = None
    #: a model's columns: original, custom, computed, metric or lookup, with what makes them
    kind: str | None = None
    original_slug: str | None = None
    expression: dict[str, Any] | None = None
    columns_used: list[str] | None = None
    relationship_uuid: str | None = None
    aggregation: dict[str, Any] | None = None
    join: dict[str, Any] | None = None
    extract_column_slug: str | None = None
    filter: dict[str, Any] | None = None


class ModelRun(CargoModel):
    """A model's last sync."""

    uuid: str | None = None
    status: str | None = None
    error_message: str | None = None
    created_at: Timestamp | None = None
    finished_at: Timestamp | None = None


class Model(CargoModel):
    uuid: str
    workspace_uuid: str | None = None
    name: str
    slug: str | None = None
    description: str | None = None
    #: ``connector`` (synced from an integration, see ``connector_uuid``) or ``native``
    kind: str | None = None
    connector_uuid: str | None = None
    dataset_uuid: str | None = None
    extractor_slug: str | None = None
    config: dict[str, Any] = {}
    meta: dict[str, Any] | None = None
    position: dict[str, float] | None = None
    #: how records of several sources are told apart (``integration`` or ``custom``)
    unification: dict[str, Any] | None = None
    id_column_slug: str | None = None
    title_column_slug: str | None = None
    time_column_slug: str | None = None
    columns: list[Column] = []
    additional_columns: list[Column] = []
    schedule: dict[str, Any] | None = None
    folder_uuid: str | None = None
    plays_count: Count = 0
    segments_count: Count = 0
    is_paused: bool | None = None
    last_emitted_at: Timestamp | None = None
    last_run: ModelRun | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    deleted_at: Timestamp | None = None

    @property
    def all_columns(self) -> list[Column]:
        return [*self.columns, *self.additional_columns]


class ModelDdl(CargoModel):
    ddl: str
    language: str | None = None


class SegmentChange(CargoModel):
    uuid: str | None = None
    slug: str | None = None
    total_records_count: Count = 0
    added_records_count: Count = 0
    updated_records_count: Count = 0
    removed_records_count: Count = 0
    unchanged_records_count: Count = 0
    created_at: Timestamp | None = None


class Segment(CargoModel):
    uuid: str
    workspace_uuid: str | None = None
    user_uuid: str | None = None
    name: str
    slug: str | None = None
    model_uuid: str
    filter: dict[str, Any] | None = None
    sort: list[dict[str, Any]] | None = None
    limit: Count | None = None
    records_count: Count | None = None
    from_play: bool | None = None
    tracking_column_slugs: list[str] | None = None
    column_slugs: list[str] | None = None
    synced_at: Timestamp | None = None
    last_change: SegmentChange | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    deleted_at: Timestamp | None = None


class SegmentRecords(CargoModel):
    """A page of a segment's records, with the API's column descriptions."""

    records: list[dict[str, Any]] = []
    count: Count = 0
    columns: list[dict[str, Any]] = []
    is_refreshing: bool = False
