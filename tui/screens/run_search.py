"""Search inside a run, in run detail: ``/`` finds text in the keys and values of every node's
output (``enter`` or ``down`` the next match, ``up`` or ``shift+enter`` the one before; ``n``
``N`` once the field is left); text starting with ``.`` is a jq-style path that narrows the
tree to what it names (``.clearbit_enrich.body.error``, ``.enrich.tech[]``); ``f`` shows the
failed nodes only. The logic is in :mod:`tui.state.run_search`; here it is put on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

from rich.text import Text
from textual import events, on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.worker import get_current_worker

from tui.api.models.runs import Execution, ExecutionStatus, RunDetail
from tui.screens.base import ShowsResults, renders
from tui.state.run_search import (
    Found,
    Missing,
    PathError,
    PathQuery,
    Stopped,
    TextQuery,
    find,
    format_path,
    format_steps,
    parse_path,
    parse_query,
    select,
)
from widgets.find_bar import FindBar
from widgets.humanize import count, plural
from widgets.json_tree import JsonTree

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widgets.data_table import RowKey


class SearchedRun(Protocol):
    """What the search needs of run detail: the run, its executions in timeline order (a
    timeline row's key is an index in them), and a way to show a node."""

    detail: RunDetail | None
    executions: list[Execution]
    selected: Execution | None
    show_config: bool

    def _show_node(self, execution: Execution) -> None: ...


class RunFindBar(FindBar):
    """The find field: the arrows (and ``shift+enter`` where the terminal sends it) step
    through the matches without leaving it."""

    BINDINGS = [
        Binding("down", "step(1)", "Next match", show=False, id="run-search-next"),
        Binding("up,shift+enter", "step(-1)", "Previous match", show=False, id="run-search-prev"),
    ]

    @dataclass
    class Step(Message):
        step: int

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(step))


@dataclass(frozen=True)
class Shown:
    """What the tree shows for the search: ``path`` (below the node's output) of the node of
    ``execution`` with ``mark`` highlighted, or the ``value`` a path filter narrowed to."""

    execution: Execution
    path: tuple[str | int, ...] = ()
    mark: str = ""
    narrowed: str = ""
    value: Any = None
    values: int = 0


@dataclass(frozen=True)
class Searched:
    generation: int
    found: Found


