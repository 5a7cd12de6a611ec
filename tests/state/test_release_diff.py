"""Two releases compared node by node (``tui.state.release_diff``), on releases built here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tui.api.models.orchestration import Release
from tui.state.release_diff import ABSENT, compare, diff_values, value_text
from tui.state.release_pairs import default_pair, find_release

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def node(uuid: str, slug: str, kind: str = "native", **fields: Any) -> dict[str, Any]:
    return {"uuid": uuid, "slug": slug, "name": slug.title(), "kind": kind,
            "childrenUuids": [], "config": {}, **fields}  # fmt: skip


def release(version: str | None, nodes: list[dict[str, Any]], days: int, **fields: Any) -> Release:
    status = fields.pop("status", "archived")
    return Release.model_validate(
        {"uuid": f"r-{version}", "workflowUuid": "w", "version": version, "status": status,
         "nodes": nodes, "deployedAt": (T0 + timedelta(days=days)).isoformat(), **fields}
    )  # fmt: skip


def graph(**changes: dict[str, Any]) -> list[dict[str, Any]]:
    """start -> enrich -> end, with ``changes`` merged into the node of that slug."""
    nodes = [
        node("n1", "start", childrenUuids=["n2"]),
        node("n2", "enrich", "connector", childrenUuids=["n3"], integrationSlug="clearbit",
             connectorUuid="c1", actionSlug="enrichCompany",
             config={"record": "{{nodes.start}}", "options": {"timeout": 10, "fields": ["a"]}},
             retry={"maximumAttempts": 3, "initialInterval": 2, "backoffCoefficient": 2}),
        node("n3", "end"),
    ]  # fmt: skip
    return [{**n, **changes.get(n["slug"], {})} for n in nodes]


def keys(diff: Any, slug: str) -> dict[str, tuple[Any, Any]]:
    found = next(n for n in diff.nodes if n.slug == slug)
    return {c.key: (c.old, c.new) for c in found.changes}


def test_a_nested_config_key_reads_old_to_new_at_its_path() -> None:
    options = {"timeout": 30, "fields": ["a", "b"]}
    old = release("1", graph(), 0)
    new = release(
        "2", graph(enrich={"config": {"record": "{{nodes.start}}", "options": options}}), 1
    )
    diff = compare(old, new)
    assert diff.title == "v2 vs v1"
    assert keys(diff, "enrich") == {
        "config.options.timeout": (10, 30),
        "config.options.fields[1]": (ABSENT, "b"),
    }
    assert [(n.slug, n.change) for n in diff.changed] == [("enrich", "changed")]
    assert diff.counts() == {"added": 0, "removed": 0, "renamed": 0, "changed": 1, "unchanged": 2}


def test_retry_and_what_a_node_calls_are_compared() -> None:
    retry = {"maximumAttempts": 5, "initialInterval": 2, "backoffCoefficient": 2}
    new = graph(enrich={"retry": retry, "connectorUuid": "c2"})
    diff = compare(release("1", graph(), 0), release("2", new, 1))
    assert keys(diff, "enrich") == {
        "retry.maximumAttempts": (3, 5),
        "calls.connectorUuid": ("c1", "c2"),
    }


def test_nodes_added_and_removed_have_their_edges_in_slugs() -> None:
    old = graph()
    old[0]["childrenUuids"] = ["n9"]
    old.insert(1, node("n9", "dedupe", childrenUuids=["n2"], actionSlug="filter"))
    new = graph(enrich={"childrenUuids": ["n4"]})
    new.insert(2, node("n4", "alert", "connector", childrenUuids=["n3"]))
    diff = compare(release("1", old, 0), release("2", new, 1))
    assert [(n.slug, n.change) for n in diff.changed] == [
        ("start", "changed"),
        ("dedupe", "removed"),  # where it was: after start
        ("enrich", "changed"),
        ("alert", "added"),
    ]
    assert keys(diff, "start") == {"edges.children": (["dedupe"], ["enrich"])}
    assert keys(diff, "enrich") == {"edges.children": (["end"], ["alert"])}
    assert keys(diff, "dedupe")["calls.actionSlug"] == ("filter", ABSENT)
    assert keys(diff, "alert")["edges.children"] == (ABSENT, ["end"])


def test_a_renamed_node_is_one_node_and_its_parents_edges_do_not_change() -> None:
    new = graph(enrich={"slug": "clearbit", "name": "Clearbit"})
    diff = compare(release("1", graph(), 0), release("2", new, 1))
    assert [(n.label, n.change) for n in diff.changed] == [("enrich → clearbit", "renamed")]
    assert keys(diff, "clearbit") == {
        "node.slug": ("enrich", "clearbit"),
        "node.name": ("Enrich", "Clearbit"),
    }
    assert diff.as_json()["nodes"][0]["oldSlug"] == "enrich"


def test_nodes_with_new_uuids_are_matched_by_slug() -> None:
    new = [{**n, "uuid": "x" + n["uuid"]} for n in graph()]
    for n in new:
        n["childrenUuids"] = ["x" + c for c in n["childrenUuids"]]
    diff = compare(release("1", graph(), 0), release("2", new, 1))
    assert diff.changed == []


def test_the_newer_release_is_new_whichever_order_they_come_in() -> None:
    old, new = release("1", graph(), 0), release("2", graph(end={"name": "Done"}), 1)
    assert compare(new, old).as_json() == compare(old, new).as_json()
    assert compare(new, old).as_json()["nodes"][0]["changes"] == [
        {"key": "node.name", "change": "changed", "old": "End", "new": "Done"}
    ]


def test_a_branchs_empty_case_and_fallback_are_edges() -> None:
    new = graph(start={"childrenUuids": ["n2", None], "fallbackOnFailure": True,
                       "fallbackChildUuid": "n3"})  # fmt: skip
    diff = compare(release("1", graph(), 0), release("2", new, 1))
    assert keys(diff, "start") == {
        "edges.children": (["enrich"], ["enrich", "∅"]),
        "edges.fallbackOnFailure": (ABSENT, True),
        "edges.fallback": (ABSENT, "end"),
    }


def test_values_equal_as_json_are_no_change() -> None:
    assert list(diff_values({"a": 2, "b": [1]}, {"a": 2.0, "b": [1]})) == []
    assert list(diff_values({"a": 1}, {"a": True})) == [(("a",), 1, True)]
    assert list(diff_values({}, {"a": {"b": 1}})) == [(("a", "b"), ABSENT, 1)]
    assert value_text(ABSENT) == "–"
    assert value_text("x" * 50, 10) == '"xxxxxxxx…'


def test_the_default_pair_is_the_deployed_or_a_batchs_release_and_the_one_before() -> None:
    releases = [
        release("1", graph(), 0),
        release("2", graph(), 1),
        release("3", graph(), 2, status="deployed"),
        release(None, graph(), 3, status="draft"),
    ]
    pair = default_pair(releases)
    assert pair is not None and [r.label for r in pair] == ["v3", "v2"]
    pair = default_pair(releases, anchor="r-2")
    assert pair is not None and [r.label for r in pair] == ["v2", "v1"]
    pair = default_pair(releases, anchor="r-1")  # nothing before the first: the one after
    assert pair is not None and [r.label for r in pair] == ["v2", "v1"]
    assert default_pair(releases[:1]) is None


def test_a_release_is_found_by_uuid_version_or_label() -> None:
    releases = [release("1", graph(), 0), release("2", graph(), 1, status="deployed")]
    assert [find_release(releases, t).label for t in ("r-1", "v2", "1", "deployed")] == [  # type: ignore[union-attr]
        "v1", "v2", "v1", "v2",
    ]  # fmt: skip
    assert find_release(releases, "v9") is None
