"""``ctrl+s``: name the buffer and save it among the saved queries, validated as you type."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Static

from tui.state.saved_queries import (
    LIBRARY,
    MAX_NAME,
    SavedQueries,
    SavedQuery,
    SavedQueryError,
)
from widgets.form_controls import Checkbox


@dataclass(frozen=True)
class NameCheck:
    """Whether a name can be used: empty, too long, shipped, taken (replaceable) or free."""

    problem: str | None
    taken: bool = False


def check_name(name: str, user: list[SavedQuery]) -> NameCheck:
    wanted = " ".join(name.split()).lower()
    if not wanted:
        return NameCheck("Give the query a name.")
    if len(wanted) > MAX_NAME:
        return NameCheck(f"Names are at most {MAX_NAME} characters.")
    if any(query.name.lower() == wanted for query in LIBRARY):
        return NameCheck("That is one of the app's own queries; pick another name.")
    if any(query.name.lower() == wanted for query in user):
        return NameCheck("A saved query has that name; tick replace to overwrite it.", taken=True)
    return NameCheck(None)


class FreeName(Validator):
    def __init__(self, dialog: SaveQueryDialog) -> None:
        super().__init__()
        self.dialog = dialog

    def validate(self, value: str) -> ValidationResult:
        check = check_name(value, self.dialog.user)
        if check.problem is None or (check.taken and self.dialog.replace):
            return self.success()
        return self.failure(check.problem)


class SaveQueryDialog(ModalScreen[SavedQuery | None]):
    """Saves through :class:`SavedQueries`; answers the saved query, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="dialog-cancel"),
        # From the checkbox, which leaves enter to the dialog ("enter save", from any field).
        Binding("enter", "save", "Save", show=False, id="save-submit"),
    ]

    def __init__(self, sql: str, name: str, store: SavedQueries) -> None:
        super().__init__()
        self.sql = sql
        self.suggested = name
        self.store = store
        self.user = store.user()

    @property
    def replace(self) -> bool:
        return self.query_one("#save-replace", Checkbox).value

    def compose(self) -> ComposeResult:
        with Vertical(classes="sql-dialog sql-name") as box:
            box.border_title = "Save the query"
            box.border_subtitle = "enter save · esc cancel"
            yield Input(self.suggested, placeholder="a name", id="save-name")
            yield Checkbox("replace a saved query of that name", id="save-replace")
            yield Static("", id="save-status", classes="sql-dialog-status")

    def on_mount(self) -> None:
        field = self.query_one("#save-name", Input)
        field.validators = [FreeName(self)]
        field.validate(field.value)
        self._show(field.value)

    @on(Input.Changed, "#save-name")
    def _changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Checkbox.Changed, "#save-replace")
    def _replace_changed(self) -> None:
        field = self.query_one("#save-name", Input)
        field.validate(field.value)
        self._show(field.value)

    def _show(self, name: str) -> None:
        check = check_name(name, self.user)
        if check.taken and self.replace:
            said = "Saving replaces the saved query of that name."
        else:
            said = check.problem or ""
        self.query_one("#save-status", Static).update(said)

    @on(Input.Submitted, "#save-name")
    def action_save(self) -> None:
        name = self.query_one("#save-name", Input).value
        check = check_name(name, self.user)
        if check.problem is not None and not (check.taken and self.replace):
            self.query_one("#save-status", Static).update(check.problem)
            return
        try:
            saved = self.store.save(name, self.sql, replace=self.replace)
        except SavedQueryError as problem:
            self.query_one("#save-status", Static).update(str(problem))
            return
        self.dismiss(saved)
