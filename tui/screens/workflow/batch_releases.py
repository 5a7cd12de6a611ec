"""The releases the Batches tab's batches ran on: the release column's labels, and the
dividers where the deployed release changed (``── v6 deployed 2026-11-23 ──``)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence

from tui.api import CargoClient
from tui.api.errors import CargoError
from tui.api.models.orchestration import Release
from tui.api.models.runs import Batch
from tui.screens.workflow.context import WorkflowReleases, releases_of
from tui.state.release_timeline import release_changes
from widgets.humanize import short_uuid

#: How the release column reads a batch that ran nodes of its own rather than a release.
CUSTOM = "custom"


class BatchReleases:
    """What the Batches tab knows of its batches' releases: the workflow's releases (once
    read), and the release of each row it has shown (by row; a row is a batch's place)."""

    def __init__(self) -> None:
        self.releases: dict[str, Release] | None = None
        self.by_row: dict[int, str | None] = {}

    def learn(self, listed: WorkflowReleases) -> bool:
        """The workflow's releases read; True if the labels shown change."""
        known = {release.uuid: release for release in listed.releases}
        changed = known != self.releases
        self.releases = known
        return changed

    def missing(self, batches: Sequence[Batch]) -> bool:
        """True if a batch names a release not read yet (deployed since, or none read)."""
        known = self.releases
        return known is None or any(
            b.release_uuid is not None and b.release_uuid not in known for b in batches
        )

    def place(self, offset: int, batches: Sequence[Batch]) -> None:
        for index, batch in enumerate(batches, offset):
            self.by_row[index] = batch.release_uuid

    def forget_rows(self) -> None:
        """The list is loaded anew: its rows are other batches now."""
        self.by_row.clear()

    @property
    def labels(self) -> dict[str, str]:
        """``{release uuid: "v6"}``, for the release column and find."""
        return {uuid: release.label for uuid, release in (self.releases or {}).items()}

    def dividers(self) -> dict[int, str]:
        """``{row: "v6 deployed 2026-11-23"}``: above the first batch of an older release, what
        the batches above it ran on."""
        return {row: self.deployed(uuid) for row, uuid in release_changes(self.by_row).items()}

    def deployed(self, uuid: str | None) -> str:
        if uuid is None:
            return "custom nodes, no release"
        release = (self.releases or {}).get(uuid)
        if release is None:
            return f"release {short_uuid(uuid)}"
        if release.deployed_at is None:
            return f"{release.label} (never deployed)"
        return f"{release.label} deployed {release.deployed_at:%Y-%m-%d}"


def release_cell(batch: Batch, labels: dict[str, str]) -> str:
    """The release column: ``v6``; a release not read, its uuid's start."""
    if batch.release_uuid is None:
        return CUSTOM
    return labels.get(batch.release_uuid) or short_uuid(batch.release_uuid)


async def read_releases(
    client: CargoClient, workflow_uuid: str, known: BatchReleases, batches: Sequence[Batch]
) -> WorkflowReleases | None:
    """The workflow's releases if ``batches`` name one not known; None when none is missing,
    or when they cannot be read (the column then shows uuids: the batches still show)."""
    if not known.missing(batches):
        return None
    return await _quietly(releases_of(client, workflow_uuid))


async def batches_and_releases(
    client: CargoClient,
    workflow_uuid: str,
    known: BatchReleases,
    listing: Awaitable[list[Batch]],
) -> tuple[list[Batch], WorkflowReleases | None]:
    """A page of batches, and the workflow's releases if they are needed for it: the first
    time alongside (one wait), later only when a batch names a release deployed since."""
    if known.releases is None:
        return await asyncio.gather(listing, _quietly(releases_of(client, workflow_uuid)))
    found = await listing
    return found, await read_releases(client, workflow_uuid, known, found)


async def _quietly(reading: Awaitable[WorkflowReleases]) -> WorkflowReleases | None:
    try:
        return await reading
    except CargoError:
        return None
