"""Run diff: a run against a baseline run, node by node, opened from run detail with ``=``.

The header says where the runs part (``first difference at <node>``) and why the baseline is
the run it is; the table gives each node's status, duration and credits on both sides, a mark
on each node that differs; the first node where they diverge is selected, and the pane below
shows the JSON diff of the selected node's output (``c``: its computed config). ``=`` names
another run to compare with. The comparison is ``tui.state.run_diff``'s, as ``cargo-tui run
diff`` prints it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Function
from textual.widgets import DataTable, Input, Static

from tui import clock
from tui.screens.base import CargoScreen, renders
from tui.state.run_baseline import PREFIX, SHORTEST_PREFIX, UUID, diff_runs
from tui.state.run_diff import COLUMNS, FIRST_MARK, Change, NodeDiff, RunDiff, node_rows
from widgets.footer import Footer
from widgets.humanize import when
from widgets.list_table import ListTable
from widgets.status import status_text

if TYPE_CHECKING:
    from tui.screens.workflow.context import WorkflowContext

CHANGE_STYLES = {Change.ADDED: "green", Change.REMOVED: "red", Change.CHANGED: "yellow",
                 Change.TYPE: "magenta"}  # fmt: skip


def _run_named(text: str) -> bool:
    typed = text.strip().lower()
    if UUID.search(typed):
        return True
    return bool(PREFIX.fullmatch(typed)) and len(typed.replace("-", "")) >= SHORTEST_PREFIX


class NameRunDialog(ModalScreen[str | None]):
    """The run to compare with: its uuid, a web URL naming it, or its first characters."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog-cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="name-run") as box:
            box.border_title = "Compare with run"
            box.border_subtitle = "enter compare · esc cancel"
            yield Input(
                placeholder="uuid, web URL, or its first characters",
                id="name-run-input",
                validators=[
                    Function(
                        _run_named,
                        f"A uuid, or at least {SHORTEST_PREFIX} of its first characters.",
                    )
                ],
            )
            yield Static("", id="name-run-status")

    @on(Input.Changed, "#name-run-input")
    def _typed(self, event: Input.Changed) -> None:
        result = event.validation_result
        said = "" if result is None or result.is_valid else result.failure_descriptions[0]
        self.query_one("#name-run-status", Static).update(said if event.value else "")

    @on(Input.Submitted, "#name-run-input")
    def _submit(self, event: Input.Submitted) -> None:
        result = event.validation_result
        if result is not None and not result.is_valid:
            self.query_one("#name-run-status", Static).update(result.failure_descriptions[0])
            return
        self.dismiss(event.value.strip())


