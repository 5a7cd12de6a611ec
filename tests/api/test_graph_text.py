"""A release's node graph on one line, forks included."""

from __future__ import annotations

from tui.api.models import Node, graph_text


def _node(slug: str, *children: str) -> Node:
    return Node(uuid=slug, slug=slug, kind="native", children_uuids=list(children))


def test_a_line() -> None:
    nodes = [_node("start", "a"), _node("a", "end"), _node("end")]
    assert graph_text(nodes) == "start → a → end"


def test_a_fork_that_joins() -> None:
    nodes = [
        _node("start", "is_fit"),
        _node("is_fit", "hubspot_upsert", "mark_disqualified"),
        _node("hubspot_upsert", "slack_alert"),
        _node("slack_alert", "end"),
        _node("mark_disqualified", "end"),
        _node("end"),
    ]
    assert graph_text(nodes) == (
        "start → is_fit → (hubspot_upsert → slack_alert | mark_disqualified) → end"
    )


def test_a_fork_that_never_joins() -> None:
    nodes = [_node("start", "a", "b"), _node("a"), _node("b")]
    assert graph_text(nodes) == "start → (a | b)"
