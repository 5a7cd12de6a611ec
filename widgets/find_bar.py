"""The find field of a list: hidden until ``/`` asks for it, gone again on escape, the focus
back on the list it searches."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class FindBar(Input):
    """:meth:`open` shows and focuses it, its text selected (typing replaces it, arrows keep
    it); escape hides it and focuses ``returns_to`` (a selector on the screen). With
    ``keep_while_filtering`` it stays in view while its text still filters the list."""

    BINDINGS = [Binding("escape", "close", "Close the search", show=False)]

    def __init__(
        self,
        placeholder: str,
        *,
        returns_to: str,
        id: str,
        keep_while_filtering: bool = False,
    ) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.returns_to = returns_to
        self.keep_while_filtering = keep_while_filtering
        self.display = False

    def open(self) -> None:
        self.display = True
        self.screen.set_focus(self)  # at once: the keys typed next go here
        self.select_all()

    def action_close(self) -> None:
        self.close()

    def close(self) -> None:
        """Hide (unless it still filters and is kept) and give the focus back to the list."""
        self.display = self.keep_while_filtering and bool(self.value)
        self.screen.set_focus(self.screen.query_one(self.returns_to))
