"""Everything Discovery knows of a workspace: each resource by kind, joined and searchable.

Workflows have no name in Cargo: each is shown by the play or tool it belongs to, and the few
without an owner by their uuid.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tui.api.errors import CargoError

if TYPE_CHECKING:
    from tui.api import CargoClient
    from tui.api.models import Workflow
    from tui.api.models.base import CargoModel
    from tui.api.models.catalog import Model

WEB = "https://app.getcargo.io"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
#: Cargo web URLs that name one resource: ``app.getcargo.io/workspaces/<ws>/<kind>s/<uuid>``.
WEB_URL = re.compile(
    r"app\.getcargo\.io/workspaces/(?P<ws>[^/\s]+)/(?P<kind>plays|tools|agents|models)/(?P<uuid>[0-9a-f-]{36})",
    re.I,
)


class Kind(StrEnum):
    PLAY = "play"
    TOOL = "tool"
    AGENT = "agent"
    CONNECTOR = "connector"
    MODEL = "model"
    SEGMENT = "segment"
    WORKFLOW = "workflow"

    @property
    def has_web_page(self) -> bool:
        return self in (Kind.PLAY, Kind.TOOL, Kind.AGENT, Kind.MODEL)


#: The order of the branches; workflows appear under their owners, orphans last.
KINDS = [Kind.PLAY, Kind.TOOL, Kind.AGENT, Kind.CONNECTOR, Kind.MODEL, Kind.SEGMENT]


def model_types() -> dict[Kind, type[CargoModel]]:
    """The model of each kind (pydantic loads here, after the first paint)."""
    from tui.api.models import Play, Tool, Workflow
    from tui.api.models.catalog import Agent, Connector, Model, Segment

    return {
        Kind.PLAY: Play,
        Kind.TOOL: Tool,
        Kind.AGENT: Agent,
        Kind.CONNECTOR: Connector,
        Kind.MODEL: Model,
        Kind.SEGMENT: Segment,
        Kind.WORKFLOW: Workflow,
    }


@dataclass(frozen=True)
class Entry:
    """One resource as Discovery shows it."""

    kind: Kind
    uuid: str
    name: str
    item: Any

    @property
    def title(self) -> str:
        """``Enrich new companies (play)``; a workflow's name says already that it is one
        (``Enrich new companies (workflow)``, ``workflow 8507…``)."""
        return self.name if self.kind == Kind.WORKFLOW else f"{self.name} ({self.kind})"

    @property
    def workflow_uuid(self) -> str | None:
        if self.kind == Kind.WORKFLOW:
            return self.uuid
        value = getattr(self.item, "workflow_uuid", None)
        return value if isinstance(value, str) else None


@dataclass
class Discovery:
    """The lists of one workspace, each kind independently fetched (or failed)."""

    lists: dict[Kind, list[Any]] = field(default_factory=dict)
    errors: dict[Kind, CargoError] = field(default_factory=dict)
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __post_init__(self) -> None:
        self.workflows: dict[str, Workflow] = {w.uuid: w for w in self.lists.get(Kind.WORKFLOW, [])}
        self._entries: dict[Kind, list[Entry]] = {kind: [] for kind in [*KINDS, Kind.WORKFLOW]}
        owners: dict[str, Entry] = {}
        for kind in KINDS:
            for item in self.lists.get(kind, []):
                entry = Entry(kind, item.uuid, item.name, item)
                self._entries[kind].append(entry)
                if entry.workflow_uuid:
                    owners[entry.workflow_uuid] = entry
            self._entries[kind].sort(key=lambda e: e.name.lower())
        self.owner_of = owners
        for workflow in self.workflows.values():
            owner = owners.get(workflow.uuid)
            name = f"{owner.name} (workflow)" if owner else f"workflow {workflow.uuid}"
            self._entries[Kind.WORKFLOW].append(Entry(Kind.WORKFLOW, workflow.uuid, name, workflow))
        self._by_uuid = {e.uuid: e for entries in self._entries.values() for e in entries}

    def entries(self, kind: Kind) -> list[Entry]:
        return self._entries.get(kind, [])

    def orphan_workflows(self) -> list[Entry]:
        return [e for e in self.entries(Kind.WORKFLOW) if e.uuid not in self.owner_of]

    def __iter__(self) -> Iterator[Entry]:
        for entries in self._entries.values():
            yield from entries

    def find(self, uuid: str) -> Entry | None:
        return self._by_uuid.get(uuid.lower().strip())

    def count(self, kind: Kind) -> int:
        return len(self.entries(kind))

    def model(self, uuid: str | None) -> Model | None:
        entry = self.find(uuid) if uuid else None
        return entry.item if entry and entry.kind == Kind.MODEL else None

    def matching(self, query: str, score: Callable[[str], float]) -> list[tuple[float, Entry]]:
        """Entries whose name matches ``query`` (``score``: how well a name does, 0 for not
        at all: Textual's fuzzy matcher in the app), or whose uuid contains it; best first."""
        query = query.strip()
        if not query:
            return []
        needle = query.lower()
        found: list[tuple[float, Entry]] = []
        for entry in self:
            how_well = score(entry.name)
            if needle in entry.uuid:
                how_well = max(how_well, 1.0 if entry.uuid == needle else 0.9)
            if how_well > 0:
                found.append((how_well, entry))
        found.sort(key=lambda pair: (-pair[0], pair[1].name.lower()))
        return found

    def resolve(self, text: str) -> Entry | None:
        """The resource a pasted uuid or Cargo web URL names, if it is in this workspace."""
        url = WEB_URL.search(text)
        if url:
            return self.find(url["uuid"])
        uuid = UUID.search(text)
        return self.find(uuid.group(0)) if uuid else None

    def to_cache(self) -> dict[str, Any]:
        return {
            kind.value: [item.model_dump(mode="json", by_alias=True) for item in items]
            for kind, items in self.lists.items()
        }

    @classmethod
    def from_cache(cls, data: dict[str, Any], fetched_at: datetime) -> Discovery:
        types = model_types()
        lists = {
            Kind(kind): [types[Kind(kind)].model_validate(item) for item in items]
            for kind, items in data.items()
            if kind in Kind.__members__.values()
        }
        return cls(lists=lists, fetched_at=fetched_at)


def web_url(entry: Entry, workspace_uuid: str) -> str | None:
    if not entry.kind.has_web_page:
        return None
    return f"{WEB}/workspaces/{workspace_uuid}/{entry.kind.value}s/{entry.uuid}"


#: The GETs :func:`discover` sends (``Session.connect_with`` sends them ahead, while the
#: client's models load; a test holds the two together).
LIST_PATHS = (
    "/orchestration/plays/list",
    "/orchestration/tools/list",
    "/orchestration/workflows/list",
    "/ai/agents/list",
    "/connection/connectors/list",
    "/storage/models/list",
    "/segmentation/segments/list",
)


async def discover(client: CargoClient) -> Discovery:
    """Every list at once (one round trip of wall time); a failing kind fails alone."""
    calls: dict[Kind, Awaitable[Sequence[Any]]] = {
        Kind.PLAY: client.orchestration.play.list(),
        Kind.TOOL: client.orchestration.tool.list(),
        Kind.WORKFLOW: client.orchestration.workflow.list(),
        Kind.AGENT: client.ai.agent.list(),
        Kind.CONNECTOR: client.connection.connector.list(),
        Kind.MODEL: client.storage.model.list(),
        Kind.SEGMENT: client.segmentation.segment.list(),
    }
    answers = await asyncio.gather(*calls.values(), return_exceptions=True)
    lists: dict[Kind, list[Any]] = {}
    failed: dict[Kind, CargoError] = {}
    for kind, answer in zip(calls, answers, strict=True):
        if isinstance(answer, CargoError):
            failed[kind] = answer
        elif isinstance(answer, BaseException):
            raise answer
        else:
            lists[kind] = list(answer)
    return Discovery(lists=lists, errors=failed)
