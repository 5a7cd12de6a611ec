"""The release diff: two releases of a workflow, ``v6 vs v5``, node by node. On the left the
nodes that changed (added, removed, renamed, changed), on the right the selected node's changes
as a tree (config keys nested, retry, what it calls, its edges), each ``old → new``.

Reached from the workflow screen (``=``: the release picker), from a batch (its release against
the one before), and from the palette (``release: compare``); ``cargo-tui release diff``
prints the same comparison (``tui.state.release_diff``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable

from tui.screens.base import CargoScreen, renders
from tui.screens.navigation import OpenReleaseDiff
from tui.screens.release_picker import Pair, ReleasePicker
from tui.screens.workflow.context import WorkflowContext, resolve
from tui.state.release_diff import NodeDiff, NotComparable, ReleaseDiff, Side, load, side_text
from widgets.breadcrumb import Breadcrumb
from widgets.diff_tree import DiffLeaf, DiffTree
from widgets.fitting import FitLine
from widgets.footer import Footer
from widgets.humanize import short_uuid
from widgets.list_table import ListTable

#: How each kind of change is marked in the list of nodes.
MARKS = {"added": ("+", "green"), "removed": ("−", "red"), "renamed": ("→", "yellow"),
         "changed": ("~", "yellow")}  # fmt: skip
#: A value in the tree is cut to this many characters (``Y`` copies them whole).
VALUE = 60


@dataclass(frozen=True)
class Compared:
    """What the screen shows: the workflow's context (its crumbs) and the comparison."""

    context: WorkflowContext
    diff: ReleaseDiff


def leaves(node: NodeDiff) -> list[DiffLeaf]:
    """A node's changes as the tree's leaves: section, then the keys under it."""
    found = []
    for change in node.changes:
        path = (change.section, *(f"[{p}]" if isinstance(p, int) else p for p in change.path))
        old = None if change.kind == "added" else side_text(change, "old", VALUE)
        new = None if change.kind == "removed" else side_text(change, "new", VALUE)
        found.append(DiffLeaf(path, old, new))
    return found


def release_text(side: Side) -> str:
    """``v6 (2026-12-01 22:43)``: a release and when it was deployed."""
    deployed = side.deployed_at.strftime("%Y-%m-%d %H:%M") if side.deployed_at else "not deployed"
    return f"{side.label} ({deployed})"


