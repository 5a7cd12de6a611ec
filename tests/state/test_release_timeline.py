"""Where a list of batches changes release, the default pair, and each node's error-rate
change between two releases, worst first."""

from __future__ import annotations

from datetime import UTC, datetime

from tui.api.models.orchestration import Release
from tui.api.models.runs import RunMetric
from tui.state.release_timeline import compare_error_rates, deployed_pair, release_changes


def metric(node: str, success: int, error: int) -> RunMetric:
    return RunMetric(
        node_uuid=node,
        total_executions_count=success + error,
        success_executions_count=success,
        error_executions_count=error,
    )


def release(uuid: str, version: str | None, day: int | None, status: str) -> Release:
    deployed = datetime(2026, 11, day, tzinfo=UTC) if day else None
    return Release(
        uuid=uuid,
        workflow_uuid="w",
        version=version,
        status=status,
        deployed_at=deployed,
        created_at=datetime(2026, 11, 25, tzinfo=UTC),
    )


def test_a_change_is_marked_above_the_first_batch_of_the_older_release() -> None:
    rows = {0: "v6", 1: "v6", 2: "v5", 3: "v5", 4: None, 5: "v5"}
    assert release_changes(rows) == {2: "v6", 4: "v5", 5: None}


def test_rows_not_loaded_mark_nothing() -> None:
    # rows 50.. arrived, 49 did not (yet): no change can be said at 50
    assert release_changes({48: "v6", 50: "v5", 51: "v5"}) == {}


def test_the_default_pair_is_the_latest_deployed_and_the_one_before() -> None:
    releases = [
        release("d", None, None, "draft"),
        release("a", "4", 2, "archived"),
        release("c", "6", 23, "deployed"),
        release("b", "5", 14, "archived"),
    ]
    newer, older = deployed_pair(releases)
    assert (newer and newer.uuid, older and older.uuid) == ("c", "b")
    assert deployed_pair([release("c", "6", 23, "deployed")])[1] is None


def test_the_worst_rise_comes_first_then_the_graph_order() -> None:
    older = [metric("start", 100, 0), metric("hubspot", 95, 5), metric("agent", 90, 10),
             metric("dropped", 10, 0)]  # fmt: skip
    newer = [metric("start", 100, 0), metric("hubspot", 70, 30), metric("agent", 95, 5),
             metric("added", 45, 5)]  # fmt: skip
    changes = compare_error_rates(older, newer, ["start", "added", "hubspot", "agent"])
    assert [c.node_uuid for c in changes] == ["hubspot", "added", "start", "agent", "dropped"]
    hubspot = changes[0]
    assert round(hubspot.change or 0, 3) == 0.25
    assert changes[1].change is None and changes[1].older is None, "a node only v6 has"
    assert changes[-1].newer is None, "a node v6 no longer runs comes last"
    assert round(changes[3].change or 0, 3) == -0.05
