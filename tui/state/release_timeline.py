"""Releases on a workflow's timeline: where the release its batches ran on changed, and how
each node's error rate moved from one release to another ("it broke when v6 went out").

Pure logic over the API's models, shared by the screens (no Textual here).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from tui.api.models import newest_first
from tui.api.models.orchestration import Release
from tui.api.models.runs import RunMetric


def release_changes(by_row: Mapping[int, str | None]) -> dict[int, str | None]:
    """Where the release changes down a list of batches, newest first: ``{row: release}``,
    ``row`` being the first row of an older release and ``release`` the one of the row above
    it (the newer one, the one deployed there). Rows not known (not loaded) change nothing."""
    return {
        row: by_row[row - 1]
        for row in sorted(by_row)
        if row - 1 in by_row and by_row[row] != by_row[row - 1]
    }


def deployed_pair(releases: Iterable[Release]) -> tuple[Release | None, Release | None]:
    """The pair compared by default: the latest release deployed, and the one before it."""
    deployed = [r for r in newest_first(releases) if r.deployed_at is not None]
    newer = deployed[0] if deployed else None
    older = deployed[1] if len(deployed) > 1 else None
    return newer, older


@dataclass(frozen=True)
class NodeChange:
    """One node's executions on the older and the newer release (None: it did not run there,
    the release had no such node or no run reached it)."""

    node_uuid: str
    older: RunMetric | None
    newer: RunMetric | None

    @property
    def change(self) -> float | None:
        """The newer error rate less the older (0.25: 25 points up); None without both."""
        if self.older is None or self.newer is None:
            return None
        return self.newer.error_rate - self.older.error_rate

    @property
    def rank(self) -> float:
        """What sorts the worst first: the change, or a new node's own error rate (a node
        that only the newer release ran is as suspect as its failures say); a node the newer
        release no longer runs last."""
        if self.newer is None:
            return -2.0
        if self.older is None:
            return self.newer.error_rate
        return self.newer.error_rate - self.older.error_rate


def compare_error_rates(
    older: Sequence[RunMetric], newer: Sequence[RunMetric], order: Sequence[str] = ()
) -> list[NodeChange]:
    """Each node's error rate on both releases, the worst increase first; ties (most nodes
    never fail) keep the graph's ``order`` (node uuids), then the metrics' own."""
    before = {m.node_uuid: m for m in older}
    after = {m.node_uuid: m for m in newer}
    nodes = list(dict.fromkeys([*order, *after, *before]))
    place = {uuid: index for index, uuid in enumerate(nodes)}
    changes = [
        NodeChange(uuid, before.get(uuid), after.get(uuid))
        for uuid in nodes
        if uuid in before or uuid in after
    ]
    return sorted(changes, key=lambda c: (-c.rank, place[c.node_uuid]))


def deployed_between(
    releases: Iterable[Release], after: datetime | None, before: datetime | None
) -> list[Release]:
    """The releases deployed after ``after`` (None: ever) and before ``before`` (None: now),
    oldest first: where a time range's metrics mix the runs of two releases."""
    return [
        release
        for release in reversed(newest_first(releases))
        if release.deployed_at is not None
        and (after is None or release.deployed_at > after)
        and (before is None or release.deployed_at < before)
    ]
