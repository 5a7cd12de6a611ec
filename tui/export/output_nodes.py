"""Which node's output a download may ask for: the nodes of the workflow's releases.

Cargo answers an output download for a node that does not exist with a file of empty
outputs; the slug is checked here first, before anything is asked for, and a wrong one is
refused naming the slugs that exist and the workflow's output node.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.export.errors import ExportError

if TYPE_CHECKING:
    from tui.api.client import CargoClient
    from tui.api.models import Node
    from tui.api.models.orchestration import Release


@dataclass(frozen=True)
class OutputNodes:
    """The slugs a download may name (newest release's first, in graph order), and the one
    whose output is the workflow's."""

    slugs: tuple[str, ...]
    output: str | None

    @classmethod
    def of(cls, releases: list[Release]) -> OutputNodes:
        from tui.api.models import newest_first, node_order

        ordered = newest_first(releases)
        slugs: dict[str, None] = {}
        for release in ordered:
            slugs.update(dict.fromkeys(node.slug for node in node_order(release.nodes)))
        found = cls.of_nodes(ordered[0].nodes) if ordered else cls((), None)
        return cls(tuple(slugs), found.output)

    @classmethod
    def of_nodes(cls, nodes: list[Node]) -> OutputNodes:
        from tui.api.models import node_order, output_node

        output = output_node(nodes)
        return cls(tuple(n.slug for n in node_order(nodes)), output.slug if output else None)

    def check(self, slug: str | None, where: str) -> None:
        """Refuse a slug no release of ``where`` has (None: Cargo's default, always fine)."""
        if slug is None or slug in self.slugs or not self.slugs:
            return
        output = f"; its output node is {self.output}" if self.output else ""
        raise ExportError(
            f"There is no node {slug!r} in {where}: its nodes are {', '.join(self.slugs)}"
            f"{output}. Nothing was asked of Cargo and nothing was written."
        )


async def of_workflow(
    client: CargoClient, workflow_uuid: str, release_uuid: str | None = None
) -> OutputNodes:
    """The nodes of one release of the workflow, or of all of them."""
    if release_uuid:
        return OutputNodes.of([await client.orchestration.release.get(release_uuid)])
    return OutputNodes.of(await client.orchestration.release.list(workflow_uuid=workflow_uuid))


async def of_batch(client: CargoClient, batch_uuid: str) -> OutputNodes:
    """The nodes the batch ran: its own, or its release's."""
    batch = await client.orchestration.batch.get(batch_uuid)
    if batch.nodes:
        return OutputNodes.of_nodes(batch.nodes)
    return await of_workflow(client, batch.workflow_uuid, batch.release_uuid)
