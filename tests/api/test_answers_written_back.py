"""An answer read into its model and written back (what the ``cargo-ai`` mirror prints, what
the discovery cache keeps) is the JSON the API sent: moments included, to the millisecond."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tui.api.defaults import api_base_url
from tui.api.models import answers
from tui.api.models.base import CargoModel
from tui.sandbox.threaded import ThreadedSandbox

LISTS = [
    ("/orchestration/plays/list", answers.ListPlays),
    ("/orchestration/tools/list", answers.ListTools),
    ("/orchestration/workflows/list", answers.ListWorkflows),
    ("/ai/agents/list", answers.ListAgents),
    ("/connection/connectors/list", answers.ListConnectors),
    ("/storage/models/list", answers.ListModels),
    ("/segmentation/segments/list", answers.ListSegments),
    ("/userManagement/users/current", answers.GetCurrentUser),
    ("/workspaceManagement/workspaces/current", answers.GetCurrentWorkspace),
]


def _get(sandbox: ThreadedSandbox, path: str, **params: Any) -> Any:
    url = api_base_url(sandbox.base_url) + path
    answer = httpx.get(url, params=params, headers={"authorization": f"Bearer {sandbox.token}"})
    answer.raise_for_status()
    return answer.json()


@pytest.mark.parametrize(("path", "answer"), LISTS, ids=[path for path, _ in LISTS])
def test_an_answer_written_back_is_what_was_sent(
    sandbox: ThreadedSandbox, path: str, answer: type[CargoModel]
) -> None:
    sent = _get(sandbox, path)
    written = answer.model_validate(sent).model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert written == sent


def test_batches_and_runs_written_back_keep_their_moments(sandbox: ThreadedSandbox) -> None:
    workflow = _get(sandbox, "/orchestration/workflows/list")["workflows"][0]["uuid"]
    sent = _get(sandbox, "/orchestration/batches/list", workflowUuid=workflow, limit=5)
    written = answers.ListBatches.model_validate(sent).model_dump(
        mode="json", by_alias=True, exclude_unset=True
    )
    for was, now in zip(sent["batches"], written["batches"], strict=True):
        assert now["createdAt"] == was["createdAt"]
        assert now["createdAt"].endswith("Z") and len(now["createdAt"]) == 24
