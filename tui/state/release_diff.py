"""Two releases of a workflow compared node by node: what was added, removed, renamed, and for
each node that changed, its keys old -> new (config as a tree, retry, what it calls, edges).

Pure: the screens and ``cargo-tui release diff`` both show what :func:`compare` makes of two
:class:`Release` models, and :func:`load` fetches them. Nodes are matched by uuid (Cargo keeps
a node's uuid across releases: the workflow's tree lists dropped ones by it), then, among the
unmatched, by slug, so a graph rebuilt with new uuids still reads as changes, not as churn.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from tui.api.models import Node, node_order
from tui.api.models.orchestration import Release
from tui.state.release_pairs import moment

if TYPE_CHECKING:
    from tui.api import CargoClient

#: A node's identity: a change of slug or name is a rename.
IDENTITY = ("slug", "name", "description", "kind")
#: What a node calls: its action, connector, agent or tool (``OrchestrationTypes.Node``).
CALLS = ("actionSlug", "integrationSlug", "connectorUuid", "agentUuid", "toolUuid",
         "templateSlug", "releaseUuid", "waitUntilFinished")  # fmt: skip
#: The parts of a node a change belongs to, in the order they are shown.
SECTIONS = ("node", "config", "retry", "calls", "edges")
#: A branch's case with no node, as an edge reads.
EMPTY_CASE = "∅"

NodeChange = Literal["added", "removed", "renamed", "changed", "unchanged"]
PathPart = str | int


class Absent:
    """The side of a change where the key is not (an added or a removed key)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = Absent()


@dataclass(frozen=True)
class Change:
    """One key of a node, old -> new: ``section`` says which part of the node, ``path`` the
    keys under it (``("scoring", "minimumScore")``; an int is a list's index)."""

    section: str
    path: tuple[PathPart, ...]
    old: Any = ABSENT
    new: Any = ABSENT

    @property
    def kind(self) -> Literal["added", "removed", "changed"]:
        if self.old is ABSENT:
            return "added"
        return "removed" if self.new is ABSENT else "changed"

    @property
    def key(self) -> str:
        """``config.scoring.minimumScore``, ``edges.children``, ``config.fields[0]``."""
        text = self.section
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else f".{part}"
        return text

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"key": self.key, "change": self.kind}
        if self.old is not ABSENT:
            found["old"] = self.old
        if self.new is not ABSENT:
            found["new"] = self.new
        return found


@dataclass(frozen=True)
class NodeDiff:
    """One node across the two releases (``old`` or ``new`` is None where it is not)."""

    old: Node | None
    new: Node | None
    changes: tuple[Change, ...] = ()

    @property
    def node(self) -> Node:
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def slug(self) -> str:
        return self.node.slug

    @property
    def change(self) -> NodeChange:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        if (self.old.slug, self.old.name) != (self.new.slug, self.new.name):
            return "renamed"
        return "changed" if self.changes else "unchanged"

    @property
    def label(self) -> str:
        """``old_slug → new_slug`` for a node whose slug changed, else its slug."""
        if self.old is not None and self.new is not None and self.old.slug != self.new.slug:
            return f"{self.old.slug} → {self.new.slug}"
        return self.slug

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"uuid": self.node.uuid, "slug": self.slug}
        if self.old is not None and self.new is not None and self.old.slug != self.new.slug:
            found["oldSlug"] = self.old.slug
        found |= {"kind": str(self.node.kind), "change": self.change}
        found["changes"] = [change.as_json() for change in self.changes]
        return found


@dataclass(frozen=True)
class Side:
    """One of the two releases, as the comparison names it."""

    uuid: str
    label: str  # v6, draft
    version: str | None
    status: str | None
    deployed_at: datetime | None
    description: str | None

    @classmethod
    def of(cls, release: Release) -> Side:
        status = str(release.status) if release.status is not None else None
        return cls(release.uuid, release.label, release.version, status,
                   release.deployed_at, release.description)  # fmt: skip

    def as_json(self) -> dict[str, Any]:
        deployed = self.deployed_at.isoformat() if self.deployed_at else None
        return {"uuid": self.uuid, "version": self.version, "label": self.label,
                "status": self.status, "deployedAt": deployed,
                "description": self.description}  # fmt: skip


