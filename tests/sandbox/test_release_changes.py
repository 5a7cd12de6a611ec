"""The seeded releases of the first play differ as the release diff needs: a config key, a node
added and a node removed between the deployed release and the one before; the same under the
seed, every time."""

from __future__ import annotations

from datetime import UTC, datetime

from tui.api.models.orchestration import Release
from tui.sandbox.releases import EARLIER_MINIMUM_SCORE, MINIMUM_SCORE
from tui.sandbox.seeding import demo_catalogs
from tui.state.release_diff import compare
from tui.state.release_pairs import default_pair

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def first_play_releases(seed: int) -> list[Release]:
    workflow = demo_catalogs(seed, NOW, "small")[0].workflows[0]
    return [Release.model_validate(r) for r in workflow.releases]


def test_the_deployed_release_differs_from_the_one_before_in_three_ways() -> None:
    pair = default_pair(first_play_releases(7))
    assert pair is not None
    diff = compare(pair[1], pair[0])
    changed = {n.slug: n.change for n in diff.changed}
    assert changed["dedupe_domains"] == "removed"
    assert changed["slack_alert"] == "added"
    qualify = next(n for n in diff.changed if n.slug == "qualify")
    assert [(c.key, c.old, c.new) for c in qualify.changes] == [
        ("config.scoring.minimumScore", EARLIER_MINIMUM_SCORE, MINIMUM_SCORE)
    ]


def test_the_releases_are_the_same_under_the_seed() -> None:
    dumped = [[r.model_dump(mode="json") for r in first_play_releases(7)] for _ in range(2)]
    assert dumped[0] == dumped[1]


def test_the_dropped_node_is_the_one_the_workflow_keeps_archived() -> None:
    workflow = demo_catalogs(7, NOW, "small")[0].workflows[0]
    archived = {node["uuid"] for node in workflow.archived}
    older = workflow.releases[-1]["nodes"]
    assert archived <= {node["uuid"] for node in older}
    assert not archived & {node["uuid"] for node in workflow.deployed["nodes"]}
