"""The floor: a bare Textual app that paints one line (what any Textual app pays to start)."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Floor(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("floor ready")


if __name__ == "__main__":
    Floor().run()
