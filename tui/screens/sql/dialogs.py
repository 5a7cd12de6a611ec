"""The editor's small dialogs: a text viewer (error text, a cell) and a name prompt
(rename a buffer)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.validation import Function
from textual.widgets import Input, Static


class TextDialog(ModalScreen[None]):
    """A long text, scrollable, that ``y`` copies (OSC 52, so it works over SSH)."""

    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", id="dialog-close"),
        Binding("y", "copy", "Copy", id="dialog-copy"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="sql-dialog") as box:
            box.border_title = self.title_text
            box.border_subtitle = "y copy · esc close"
            with VerticalScroll(classes="sql-dialog-body"):
                yield Static(Content(self.text), id="dialog-text")

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify(f"Copied {len(self.text):,} characters.", timeout=3)


class NameDialog(ModalScreen[str | None]):
    """One line of text, required: a buffer's new name."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog-cancel")]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.dialog_title = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="sql-dialog sql-name") as box:
            box.border_title = self.dialog_title
            box.border_subtitle = "enter ok · esc cancel"
            yield Input(
                self.value,
                id="name-input",
                validators=[Function(lambda text: bool(text.strip()), "A name is required.")],
            )
            yield Static("", id="name-status", classes="sql-dialog-status")

    @on(Input.Submitted, "#name-input")
    def _submit(self, event: Input.Submitted) -> None:
        result = event.validation_result
        if result is not None and not result.is_valid:
            self.query_one("#name-status", Static).update(result.failure_descriptions[0])
            return
        self.dismiss(" ".join(event.value.split()))
