"""Who is signed in, and to which workspace."""

from __future__ import annotations

from typing import Any

from tui.api.models.base import CargoModel
from tui.api.models.fields import Count, Timestamp


class User(CargoModel):
    uuid: str
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    picture: str | None = None
    last_sign_in_at: Timestamp | None = None
    web_extension_data: dict[str, Any] | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class Workspace(CargoModel):
    uuid: str
    name: str
    max_concurrent_runs: Count | None = None
    allowed_email_domains: list[str] = []
    allowed_login_providers: list[str] | None = None
    sso_identifier: str | None = None
    default_role_uuid: str | None = None
    syncs: list[dict[str, Any]] = []
    temporal_namespace: str | None = None
    temporal_task_queue_prefix: str | None = None
    open_ai_vector_store_id: str | None = None
    chrome_extension_master_agent_uuid: str | None = None
    chrome_extension_available_agent_uuids: list[str] | None = None
    metadata: dict[str, Any] | None = None
    quota_buckets: dict[str, Any] = {}
    logo_url: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class WhoAmI(CargoModel):
    """The current user and workspace, fetched together."""

    user: User
    workspace: Workspace
