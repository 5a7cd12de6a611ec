"""Who is signed in, and to which workspace."""

from __future__ import annotations

from datetime import datetime

from tui.api.models.base import CargoModel


class User(CargoModel):
    uuid: str
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None


class Workspace(CargoModel):
    uuid: str
    name: str
    max_concurrent_runs: int | None = None
    created_at: datetime | None = None


class WhoAmI(CargoModel):
    """The current user and workspace, fetched together."""

    user: User
    workspace: Workspace
