"""Deterministic identifiers and clocks for the seeded workspaces."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime


class Seeded:
    """A random source whose every draw follows from the seed."""

    def __init__(self, seed: int, stream: str) -> None:
        self.rng = random.Random(f"{seed}:{stream}")

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def iso(moment: datetime) -> str:
    """An ISO-8601 timestamp as the API writes it (UTC, milliseconds, ``Z``)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