@dataclass(frozen=True)
class ReleaseDiff:
    """``new`` against ``old`` (the newer release is always ``new``), every node of both."""

    workflow_uuid: str
    new: Side
    old: Side
    nodes: tuple[NodeDiff, ...] = field(default=())

    @property
    def title(self) -> str:
        """``v6 vs v5``."""
        return f"{self.new.label} vs {self.old.label}"

    @property
    def changed(self) -> list[NodeDiff]:
        return [node for node in self.nodes if node.change != "unchanged"]

    def counts(self) -> dict[str, int]:
        kinds: tuple[NodeChange, ...] = ("added", "removed", "renamed", "changed", "unchanged")
        return {kind: sum(node.change == kind for node in self.nodes) for kind in kinds}

    def as_json(self) -> dict[str, Any]:
        """What ``cargo-tui release diff`` prints: the changed nodes, the others counted."""
        return {
            "workflowUuid": self.workflow_uuid,
            "title": self.title,
            "new": self.new.as_json(),
            "old": self.old.as_json(),
            "counts": self.counts(),
            "nodes": [node.as_json() for node in self.changed],
        }


def value_text(value: Any, limit: int | None = None) -> str:
    """A value as one line of JSON (``–`` where there is none), cut to ``limit`` characters."""
    if value is ABSENT:
        return "–"
    text = value if isinstance(value, str) and value == EMPTY_CASE else None
    text = text or json.dumps(value, ensure_ascii=False)
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def side_text(change: Change, side: Literal["old", "new"], limit: int | None = None) -> str:
    """One side of a change as it reads: a list of edges as its slugs (``end, slack_alert``),
    anything else as :func:`value_text`."""
    value = change.old if side == "old" else change.new
    if change.section == "edges" and isinstance(value, list):
        text = ", ".join(str(slug) for slug in value) or "(none)"
        return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"
    return value_text(value, limit)


# -- comparing ------------------------------------------------------------------------------


Leaf = tuple[tuple[PathPart, ...], Any, Any]


def diff_values(old: Any, new: Any, path: tuple[PathPart, ...] = ()) -> Iterator[Leaf]:
    """Each leaf where ``old`` and ``new`` differ, as (path, old, new): objects key by key,
    lists item by item (a list that grew or shrank has its extra items added or removed);
    ``ABSENT`` on the side a key or item is missing from."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            yield from diff_values(old.get(key, ABSENT), new.get(key, ABSENT), (*path, key))
        return
    if isinstance(old, list) and isinstance(new, list):
        for index in range(max(len(old), len(new))):
            before = old[index] if index < len(old) else ABSENT
            after = new[index] if index < len(new) else ABSENT
            yield from diff_values(before, after, (*path, index))
        return
    if old is ABSENT and isinstance(new, dict | list) and new:
        yield from diff_values(type(new)(), new, path)  # a whole new object: its leaves
        return
    if new is ABSENT and isinstance(old, dict | list) and old:
        yield from diff_values(old, type(old)(), path)
        return
    if not _same(old, new):
        yield path, old, new


def _same(old: Any, new: Any) -> bool:
    """Equal as JSON values: ``2`` and ``2.0`` are, ``1`` and ``true`` are not."""
    numbers = int | float
    if isinstance(old, numbers) and isinstance(new, numbers):
        return isinstance(old, bool) == isinstance(new, bool) and old == new
    return type(old) is type(new) and bool(old == new)


def _wire(node: Node | None) -> dict[str, Any]:
    return node.model_dump(mode="json", by_alias=True, exclude_none=True) if node else {}


def _pick(wire: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    return {key: wire[key] for key in keys if wire.get(key) is not None}


def _edges(node: Node | None, slugs: dict[str, str]) -> dict[str, Any]:
    """A node's edges in slugs (a uuid the release does not hold stays a uuid)."""
    if node is None:
        return {}
    found: dict[str, Any] = {
        "children": [EMPTY_CASE if c is None else slugs.get(c, c) for c in node.children_uuids]
    }
    if node.fallback_on_failure or node.fallback_child_uuid:
        found["fallbackOnFailure"] = node.fallback_on_failure
        child = node.fallback_child_uuid
        found["fallback"] = slugs.get(child, child) if child else None
    return found


def _same_edges(old: Node, new: Node, old_match: dict[str, str]) -> bool:
    """The same edges, read by which node they lead to (a renamed child is the same child)."""

    def leads(children: Sequence[str | None]) -> list[str | None]:
        return [old_match.get(c, c) if c else None for c in children]

    return (
        leads(old.children_uuids) == list(new.children_uuids)
        and old.fallback_on_failure == new.fallback_on_failure
        and leads([old.fallback_child_uuid]) == [new.fallback_child_uuid]
    )


