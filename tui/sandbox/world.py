"""The sandbox's whole state: its workspaces, their tokens and its clock."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from tui.sandbox.catalog import Catalog, demo_catalogs


@dataclass
class World:
    """Workspaces by token. The first is the demo workspace."""

    catalogs: dict[str, Catalog]
    now: datetime
    seed: int

    def workspace_for(self, token: str) -> Catalog | None:
        for known, catalog in self.catalogs.items():
            if secrets.compare_digest(known, token):
                return catalog
        return None

    @property
    def tokens(self) -> list[str]:
        return list(self.catalogs)


def build_world(*, seed: int, tokens: list[str], now: datetime | None = None) -> World:
    """The demo workspaces, the first answering to ``tokens[0]``, the second to ``tokens[1]``."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    catalogs = demo_catalogs(seed, moment)
    return World(catalogs=dict(zip(tokens, catalogs, strict=True)), now=moment, seed=seed)
