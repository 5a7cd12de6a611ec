"""Which releases of a workflow to compare: the order of two releases, whether batches can
have run on one, the pair to offer first, and the release a version or a word names. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from tui.api.models import newest_first
from tui.api.models.orchestration import Release, ReleaseStatus


def moment(release: Release) -> float:
    """When a release went out (else was made): what orders a pair, newer first."""
    when = release.deployed_at or release.created_at
    return when.timestamp() if when else float("-inf")


def ran(release: Release) -> bool:
    """Whether batches can have run on it: anything but a draft."""
    return release.status != ReleaseStatus.DRAFT


def default_pair(
    releases: Sequence[Release], anchor: str | None = None
) -> tuple[Release, Release] | None:
    """The pair to compare first: ``anchor`` (the release a batch ran on; else the newest
    that is not a draft) against the one deployed before it; the first release, having none
    before it, against the one after. None: fewer than two releases."""
    ordered = newest_first(releases)
    if len(ordered) < 2:
        return None
    deployed = [r for r in ordered if ran(r)]
    uuids = [r.uuid for r in ordered]
    if anchor in uuids:
        index = uuids.index(anchor)
    else:
        index = uuids.index(deployed[0].uuid) if deployed else 0
    if index + 1 < len(ordered):
        return ordered[index], ordered[index + 1]
    return ordered[index - 1], ordered[index]


def find_release(releases: Sequence[Release], text: str) -> Release | None:
    """The release ``text`` names: its uuid, its version as written or shown (``6``, ``v6``,
    ``1.2.0``), ``draft``, or ``deployed`` / ``latest``."""
    wanted = text.strip().lower()
    for release in newest_first(releases):
        names = {release.uuid.lower(), release.label.lower(), (release.version or "").lower()}
        if wanted in names - {""}:
            return release
    if wanted in ("deployed", "latest"):
        return next((r for r in newest_first(releases) if r.status == ReleaseStatus.DEPLOYED),
                    None)  # fmt: skip
    return None