class RunSearch(ShowsResults, Vertical):
    """The find field and its line, under the breadcrumb; both hidden until used."""

    DEFAULT_CSS = """
    RunSearch {
        height: auto;
    }
    RunSearch #run-search-line {
        height: auto;
        max-height: 3;
        padding: 0 1;
        display: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.found: Found | None = None
        #: Which match is shown (an index in ``found.matches``).
        self.at = 0
        self.shown: Shown | None = None
        self.failed_only = False
        #: What the line says about the search (the failed-only part is added to it).
        self.said: Text = Text()
        self._generation = 0
        #: The path that narrowed the tree last (it narrows the next run's too).
        self.narrowed_by = ""
        #: The timeline's rows as they were before ``f`` hid some: key and cells, in order.
        self._rows: list[tuple[RowKey, list[Any]]] = []

    def compose(self) -> ComposeResult:
        yield RunFindBar(
            "find in the node outputs · .node.key narrows to a path",
            returns_to="#node-output",
            id="run-find",
            keep_while_filtering=True,
        )
        yield Static("", id="run-search-line")

    @property
    def run(self) -> SearchedRun:
        return cast("SearchedRun", self.screen)

    @property
    def field(self) -> RunFindBar:
        return self.query_one(RunFindBar)

    @property
    def timeline(self) -> DataTable[Any]:
        return self.screen.query_one("#timeline", DataTable)

    # -- what run detail calls ------------------------------------------------------------------

    def open(self) -> None:
        self.field.open()

    def step(self, step: int) -> None:
        """``n`` / ``N``: the next or previous match."""
        found = self.found
        if found is None or not found.matches:
            hint = "no match to step to" if found else "type / and what to find first"
            self.notify(f"Nothing found yet: {hint}.", timeout=3)
            return
        self.at = (self.at + step) % len(found.matches)
        self._jump()

    def toggle_failed(self) -> None:
        run = self.run
        if run.detail is None:
            return
        if not self.failed_only and not any(_failed(e) for e in run.executions):
            self.notify("No node failed in this run: every node is shown.", timeout=3)
            return
        self.failed_only = not self.failed_only
        self._fill_timeline(capture=self.failed_only)
        self._again()

    def run_loaded(self) -> None:
        """A run was shown (or another, by ``[`` ``]``): the same search in it."""
        self._rows = []
        if self.failed_only:
            if any(_failed(e) for e in self.run.executions):
                self._fill_timeline(capture=True)
            else:
                self.failed_only = False
                self.notify("No node failed in this run: every node is shown.", timeout=3)
        self._again()

    def node_shown(self, execution: Execution) -> None:
        """The screen showed ``execution``'s output: the match or the narrowed value again if
        it is this node's. Another node shows its whole output; back on this one, the search
        shows again (the timeline also says so of moves it was told to make, late)."""
        shown = self.shown
        if shown is None or shown.execution is not execution or self.run.show_config:
            return
        tree = self.screen.query_one("#node-output", JsonTree)
        if shown.narrowed:
            tree.load(shown.value, shown.narrowed)
            values = plural(shown.values, "value")
            tree.border_title = f"{execution.node_slug} · {shown.narrowed} · {values}"
        else:
            tree.reveal(shown.path, shown.mark)

    # -- typing -------------------------------------------------------------------------------

    @on(Input.Changed, "#run-find")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        query = parse_query(event.value)
        self.narrowed_by = ""
        if isinstance(query, PathQuery):
            self.found = None
            try:
                steps = parse_path(query.text)
            except PathError as error:
                self._say(Text(str(error), "red"))
            else:
                self._say(Text(f"enter narrows the tree to {format_steps(steps)}", "dim"))
        elif isinstance(query, TextQuery):
            self._search(query.text)
        else:
            self._clear()

    @on(Input.Submitted, "#run-find")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        query = parse_query(event.value)
        if isinstance(query, PathQuery):
            self._narrow(query.text)
        elif isinstance(query, TextQuery):
            if self.found is not None and self.found.needle == query.text:
                self.step(1)
        else:
            self.field.close()

    @on(RunFindBar.Step)
    def _stepped(self, event: RunFindBar.Step) -> None:
        event.stop()
        self.step(event.step)

    def on_descendant_focus(self, _: events.DescendantFocus) -> None:
        self._say(self.said)  # the hint depends on where the keys go

    def on_descendant_blur(self, _: events.DescendantBlur) -> None:
        self._say(self.said)

    # -- finding text -------------------------------------------------------------------------

    def _outputs(self) -> dict[str, Any]:
        """The outputs of the nodes the timeline shows, in its order."""
        run = self.run
        if run.detail is None:
            return {}
        context = run.detail.run_context
        slugs = dict.fromkeys(e.node_slug for e in self._visible() if e.node_slug in context)
        return {slug: context[slug] for slug in slugs if slug is not None}

    def _search(self, needle: str) -> None:
        self._generation += 1
        self.find_text(self._generation, self._outputs(), needle)

    @work(thread=True, exclusive=True, group="run-search", exit_on_error=False)
    def find_text(self, generation: int, context: dict[str, Any], needle: str) -> Searched | None:
        worker = get_current_worker()
        try:
            return Searched(generation, find(context, needle, stop=lambda: worker.is_cancelled))
        except Stopped:
            return None

    @renders(Searched)
    def _found(self, searched: Searched) -> None:
        if searched.generation != self._generation:
            return  # typed on since
        found = self.found = searched.found
        self.at = 0
        if found.matches:
            self._jump()
            return
        self.shown = None
        nodes = plural(len(self._outputs()), "node")
        self._say(Text(f"No match for {found.needle!r} in the outputs of {nodes}", "yellow"))

    def _jump(self) -> None:
        """Show the match at ``self.at``: its node selected, the tree open down to it."""
        assert self.found is not None
        match = self.found.matches[self.at]
        execution = self._execution(str(match.path[0]))
        if execution is None:
            return
        self.shown = Shown(execution, match.path[1:], mark=self.found.needle)
        more = "" if self.found.complete else "+"
        where = "key" if match.in_key and not match.in_value else ""
        self._say(
            Text.assemble(
                (f"{count(self.at + 1)} of {count(len(self.found.matches))}{more}", "bold"),
                "  ",
                (format_path(match.path), "cyan"),
                (f" (in the {where})" if where else "", "dim"),
            )
        )
        self._select(execution)

    # -- the path filter ----------------------------------------------------------------------

    def _narrow(self, text: str) -> None:
        """Enter on a path: the tree narrowed to what it names, or why it names nothing (the
        field keeps the text and the focus, to mend it)."""
        try:
            steps = parse_path(text)
            reached = select(self._outputs(), steps)
        except (PathError, Missing) as error:
            hidden = " (failed nodes only: f shows them all)" if self.failed_only else ""
            self._say(Text(f"{error}{hidden}", "red"))
            return
        first_path = reached[0][0]
        execution = self._execution(str(first_path[0])) if first_path else self.run.selected
        if execution is None:
            return
        label = format_steps(steps)
        if len(reached) == 1:
            value = reached[0][1]
            label = format_path(first_path)
        else:
            value = {format_path(path): value for path, value in reached}
        self.found = None
        self.narrowed_by = text
        self.shown = Shown(execution, narrowed=label, value=value, values=len(reached))
        self._say(Text.assemble((label, "cyan"), (f" · {plural(len(reached), 'value')}", "dim")))
        self._select(execution)
        self.field.close()

    # -- failed nodes only --------------------------------------------------------------------

    def _visible(self) -> list[Execution]:
        executions = self.run.executions
        return [e for e in executions if _failed(e)] if self.failed_only else executions

    def _fill_timeline(self, *, capture: bool) -> None:
        """The timeline's rows for ``failed_only``; ``capture``: every row is shown now, keep
        them to show again (else the rows kept, those shown as they are now: a status or a
        mark may have come since)."""
        timeline = self.timeline
        now = {row.key: timeline.get_row(row.key) for row in timeline.ordered_rows}
        if capture:
            self._rows = list(now.items())
        else:
            self._rows = [(key, now.get(key, cells)) for key, cells in self._rows]
        run = self.run
        visible = self._visible()
        keep = {str(run.executions.index(e)) for e in visible}
        timeline.clear()
        for key, cells in self._rows:
            if key.value in keep:
                timeline.add_row(*cells, key=key.value)
        selected = run.selected if run.selected in visible else None
        if selected is None and visible:
            selected = visible[0]
        if selected is not None:
            self._select(selected)

    # -- helpers ------------------------------------------------------------------------------

    def _execution(self, slug: str) -> Execution | None:
        """The node's last execution shown (its output is the one the run keeps)."""
        return next((e for e in reversed(self._visible()) if e.node_slug == slug), None)

    def _select(self, execution: Execution) -> None:
        """Select the node in the timeline and show it (the screen shows it again when the
        timeline says its cursor moved: the same, by ``node_shown``)."""
        run = self.run
        if run.show_config:
            run.show_config = False
        timeline = self.timeline
        key = str(run.executions.index(execution))
        try:
            row = timeline.get_row_index(key)
        except RowDoesNotExist:  # hidden by ``f``: the search only reaches the rows shown
            return
        timeline.move_cursor(row=row)
        run._show_node(execution)

    def _again(self) -> None:
        """Search again (another run, other nodes shown) for what the field holds."""
        self.shown = None
        query = parse_query(self.field.value)
        if isinstance(query, TextQuery):
            self._search(query.text)
        elif isinstance(query, PathQuery) and self.narrowed_by == query.text:
            self._narrow(query.text)  # it was narrowed: it stays so
        else:
            self._say(self.said)

    def _clear(self) -> None:
        self._generation += 1
        self.found = None
        shown, self.shown = self.shown, None
        self._say(Text())
        run = self.run
        if shown is not None and run.selected is not None:
            run._show_node(run.selected)  # the whole output again, no mark

    def _say(self, said: Text) -> None:
        """The line under the field: failed nodes only (when so), then ``said``."""
        self.said = said
        line = Text()
        if self.failed_only:
            shown, every = len(self._visible()), len(self.run.executions)
            line.append("failed only", "bold red")
            line.append(f" {shown} of {plural(every, 'node')} (f: all)", "dim")
            line.append("   " if said.plain else "")
        line.append_text(said)
        if said.plain and self.found is not None and self.found.matches:
            keys = "enter ↓ next, ↑ previous" if self.field.has_focus else "n next, N previous"
            line.append(f"   {keys}", "dim")
        status = self.query_one("#run-search-line", Static)
        status.update(line)
        status.display = bool(line.plain)


def _failed(execution: Execution) -> bool:
    return execution.status == ExecutionStatus.ERROR