def node_changes(
    old: Node | None,
    new: Node | None,
    old_slugs: dict[str, str],
    new_slugs: dict[str, str],
    old_match: dict[str, str] | None = None,
) -> tuple[Change, ...]:
    """What differs between two versions of a node (one side None: everything it has).

    ``old_slugs`` / ``new_slugs`` read each release's edges as slugs; ``old_match`` maps an
    old node's uuid to its new one's, where they differ (matched by slug)."""
    before, after = _wire(old), _wire(new)
    changes: list[Change] = []

    def add(section: str, a: Any, b: Any) -> None:
        for path, was, now in diff_values(a, b):
            changes.append(Change(section, path, was, now))

    add("node", _pick(before, IDENTITY), _pick(after, IDENTITY))
    add("config", before.get("config") or {}, after.get("config") or {})
    add("retry", before.get("retry") or {}, after.get("retry") or {})
    add("calls", _pick(before, CALLS), _pick(after, CALLS))
    edges_same = old is not None and new is not None and _same_edges(old, new, old_match or {})
    if not edges_same:  # (each edge a whole value: a list of children reads as a list)
        was, now = _edges(old, old_slugs), _edges(new, new_slugs)
        for key in [*was, *(k for k in now if k not in was)]:
            if not _same(was.get(key, ABSENT), now.get(key, ABSENT)):
                changes.append(Change("edges", (key,), was.get(key, ABSENT), now.get(key, ABSENT)))
    return tuple(changes)


def _pairs(old: list[Node], new: list[Node]) -> list[tuple[Node | None, Node | None]]:
    """The nodes of both graphs paired, in the new graph's order; a removed node comes
    after the node it followed in the old graph."""
    by_uuid = {node.uuid: node for node in old}
    matched: dict[str, Node] = {}  # new uuid -> old node
    for node in new:
        if node.uuid in by_uuid:
            matched[node.uuid] = by_uuid[node.uuid]
    taken = {n.uuid for n in matched.values()}
    by_slug = {n.slug: n for n in old if n.uuid not in taken}
    for node in new:
        if node.uuid not in matched and node.slug in by_slug:
            matched[node.uuid] = by_slug.pop(node.slug)
    pairs: list[tuple[Node | None, Node | None]] = [(matched.get(n.uuid), n) for n in new]
    kept = {n.uuid for n in matched.values()}
    for index, node in enumerate(old):
        if node.uuid in kept:
            continue
        before = {n.uuid for n in old[:index]}
        at = max((i + 1 for i, (o, _) in enumerate(pairs) if o and o.uuid in before), default=0)
        pairs.insert(at, (node, None))
    return pairs


def compare(old: Release, new: Release) -> ReleaseDiff:
    """``new`` against ``old``, node by node, in graph order (the newer is always ``new``:
    two releases given the other way round are swapped)."""
    if moment(old) > moment(new):
        old, new = new, old
    old_nodes, new_nodes = node_order(old.nodes), node_order(new.nodes)
    old_slugs = {n.uuid: n.slug for n in old_nodes}
    new_slugs = {n.uuid: n.slug for n in new_nodes}
    pairs = _pairs(old_nodes, new_nodes)
    old_match = {o.uuid: n.uuid for o, n in pairs if o is not None and n is not None}
    diffs = tuple(
        NodeDiff(o, n, node_changes(o, n, old_slugs, new_slugs, old_match)) for o, n in pairs
    )
    return ReleaseDiff(new.workflow_uuid, Side.of(new), Side.of(old), diffs)


class NotComparable(ValueError):
    """Two releases that cannot be compared: what is wrong, and what to do."""


async def load(client: CargoClient, first: str, second: str) -> ReleaseDiff:
    """The two releases with these uuids, fetched and compared (in either order)."""
    a, b = await asyncio.gather(
        client.orchestration.release.get(first), client.orchestration.release.get(second)
    )
    if a.workflow_uuid != b.workflow_uuid:
        raise NotComparable(
            f"release {a.label} ({a.uuid}) is of workflow {a.workflow_uuid} and release "
            f"{b.label} ({b.uuid}) of workflow {b.workflow_uuid}: compare two releases of one "
            "workflow"
        )
    return compare(b, a)