class RunDiffScreen(CargoScreen):
    AUTO_FOCUS = "#diff-nodes"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("c", "toggle_config", "Config", id="computed-config"),
        Binding("equals_sign", "name_run", "Other run", id="compare-with"),
        Binding("y", "copy_uuid", "Copy baseline uuid", id="copy-uuid"),
    ]

    def __init__(
        self,
        context: WorkflowContext | None,
        run_uuid: str,
        crumbs: tuple[str, ...],
        baseline: str | None = None,
    ) -> None:
        """``baseline``: the run to compare with as typed (None: the nearest success)."""
        super().__init__()
        self.context = context
        self.run_uuid = run_uuid
        self.crumbs = (*crumbs, "Run diff")
        self.baseline = baseline
        self.diff: RunDiff | None = None
        self.selected: NodeDiff | None = None
        self.show_config = False

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("comparing…", id="diff-headline")
        yield Static("", id="diff-sides")
        table: DataTable[str | Text] = ListTable(id="diff-nodes", cursor_type="row")
        yield table
        with VerticalScroll(id="diff-changes", classes="panel"):
            yield Static("", id="diff-changes-body")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#diff-nodes", DataTable)
        for label in COLUMNS:
            table.add_column(label, key=label or "mark")
        table.focus()
        self.load(self.baseline)

    def load(self, baseline: str | None) -> None:
        self.query_one("#diff-nodes").loading = True
        self.compare(baseline)

    @work(exclusive=True, group="diff", exit_on_error=False)
    async def compare(self, baseline: str | None) -> RunDiff:
        client = await self.session.connect()
        return await diff_runs(client, self.run_uuid, baseline)

    def show_failure(self, group: str, error: BaseException | None) -> None:
        self.query_one("#diff-nodes").loading = False
        if self.diff is None:
            self.query_one("#diff-headline", Static).update(
                Text("Could not compare: press = to name a run to compare with", "bold red")
            )
        super().show_failure(group, error)

    @renders(RunDiff)
    def _show(self, diff: RunDiff) -> None:
        self.diff = diff
        self.query_one("#diff-headline", Static).update(
            Text(diff.headline, "bold yellow" if diff.first else "bold green")
        )
        run, base, now = diff.run, diff.baseline, clock.now()
        sides = Text.assemble(
            ("run      ", "dim"), run.uuid[:8], " ", status_text(run.status),
            f" {when(run.created_at, now)} · {run.record or ''}\n",
            ("baseline ", "dim"), base.uuid[:8], " ", status_text(base.status),
            f" {when(base.created_at, now)} · ", (diff.picked.says, "italic"),
        )  # fmt: skip
        sides.no_wrap, sides.overflow = True, "ellipsis"
        self.query_one("#diff-sides", Static).update(sides)
        table = self.query_one("#diff-nodes", DataTable)
        table.loading = False
        table.clear()
        for index, (node, row) in enumerate(zip(diff.nodes, node_rows(diff), strict=True)):
            mark, slug, _, _, *rest = row
            table.add_row(
                Text(mark, "bold yellow" if mark == FIRST_MARK else "yellow"),
                Text(slug, "bold" if node.differs else ""),
                status_text(node.run.status) if node.run.status else Text("–", "dim"),
                status_text(node.baseline.status) if node.baseline.status else Text("–", "dim"),
                *rest,
                key=str(index),
            )
        first = diff.first
        target = diff.nodes.index(first) if first is not None else 0
        if diff.nodes:
            table.move_cursor(row=target)
            self._show_node(diff.nodes[target])

    @on(DataTable.RowHighlighted, "#diff-nodes")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.diff is not None and event.row_key.value is not None:
            self._show_node(self.diff.nodes[int(event.row_key.value)])

    def _show_node(self, node: NodeDiff) -> None:
        self.selected = node
        what = "computed config" if self.show_config else "output"
        pane = self.query_one("#diff-changes", VerticalScroll)
        pane.border_title = f"{node.slug} · {what} · baseline -> run"
        pane.border_subtitle = "c output" if self.show_config else "c computed config"
        changes = node.config if self.show_config else node.output
        width = max(20, pane.size.width - 4) if pane.size.width else 72
        body = Text()
        for name, side in (("run", node.run), ("baseline", node.baseline)):
            if side.status is None:
                body.append(f"the {name} never reached {node.slug}\n", "italic")
            elif side.error:
                body.append(f"{name}: {side.error}\n", "red")
        for change in changes:
            body.append(change.says(width) + "\n", CHANGE_STYLES[change.change])
        if not changes:
            body.append(f"no difference in {what}", "dim")
        self.query_one("#diff-changes-body", Static).update(body)

    # -- actions ---------------------------------------------------------------------------

    def action_toggle_config(self) -> None:
        self.show_config = not self.show_config
        if self.selected is not None:
            self._show_node(self.selected)

    def action_name_run(self) -> None:
        def chosen(text: str | None) -> None:
            if text:
                self.load(text)

        self.app.push_screen(NameRunDialog(), chosen)

    def uuid_target(self) -> tuple[str, str] | None:
        if self.diff is None:
            return None
        return ("the baseline run", self.diff.baseline.uuid)
