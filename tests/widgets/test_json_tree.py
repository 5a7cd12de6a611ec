"""JsonTree: JSON shown as JSON, folded, lazy, and safe with any key."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.support import screen_text
from widgets.json_tree import MAX_CHILDREN, JsonTree

OUTPUT = {
    "status": 429,
    "ok": False,
    "body": {"message": "You have reached your secondly limit", "retryAfter": None},
    "[b]not markup[/b]": "kept as text",
    "items": list(range(MAX_CHILDREN + 50)),
}


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield JsonTree(id="j")

    def on_mount(self) -> None:
        self.query_one(JsonTree).load(OUTPUT, "hubspot_upsert")


async def test_values_show_as_json_and_fold() -> None:
    app = Host()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert "hubspot_upsert {5}" in text
    assert "status: 429" in text
    assert "ok: false" in text
    assert 'message: "You have reached your secondly limit"' in text
    assert "retryAfter: null" in text
    assert "[b]not markup[/b]: " in text
    assert "items: [250]" in text


async def test_long_arrays_stop_with_a_count_and_open_lazily() -> None:
    app = Host()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        tree = app.query_one(JsonTree)
        items = next(n for n in tree.root.children if n.data and n.data.path == ("items",))
        assert len(items.children) == 0, "closed nodes are filled when opened"
        items.expand()
        await pilot.pause()
        assert len(items.children) == MAX_CHILDREN + 1
        assert str(items.children[-1].label) == "… 50 more"
