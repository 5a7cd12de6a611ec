"""JsonTree.reveal: the branches down to a found value open, the cursor lands on it and the
text found is marked in its label, wherever it sits (past the children shown, deep in a long
string)."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult

from tests.support import screen_text
from widgets.json_tree import MARK, MAX_CHILDREN, MAX_LABEL, JsonTree, excerpt

LONG = "lorem ipsum " * 40 + "the needle is here" + " dolor" * 40
OUTPUT: dict[str, Any] = {
    "status": 422,
    "body": {"error": {"type": "invalid_domain", "detail": {"deeper": {"reason": "Bad TLD"}}}},
    "items": [{"name": f"item {i}"} for i in range(MAX_CHILDREN + 50)],
    "log": LONG,
}


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield JsonTree(id="j")

    def on_mount(self) -> None:
        self.query_one(JsonTree).load(OUTPUT, "clearbit_enrich")


def marked(tree: JsonTree) -> str:
    """The text of the cursor's label styled as a found text."""
    node = tree.cursor_node
    assert node is not None
    label = node.label
    return "".join(label.plain[s.start : s.end] for s in label.spans if str(s.style) == MARK)


async def test_a_folded_value_opens_and_gets_the_cursor_with_its_text_marked() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        tree = app.query_one(JsonTree)
        assert tree.reveal(("body", "error", "detail", "deeper", "reason"), "bad tld")
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data is not None
        assert tree.cursor_node.data.path == ("body", "error", "detail", "deeper", "reason")
        assert marked(tree) == "Bad TLD"
        assert 'reason: "Bad TLD"' in screen_text(app)


async def test_a_value_past_the_children_shown_is_added_to_reach_it() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        tree = app.query_one(JsonTree)
        index = MAX_CHILDREN + 20
        assert tree.reveal(("items", index, "name"), f"item {index}")
        await pilot.pause()
        assert marked(tree) == f"item {index}"
        items = next(n for n in tree.root.children if n.data and n.data.path == ("items",))
        assert str(items.children[-1].label) == "… 50 more", "the count line stays last"
        assert f'name: "item {index}"' in screen_text(app), "scrolled to it"


async def test_a_match_deep_in_a_long_string_shows_around_it() -> None:
    app = Host()
    async with app.run_test(size=(200, 24)) as pilot:
        tree = app.query_one(JsonTree)
        assert tree.reveal(("log",), "NEEDLE")
        await pilot.pause()
        assert marked(tree) == "needle"
        assert "the needle is here" in screen_text(app)


async def test_the_mark_moves_and_a_path_not_there_is_refused() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        tree = app.query_one(JsonTree)
        assert tree.reveal(("status",), "422")
        first = tree.cursor_node
        assert tree.reveal(("body", "error", "type"), "invalid")
        await pilot.pause()
        assert first is not None and MARK not in {str(s.style) for s in first.label.spans}
        assert not tree.reveal(("body", "nope"), "x")
        assert not tree.reveal(("items", 10**6), "x")
        assert not tree.reveal(("status", "deeper"), "x")


def test_an_excerpt_keeps_to_its_width_and_says_what_it_cut() -> None:
    shown = excerpt(LONG, "needle")
    assert len(shown) <= MAX_LABEL and "needle" in shown
    assert shown.startswith("…") and shown.endswith("…")
    assert excerpt(LONG, "lorem").startswith('"lorem')
    assert excerpt(LONG, "dolor" * 3) == excerpt(LONG, ""), "not found: the start"
    assert excerpt("short", "x") == '"short"'
