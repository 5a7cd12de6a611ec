"""A workspace made of vendor-valid documents, answered by an httpx transport.

Hypothesis draws one document per answer from the vendor's schema; ``workspace()`` then links
them as a real workspace is linked (a play names a workflow that exists, a batch that
workflow, a run that batch; uuids are unique, as a server's are) without leaving what the
types allow. ``VendorTransport`` answers the client from them, paging lists by their
``limit`` and ``offset``, so the app runs on them as on a real account.
"""

from __future__ import annotations

import copy
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
from hypothesis import strategies as st

from tests.contract.schema import problems
from tests.contract.strategies import documents

#: The answer of each endpoint the screens call, by method and path (``{}``: a uuid).
ROUTES: list[tuple[str, str, str]] = [
    ("GET", "/userManagement/users/current", "GetCurrentUser"),
    ("GET", "/workspaceManagement/workspaces/current", "GetCurrentWorkspace"),
    ("GET", "/orchestration/plays/list", "ListPlays"),
    ("GET", "/orchestration/plays/{}", "GetPlay"),
    ("GET", "/orchestration/tools/list", "ListTools"),
    ("GET", "/orchestration/tools/{}", "GetTool"),
    ("GET", "/orchestration/workflows/list", "ListWorkflows"),
    ("GET", "/orchestration/releases/list", "ListReleases"),
    ("GET", "/orchestration/releases/{}", "GetRelease"),
    ("GET", "/orchestration/batches/list", "ListBatches"),
    ("GET", "/orchestration/batches/{}", "GetBatch"),
    ("POST", "/orchestration/runs/list", "ListRuns"),
    ("POST", "/orchestration/runs/count", "Count"),
    ("GET", "/orchestration/runs/{}", "GetRun"),
    ("POST", "/orchestration/runs/metrics", "GetRunMetrics"),
    ("POST", "/orchestration/query", "ExecuteQuery"),
    ("GET", "/ai/agents/list", "ListAgents"),
    ("GET", "/connection/connectors/list", "ListConnectors"),
    ("GET", "/storage/models/list", "ListModels"),
    ("GET", "/storage/models/{}/ddl", "GetModelDdl"),
    ("GET", "/storage/models/{}", "GetModel"),
    ("GET", "/segmentation/segments/list", "ListSegments"),
    ("GET", "/segmentation/segments/{}", "GetSegment"),
    ("POST", "/segmentation/segments/fetch", "FetchSegment"),
]
#: The list of each listing answer, and the key its total goes in (if it has one).
LISTS = {
    "ListPlays": ("plays", None),
    "ListTools": ("tools", None),
    "ListWorkflows": ("workflows", None),
    "ListReleases": ("releases", None),
    "ListBatches": ("batches", None),
    "ListRuns": ("runs", "count"),
    "ListAgents": ("agents", None),
    "ListConnectors": ("connectors", None),
    "ListModels": ("models", None),
    "ListSegments": ("segments", None),
}


#: Lists drawn with at least one item: a workspace with no workflow, batch or run has no
#: screen past Discovery to show.
NONEMPTY = ("ListWorkflows", "ListBatches", "ListRuns")


def _unique(items: list[dict[str, Any]], key: str, tag: str) -> None:
    """Uuids no two entities share (a server's never do; a table keys its rows by them)."""
    for index, item in enumerate(items):
        item[key] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{tag}/{index}"))


@st.composite
def workspace(draw: st.DrawFn) -> dict[str, Any]:
    """One document per answer the screens read, linked as a workspace's are."""
    docs = {
        name: copy.deepcopy(draw(documents(name, LISTS[name][0] if name in NONEMPTY else None)))
        for _, _, name in ROUTES
    }
    for name, (key, _) in LISTS.items():
        _unique(docs[name][key], "uuid", name[4:6].lower())
    workflows = docs["ListWorkflows"]["workflows"]
    first = workflows[0]["uuid"]
    owners = [w["uuid"] for w in workflows]
    for index, play in enumerate(docs["ListPlays"]["plays"]):
        play["workflowUuid"] = owners[index % len(owners)]
    for index, tool in enumerate(docs["ListTools"]["tools"]):
        tool["workflowUuid"] = owners[-1 - index % len(owners)]
    for batch in docs["ListBatches"]["batches"]:
        batch["workflowUuid"] = first
    batches = [b["uuid"] for b in docs["ListBatches"]["batches"]] or [None]
    for index, run in enumerate(docs["ListRuns"]["runs"]):
        run["workflowUuid"] = first
        run["batchUuid"] = batches[index % len(batches)]
    docs["GetRun"]["run"]["workflowUuid"] = first
    models = [m["uuid"] for m in docs["ListModels"]["models"]]
    for index, segment in enumerate(docs["ListSegments"]["segments"]):
        if models:
            segment["modelUuid"] = models[index % len(models)]
    for name, found in docs.items():
        assert problems(name, found, strict=True) == [], (name, problems(name, found))
    return docs


@dataclass
class VendorTransport(httpx.MockTransport):
    """Answers each request with the workspace's document for its endpoint."""

    docs: dict[str, Any]
    seen: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.answer)

    def answer(self, request: httpx.Request) -> httpx.Response:
        path = urlsplit(str(request.url)).path.removeprefix("/v1")
        self.seen.append(f"{request.method} {path}")
        for method, pattern, name in ROUTES:
            pieces = [re.escape(p) for p in pattern.split("{}")]
            if method == request.method and re.fullmatch("([^/]+)".join(pieces), path):
                return httpx.Response(200, json=self._page(name, request, path))
        return httpx.Response(404, json={"errorMessage": f"no document for {path}"})

    def _page(self, name: str, request: httpx.Request, path: str) -> Any:
        doc = copy.deepcopy(self.docs[name])
        if name in LISTS:
            key, total = LISTS[name]
            asked = dict(parse_qsl(urlsplit(str(request.url)).query))
            if request.method == "POST" and request.content:
                asked = json.loads(request.content)
            offset = int(asked.get("offset") or 0)
            limit = int(asked.get("limit") or 10_000)
            if total is not None:
                doc[total] = len(doc[key])
            doc[key] = doc[key][offset : offset + limit]
        elif name == "Count":
            doc["count"] = len(self.docs["ListRuns"]["runs"])
        elif name == "GetRun":
            doc["run"]["uuid"] = path.rsplit("/", 1)[-1]
        return doc