class ReleaseDiffScreen(CargoScreen):
    AUTO_FOCUS = "#release-nodes"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("equals_sign", "pick", "Other releases", id="compare-releases"),
        Binding("y", "copy_uuid", "Copy uuid", id="copy-uuid"),
        Binding("Y", "copy_json", "Copy as JSON", id="copy-json"),
    ]

    def __init__(self, workflow_uuid: str, pair: Pair) -> None:
        super().__init__()
        self.workflow_uuid = workflow_uuid
        self.pair = pair
        self.crumbs = ("Workflows", short_uuid(workflow_uuid), "Releases")
        self.diff: ReleaseDiff | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield FitLine(id="release-summary")
        with Horizontal(id="release-panes"):
            nodes: DataTable[str | Text] = ListTable(id="release-nodes", cursor_type="row")
            yield nodes
            yield DiffTree(id="release-changes", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#release-nodes", DataTable)
        for label in ("", "node", "change"):
            table.add_column(label, key=label or "mark")
        self.compare(self.pair)

    def compare(self, pair: Pair) -> None:
        self.pair = pair
        self.query_one("#release-nodes").loading = True
        self.fetch(pair)

    @work(exclusive=True, group="release-diff", exit_on_error=False)
    async def fetch(self, pair: Pair) -> Compared:
        client = await self.session.connect()
        context = await resolve(client, self.session.discovered, self.workflow_uuid)
        return Compared(context, await load(client, *pair))

    def action_back(self) -> None:
        """Escape: from the changes to the list of nodes; from the list, back."""
        nodes = self.query_one("#release-nodes")
        if self.focused is not None and self.focused is not nodes:
            self.set_focus(nodes)
            return
        self.app.pop_screen()

    def show_failure(self, group: str, error: BaseException | None) -> None:
        self.query_one("#release-nodes").loading = False
        if isinstance(error, NotComparable):  # what is wrong and what to do, as it says
            self.notify(str(error), title="Cannot compare", severity="error", timeout=8)
            return
        super().show_failure(group, error)

    @renders(Compared)
    def _show(self, compared: Compared) -> None:
        diff = self.diff = compared.diff
        self.crumbs = (*compared.context.crumbs, diff.title)
        self.query_one(Breadcrumb).parts = self.crumbs
        counts = diff.counts()
        tally = " · ".join(f"{n} {kind}" for kind, n in counts.items() if n)
        self.query_one("#release-summary", FitLine).forms = (
            f"{release_text(diff.new)} vs {release_text(diff.old)} · {tally}",
            f"{diff.new.label} vs {diff.old.label} · {tally}",
            tally,
        )
        table = self.query_one("#release-nodes", DataTable)
        table.loading = False
        table.clear()
        for node in diff.changed:
            mark, style = MARKS[node.change]
            table.add_row(
                Text(mark, style), node.label, Text(node.change, style), key=node.node.uuid
            )
        if diff.changed:
            table.move_cursor(row=0)
            self._show_node(diff.changed[0])
        else:
            tree = self.query_one(DiffTree)
            tree.load(diff.title, [], f"{diff.title}: the same nodes, keys and edges.")

    @on(DataTable.RowHighlighted, "#release-nodes")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        node = self.selected
        if node is not None:
            self._show_node(node)

    @property
    def selected(self) -> NodeDiff | None:
        if self.diff is None or not self.diff.changed:
            return None
        row = self.query_one("#release-nodes", DataTable).cursor_row
        changed = self.diff.changed
        return changed[row] if 0 <= row < len(changed) else None

    def _show_node(self, node: NodeDiff) -> None:
        _, style = MARKS.get(node.change, (" ", ""))
        title = Text.assemble((node.label, "bold"), f" ({node.node.kind}) · ", (node.change, style))
        self.query_one(DiffTree).load(title, leaves(node))

    @on(DataTable.RowSelected, "#release-nodes")
    def _selected(self) -> None:
        """Enter: the keys go to the changes, to read a long one (escape comes back)."""
        self.set_focus(self.query_one(DiffTree))

    def action_pick(self) -> None:
        """``=``: compare two other releases of the workflow (the pair shown is marked)."""
        title = self.crumbs[1] if len(self.crumbs) > 2 else short_uuid(self.workflow_uuid)

        def chosen(pair: Pair | None) -> None:
            if pair is not None:
                self.compare(pair)

        self.app.push_screen(ReleasePicker(self.workflow_uuid, title, marked=self.pair), chosen)

    def uuid_target(self) -> tuple[str, str] | None:
        node = self.selected
        if node is not None:
            return (f"node {node.slug}", node.node.uuid)
        if self.diff is not None:
            return (f"release {self.diff.new.label}", self.diff.new.uuid)
        return None

    def action_copy_json(self) -> None:
        """The whole comparison as JSON: what ``cargo-tui release diff`` prints."""
        if self.diff is None:
            self.notify("The comparison is still loading.", severity="warning")
            return
        self.app.copy_to_clipboard(json.dumps(self.diff.as_json(), ensure_ascii=False))
        self.notify(f"Copied {self.diff.title} as JSON.", timeout=3)


def open_release_diff(app: App[None], message: OpenReleaseDiff) -> None:
    """The release diff ``message`` asks for: its pair, or the picker first (the default
    pair marked: the anchor's, a batch's release against the one before)."""
    if message.pair is not None:
        app.push_screen(ReleaseDiffScreen(message.workflow_uuid, message.pair))
        return

    def chosen(pair: Pair | None) -> None:
        if pair is not None:
            app.push_screen(ReleaseDiffScreen(message.workflow_uuid, pair))

    picker = ReleasePicker(message.workflow_uuid, message.title, anchor=message.anchor)
    app.push_screen(picker, chosen)
