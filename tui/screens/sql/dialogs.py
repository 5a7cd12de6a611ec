"""The editor's small dialogs: a text viewer (error text, a cell), the linter's findings
before sending, and a name prompt (rename a buffer)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.validation import Function
from textual.widgets import Input, Static

from tui.api.sql import Finding, Severity


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


class LintDialog(ModalScreen[str | None]):
    """What the linter found before sending; answers "send", "fix:<n>", "fix:all" or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "answer('send')", "Send anyway", id="lint-send"),
        Binding("f", "answer('fix:all')", "Apply fixes", id="lint-fix-all"),
        Binding("escape", "dismiss(None)", "Back to editing", id="lint-back"),
        *(
            Binding(str(n), f"answer('fix:{n}')", f"Fix {n}", show=False, id=f"lint-fix-{n}")
            for n in range(1, 10)
        ),
    ]

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__()
        self.findings = list(findings)

    def compose(self) -> ComposeResult:
        fixes = [f for f in self.findings if f.fix is not None]
        with Vertical(classes="sql-dialog sql-lint") as box:
            box.border_title = "Before sending"
            keys = "enter send anyway · esc edit"
            box.border_subtitle = (
                f"f apply {'fixes' if len(fixes) > 1 else 'fix'} · " if fixes else ""
            ) + keys
            yield Static(self._describe(), id="lint-findings")

    def _describe(self) -> Content:
        lines: list[Content] = []
        number = 0
        for finding in self.findings:
            style = "$text-error" if finding.severity is Severity.ERROR else "$text-warning"
            lines.append(Content.assemble(("● ", style), finding.message))
            if finding.fix is not None:
                number += 1
                lines.append(Content.styled(f"  {number}: {finding.fix.label}", "$text-accent"))
        return Content("\n").join(lines)

    def action_answer(self, answer: str) -> None:
        if answer.startswith("fix:"):
            fixes = [f for f in self.findings if f.fix is not None]
            which = answer.removeprefix("fix:")
            if not fixes or (which != "all" and int(which) > len(fixes)):
                return
        self.dismiss(answer)


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
