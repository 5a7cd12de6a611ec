"""Which run to compare a run with, and the two runs fetched and compared.

With no run named, the baseline is the nearest successful run of the same workflow, by the
first rule that finds one: the same record's last success; else the success on the same
release nearest in time; else the success nearest in time. A run named by the user is a
uuid, a Cargo web URL, or the first characters of a uuid of the same workflow.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.api.errors import CargoError
from tui.state.run_diff import Picked, RunDiff, compare

if TYPE_CHECKING:
    from tui.api.client import CargoClient
    from tui.api.models.runs import Run

UUID = re.compile(r"[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}")
PREFIX = re.compile(r"[0-9a-f][0-9a-f-]*")
#: The fewest characters of a uuid that name a run (fewer name too many to be of use).
SHORTEST_PREFIX = 4
SUCCESS = ["success"]


class RunNotFound(CargoError):
    """No run to compare with: none named so, or no successful run to pick."""

    hint = "Name the run to compare with by its uuid (or its first characters)."


@dataclass(frozen=True)
class Baseline:
    uuid: str
    picked: Picked


async def pick_baseline(client: CargoClient, run: Run) -> Baseline:
    """The run's nearest successful run (by the module's rules), never the run itself."""
    filters: dict[str, Any] = {"workflow_uuid": run.workflow_uuid, "statuses": SUCCESS}
    if run.record_id:
        page = await client.orchestration.run.list(limit=2, record_id=run.record_id, **filters)
        found = [other for other in page.runs if other.uuid != run.uuid]
        if found:
            return Baseline(found[0].uuid, Picked.RECORD)
    if run.release_uuid:
        near = await _nearest(client, run, release_uuid=run.release_uuid, **filters)
        if near is not None:
            return Baseline(near.uuid, Picked.RELEASE)
    near = await _nearest(client, run, **filters)
    if near is not None:
        return Baseline(near.uuid, Picked.NEAREST)
    raise RunNotFound("No successful run of this workflow to compare with")


async def _nearest(client: CargoClient, run: Run, **filters: Any) -> Run | None:
    """The run ``filters`` select nearest in time to ``run`` (before or after it)."""
    at = run.created_at
    if at is None:
        page = await client.orchestration.run.list(limit=2, **filters)
        return next((other for other in page.runs if other.uuid != run.uuid), None)
    lister = client.orchestration.run
    before, after_count = await asyncio.gather(
        lister.list(limit=2, created_before=at, **filters),
        lister.count(created_after=at, **filters),
    )
    candidates = [other for other in before.runs if other.uuid != run.uuid][:1]
    if after_count:
        # Newest first: the oldest run after ``run`` is the last of the list.
        last = await lister.list(
            limit=2, offset=max(0, after_count - 2), created_after=at, **filters
        )
        candidates += [other for other in last.runs if other.uuid != run.uuid][-1:]
    timed = [other for other in candidates if other.created_at is not None]
    return min(timed, key=lambda other: abs(other.created_at - at), default=None)  # type: ignore[operator]


def _uuid_in(text: str) -> str | None:
    found = UUID.findall(text.lower())
    return found[-1] if found else None


async def resolve_run(client: CargoClient, text: str, workflow_uuid: str | None = None) -> str:
    """The uuid of the run ``text`` names: a uuid, a web URL naming one, or the first
    characters of one (a run of ``workflow_uuid``, when given)."""
    typed = text.strip().lower()
    named = _uuid_in(typed)
    if named is not None:
        return named
    if not typed:
        raise RunNotFound("Type the uuid of a run, or its first characters")
    if not PREFIX.fullmatch(typed):
        raise RunNotFound(f"{text.strip()!r} is not a run uuid nor the start of one")
    if len(typed.replace("-", "")) < SHORTEST_PREFIX:
        raise RunNotFound(
            f"{typed!r} is too short: type at least {SHORTEST_PREFIX} characters of the uuid"
        )
    scope = f"workflow_uuid = toUUID('{workflow_uuid}') AND " if workflow_uuid else ""
    # Only hex digits and dashes (PREFIX) and a uuid Cargo gave reach the text.
    sql = (
        f"SELECT toString(uuid) AS uuid FROM runs WHERE {scope}"  # noqa: S608
        f"startsWith(toString(uuid), '{typed}') ORDER BY created_at DESC LIMIT 3"
    )
    result = await client.orchestration.query.execute(sql)
    uuids = [str(row[0]) for row in result.rows]
    where = " of this workflow" if workflow_uuid else ""
    if not uuids:
        raise RunNotFound(f"No run{where} has a uuid starting with {typed!r}")
    if len(uuids) > 1:
        shown = ", ".join(uuid[:13] + "…" for uuid in uuids[:2])
        raise RunNotFound(f"{typed!r} starts several runs{where} ({shown}): type more of it")
    return uuids[0]


async def diff_runs(client: CargoClient, run_uuid: str, baseline: str | None = None) -> RunDiff:
    """The run compared with the run ``baseline`` names (:func:`resolve_run`, in the run's
    workflow), or with its nearest success when None."""
    detail = await client.orchestration.run.get(run_uuid)
    if baseline is None:
        picked = await pick_baseline(client, detail.run)
    else:
        named = await resolve_run(client, baseline, detail.run.workflow_uuid)
        picked = Baseline(named, Picked.NAMED)
    if picked.uuid == detail.run.uuid:
        raise RunNotFound("That is the run itself: name another run to compare with")
    other = await client.orchestration.run.get(picked.uuid)
    return compare(detail, other, picked.picked)
