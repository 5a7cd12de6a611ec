"""Any two releases the vendor's types allow compare without fail: the JSON the headless
command prints and its table are made of whatever nodes, configs, retries and edges they hold."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given

from tests.contract.strategies import CONTRACT, documents
from tui.api.models.orchestration import Release
from tui.headless.release_diff import table
from tui.state.release_diff import compare


@CONTRACT
@given(documents("GetRelease"), documents("GetRelease"))
def test_any_two_releases_compare(first: dict[str, Any], second: dict[str, Any]) -> None:
    old, new = (Release.model_validate(answer["release"]) for answer in (first, second))
    diff = compare(old, new)
    printed = json.loads(json.dumps(diff.as_json()))
    assert sum(printed["counts"].values()) == len(diff.nodes)
    assert len(diff.nodes) >= max(len(old.nodes), len(new.nodes))
    assert diff.title in table(diff)
    for node in printed["nodes"]:
        assert node["change"] != "unchanged" and (node["changes"] or node["change"] == "renamed")
