"""The buffers, one tab each, one text area each (so each keeps its own undo history).

The tabs mirror :class:`tui.state.buffers.Buffers`: :meth:`BufferTabs.snapshot` reads them back
for the :class:`~tui.state.buffers.BufferWriter`, which saves them as the user types.
"""

from __future__ import annotations

import itertools

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import TabPane

from tui.screens.sql.editor import SqlTextArea
from tui.state.buffers import Buffer, Buffers
from widgets.tab_window import WholeTabs


class TypedEarly:
    """What is typed while the buffers load (someone who presses ``s`` and types at once must
    not lose the first characters): typed into the editor once it opens."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        #: Set once the editor has opened: the keys go to it from then on.
        self.released = False

    def take(self, event: events.Key) -> bool:
        """Keep the key (True), unless the editor is open or the key types nothing."""
        if self.released:
            return False
        if event.key == "backspace":
            if self.keys:
                self.keys.pop()
        elif event.key == "enter":
            self.keys.append("\n")
        elif event.is_printable and event.character:
            self.keys.append(event.character)
        else:
            return False
        return True

    def type_into(self, editor: SqlTextArea) -> None:
        if self.keys:
            editor.insert("".join(self.keys))
            self.keys.clear()
        self.released = True


class BufferTabs(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ids = itertools.count(1)

    def compose(self) -> ComposeResult:
        yield WholeTabs(id="buffer-tabs")

    @property
    def tabs(self) -> WholeTabs:
        return self.query_one("#buffer-tabs", WholeTabs)

    @property
    def editors(self) -> list[SqlTextArea]:
        return list(self.query(SqlTextArea))

    @property
    def active(self) -> SqlTextArea | None:
        pane = self.tabs.active_pane
        if pane is None:
            return None
        found = pane.query(SqlTextArea)
        return found.first() if found else None

    async def load(self, buffers: Buffers) -> None:
        """Show the saved buffers (replacing any shown), the saved active one in front."""
        await self.tabs.clear_panes()
        ids = []
        for buffer in buffers.buffers:
            ids.append(await self.add(buffer, activate=False))
        if ids:
            self.tabs.active = ids[min(max(buffers.active, 0), len(ids) - 1)]

    async def add(self, buffer: Buffer, *, activate: bool = True) -> str:
        """A new tab holding ``buffer``; its pane id."""
        number = next(self._ids)
        editor = SqlTextArea(buffer.text, buffer_name=buffer.name, id=f"editor-{number}")
        pane = TabPane(buffer.name, editor, id=f"buffer-{number}")
        await self.tabs.add_pane(pane)
        editor.cursor_location = buffer.cursor
        if activate:
            self.tabs.active = pane.id or ""
            editor.focus()
        return pane.id or ""

    def unused_name(self, stem: str = "query") -> str:
        """``query 1`` (or ``history 1``...), the first such name no buffer has."""
        taken = {editor.buffer_name for editor in self.editors}
        return next(f"{stem} {n}" for n in itertools.count(1) if f"{stem} {n}" not in taken)

    async def close_active(self) -> None:
        pane = self.tabs.active_pane
        if pane is None or pane.id is None:
            return
        await self.tabs.remove_pane(pane.id)
        if not self.editors:
            await self.add(Buffer(self.unused_name()))
        elif self.active is not None:
            self.active.focus()

    def rename_active(self, name: str) -> None:
        editor, pane = self.active, self.tabs.active_pane
        if editor is None or pane is None or pane.id is None:
            return
        editor.buffer_name = name
        self.tabs.get_tab(pane.id).label = name
        self.tabs.fit()

    def show(self, editor: SqlTextArea) -> None:
        """Bring ``editor``'s buffer to the front, the focus in it."""
        pane = next((p for p in self.query(TabPane) if editor in p.query(SqlTextArea)), None)
        if pane is not None and pane.id:
            self.tabs.active = pane.id
        editor.focus()

    def step(self, by: int) -> None:
        """Show the next (``by`` = 1) or previous (-1) buffer."""
        panes = [pane.id for pane in self.query(TabPane) if pane.id]
        active = self.tabs.active
        if not panes or active not in panes:
            return
        self.tabs.active = panes[(panes.index(active) + by) % len(panes)]
        if self.active is not None:
            self.active.focus()

    def snapshot(self) -> Buffers:
        """The buffers as they are now: names, texts, cursors, which one is in front."""
        editors = self.editors
        if not editors:
            return Buffers()
        buffers = [Buffer(e.buffer_name, e.text, e.cursor_location) for e in editors]
        active = self.active
        index = editors.index(active) if active in editors else 0
        return Buffers(buffers, index)
