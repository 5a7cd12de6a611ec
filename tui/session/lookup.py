"""A uuid that Discovery does not list, asked of the workspace: a batch's, or a run's.

Discovery lists plays, tools, workflows, agents, connectors, models and segments; batches and
runs are too many to list, so a pasted batch or run uuid is looked up one request at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.api.errors import ForbiddenError, RequestError

if TYPE_CHECKING:
    from tui.api import CargoClient
    from tui.api.models.runs import Batch, Run


@dataclass(frozen=True)
class Found:
    """What the workspace holds under ``uuid``: a batch, a run, or neither (both None)."""

    uuid: str
    batch: Batch | None = None
    run: Run | None = None


async def batch_or_run(client: CargoClient, uuid: str) -> Found:
    """The batch with ``uuid``, else the run. A refusal other than "no such batch" or "no
    such run" (the token may not read them, the network, the server) is raised."""
    try:
        return Found(uuid, batch=await client.orchestration.batch.get(uuid))
    except ForbiddenError:
        raise
    except RequestError:
        pass  # not a batch's uuid (404), or not one the server takes as a batch's (400)
    try:
        return Found(uuid, run=(await client.orchestration.run.get(uuid)).run)
    except ForbiddenError:
        raise
    except RequestError:
        return Found(uuid)
