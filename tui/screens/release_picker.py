"""Pick two releases of a workflow to compare: each labelled by version and deploy date, the
default pair marked already, so ``enter`` alone compares it."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.api.models.orchestration import Release
from tui.screens.base import ShowsResults, renders
from tui.screens.workflow.context import WorkflowReleases, releases_of
from tui.session import session_of
from tui.state.release_pairs import default_pair
from widgets.fitting import clip
from widgets.list_table import ListTable

Pair = tuple[str, str]
MARK = "●"


def deployed_text(release: Release) -> str:
    """``2026-12-01 22:43``; a draft's ``draft``, not deployed."""
    if release.deployed_at is None:
        return "not deployed"
    return release.deployed_at.strftime("%Y-%m-%d %H:%M")


class ReleasePicker(ShowsResults, ModalScreen[Pair | None]):
    """A workflow's releases, newest first; two marked (``space``), ``enter`` compares them.
    ``anchor``: the release the default pair starts from (a batch's); ``marked``: a pair to
    mark instead (the one a release diff shows)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="dialog-cancel"),
        Binding("space", "mark", "Mark", id="release-mark"),
        Binding("enter", "compare", "Compare", id="release-compare"),
    ]

    def __init__(
        self, workflow_uuid: str, title: str, anchor: str | None = None, marked: Pair | None = None
    ) -> None:
        super().__init__()
        self.workflow_uuid = workflow_uuid
        self.title_text = title
        self.anchor_uuid = anchor
        self.releases: list[Release] = []
        self.marked: list[str] = list(marked or ())

    def compose(self) -> ComposeResult:
        with Vertical(id="release-picker") as box:
            box.border_title = clip(f"Compare releases · {self.title_text}", 60)
            box.border_subtitle = "space mark · enter compare · escape cancel"
            table: DataTable[str | Text] = ListTable(id="release-list", cursor_type="row")
            yield table
            yield Static("", id="release-picker-status")

    def on_mount(self) -> None:
        table = self.query_one("#release-list", DataTable)
        for label in ("", "version", "deployed", "status", "description"):
            table.add_column(label, key=label or "mark")
        table.loading = True
        table.focus()
        self.list_releases()

    @work(exclusive=True, group="releases", exit_on_error=False)
    async def list_releases(self) -> WorkflowReleases:
        client = await session_of(self.app).connect()
        return await releases_of(client, self.workflow_uuid)

    def show_failure(self, group: str, error: BaseException | None) -> None:
        self.query_one("#release-list").loading = False
        self._say(f"The releases could not be listed: {error}. Escape, then try again.")

    @renders(WorkflowReleases)
    def _listed(self, listed: WorkflowReleases) -> None:
        self.releases = listed.releases
        table = self.query_one("#release-list", DataTable)
        table.loading = False
        uuids = [r.uuid for r in self.releases]
        if not all(uuid in uuids for uuid in self.marked) or len(self.marked) != 2:
            pair = default_pair(self.releases, self.anchor_uuid)
            self.marked = [r.uuid for r in pair] if pair else []
        for release in self.releases:
            table.add_row(*self._cells(release), key=release.uuid)
        if self.marked:
            table.move_cursor(row=uuids.index(self.marked[0]))
        self._said()

    def _cells(self, release: Release) -> list[str | Text]:
        mark = Text(MARK, "bold") if release.uuid in self.marked else Text(" ")
        batch = " (the batch's)" if release.uuid == self.anchor_uuid else ""
        return [mark, release.label + batch, deployed_text(release), str(release.status or ""),
                clip(release.description or "", 40)]  # fmt: skip

    def _said(self) -> None:
        by_uuid = {r.uuid: r for r in self.releases}
        if len(self.releases) < 2:
            self._say("This workflow has fewer than two releases: nothing to compare.")
        elif len(self.marked) == 2:
            a, b = (by_uuid[u].label for u in self.marked)
            self._say(f"enter: compare {a} and {b}")
        else:
            self._say("space: mark two releases, then enter")

    def _say(self, text: str) -> None:
        self.query_one("#release-picker-status", Static).update(text)

    def action_mark(self) -> None:
        """Mark the release under the cursor (a third mark unmarks the earliest); or unmark."""
        table = self.query_one("#release-list", DataTable)
        if not self.releases:
            return
        uuid = self.releases[table.cursor_row].uuid
        if uuid in self.marked:
            self.marked.remove(uuid)
        else:
            self.marked = [*self.marked[-1:], uuid]
        for release in self.releases:
            table.update_cell(release.uuid, "mark", self._cells(release)[0])
        self._said()

    def action_compare(self) -> None:
        """The two marked; with one marked, it and the release under the cursor."""
        table = self.query_one("#release-list", DataTable)
        if len(self.releases) < 2:
            return
        chosen = list(self.marked)
        under = self.releases[table.cursor_row].uuid
        if len(chosen) == 1 and under not in chosen:
            chosen.append(under)
        if len(chosen) != 2:
            self._say("Mark two releases with space first (or one, and put the cursor on the "
                      "other).")  # fmt: skip
            return
        self.dismiss((chosen[0], chosen[1]))

    @on(DataTable.RowSelected, "#release-list")
    def _selected(self) -> None:
        self.action_compare()
