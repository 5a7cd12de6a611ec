"""The comparison of two runs (``tui.state.run_diff``) on runs built by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tui.api.models.runs import RunDetail
from tui.state.run_diff import (
    Change,
    Difference,
    JsonChange,
    Picked,
    compare,
    diff_json,
    node_order,
    node_rows,
    took,
)

START = datetime(2026, 11, 27, 10, tzinfo=UTC)


def detail(
    uuid: str, nodes: list[tuple[str, str, float]], context: dict[str, Any],
    configs: dict[str, Any] | None = None,
) -> RunDetail:  # fmt: skip
    """A run whose nodes ran in order: (slug, status, seconds) each, a minute apart."""
    executions = [
        {
            "nodeUuid": f"node-{slug}",
            "nodeSlug": slug,
            "nodeKind": "native",
            "status": status,
            "creditsUsedCount": 1 if status == "success" else 0,
            "startedAt": START + timedelta(minutes=index),
            "finishedAt": START + timedelta(minutes=index, seconds=seconds),
        }
        for index, (slug, status, seconds) in enumerate(nodes)
    ]
    failed = any(status == "error" for _, status, _ in nodes)
    return RunDetail.model_validate(
        {
            "run": {
                "uuid": uuid,
                "workflowUuid": "wf",
                "status": "error" if failed else "success",
                "recordId": "cmp_000001",
                "executions": executions,
            },
            "runContext": context,
            "runComputedConfigs": configs or {},
        }
    )


def test_json_diff_names_each_path_with_the_old_and_new_value() -> None:
    old = {"a": 1, "b": {"c": [1, 2, 3], "d": "x"}, "gone": True, "odd key": 1}
    new = {"a": 2, "b": {"c": [1, 5], "d": None}, "new": [1], "odd key": 1}
    assert diff_json(old, new) == [
        JsonChange(".a", Change.CHANGED, 1, 2),
        JsonChange(".b.c[1]", Change.CHANGED, 2, 5),
        JsonChange(".b.c[2]", Change.REMOVED, old=3),
        JsonChange(".b.d", Change.TYPE, "x", None),
        JsonChange(".gone", Change.REMOVED, old=True),
        JsonChange(".new", Change.ADDED, new=[1]),
    ]
    assert diff_json({"k": 1}, {"k": 1}) == []
    assert diff_json({"a b": 1}, {"a b": 2})[0].path == '.["a b"]'
    assert diff_json([1], [1, 2]) == [JsonChange(".[1]", Change.ADDED, new=2)]
    assert diff_json(None, {"x": 1}) == [JsonChange(".", Change.TYPE, None, {"x": 1})]
    # true is not 1: a boolean that became a number changed type
    assert diff_json({"v": True}, {"v": 1})[0].change is Change.TYPE


def test_a_change_says_itself_in_one_line() -> None:
    assert JsonChange(".a", Change.CHANGED, 1, 2).says() == ".a: 1 -> 2"
    assert JsonChange(".e", Change.ADDED, new="timeout").says() == '+ .e: "timeout"'
    assert JsonChange(".t", Change.REMOVED, old=True).says() == "- .t: true"
    long = JsonChange(".x", Change.CHANGED, "a" * 200, "b").says(40)
    assert long.startswith('.x: "aaaa') and "… -> " in long and len(long) < 60
    assert JsonChange(".e", Change.ADDED, new=1).to_json() == {
        "path": ".e", "change": "added", "new": 1,
    }  # fmt: skip


def test_nodes_only_one_run_ran_sit_after_the_node_they_followed() -> None:
    assert node_order(["a", "b", "d"], ["a", "c", "d"]) == ["a", "c", "b", "d"]
    assert node_order(["a", "b"], ["x", "a", "b", "y"]) == ["x", "a", "b", "y"]


def test_the_first_difference_is_the_first_node_whose_status_or_output_differs() -> None:
    run = detail(
        "run",
        [("start", "success", 0.1), ("enrich", "success", 0.5), ("score", "error", 60)],
        {"start": {"id": 1}, "enrich": {"city": "Paris"}, "score": {"error": "timeout"}},
        {"enrich": {"timeout": 30}},
    )
    baseline = detail(
        "base",
        [("start", "success", 0.1), ("enrich", "success", 0.4), ("score", "success", 1.2),
         ("end", "success", 0)],
        {"start": {"id": 1}, "enrich": {"city": "Paris"}, "score": {"answer": 1}, "end": {}},
        {"enrich": {"timeout": 60}},
    )  # fmt: skip
    diff = compare(run, baseline, Picked.RECORD)
    by_slug = {node.slug: node for node in diff.nodes}
    assert [node.slug for node in diff.nodes] == ["start", "enrich", "score", "end"]
    assert by_slug["start"].difference is Difference.NONE
    # the computed config differs, the output does not: a difference, not a divergence
    assert by_slug["enrich"].difference is Difference.CONFIG
    assert not by_slug["enrich"].diverges
    assert by_slug["enrich"].config == (JsonChange(".timeout", Change.CHANGED, 60, 30),)
    assert by_slug["score"].difference is Difference.STATUS
    assert by_slug["end"].difference is Difference.REACHED
    assert by_slug["end"].run.status is None and by_slug["end"].baseline.status == "success"
    assert diff.first is by_slug["score"]
    assert diff.headline == "first difference at score"
    assert [c.path for c in diff.first.output] == [".answer", ".error"]
    rows = node_rows(diff)
    assert rows[2] == ("▶", "score", "error", "success", "1m00s / 1.2s", "0 / 1", "status")
    assert rows[1][0] == "≠" and rows[0][0] == ""
    out = diff.to_json()
    assert out["firstDifference"] == "score" and out["picked"] == "record"
    score = out["nodes"][2]
    assert (score["run"]["providerCredits"], score["baseline"]["providerCredits"]) == (0, 1)
    assert out["nodes"][1]["config"] == [
        {"path": ".timeout", "change": "changed", "old": 60, "new": 30}
    ]


def test_output_values_and_shape_are_told_apart() -> None:
    nodes = [("start", "success", 0.1), ("enrich", "success", 0.1)]
    base = detail("b", nodes, {"start": {"n": 1}, "enrich": {"tech": ["a"]}})
    values = compare(detail("r", nodes, {"start": {"n": 2}, "enrich": {"tech": ["a"]}}), base)
    assert values.first is not None and values.first.slug == "start"
    assert values.first.difference is Difference.VALUES
    shape = compare(detail("r", nodes, {"start": {"n": 1}, "enrich": {"tech": "a"}}), base)
    assert shape.first is not None and shape.first.slug == "enrich"
    assert shape.first.difference is Difference.SHAPE
    same = compare(detail("r", nodes, {"start": {"n": 1}, "enrich": {"tech": ["a"]}}), base)
    assert same.first is None and same.headline == "no difference"


def test_durations_read_short() -> None:
    assert [took(None), took(0.04), took(59.94), took(61)] == ["–", "0.0s", "59.9s", "1m01s"]
