"""The form beside the filter editor: the filter's conditions in words, and a row that adds one
(a column, then an operator valid for its type, then its value).

The form never keeps a filter of its own: it asks the editor to add or remove a condition (the
editor writes the JSON), and the editor's JSON, whenever it parses, fills the form's list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from tui.api.filters import (
    ConditionError,
    Operand,
    build_condition,
    describe_condition,
    operand_of,
    operators_for,
)

#: Operators built with forms of their own (property conditions, segments): not offered here.
_OWN_FORMS = (Operand.PROPERTY_CONDITIONS, Operand.SEGMENT)
NEW_AND, NEW_OR = "new-and", "new-or"


class ConditionBuilder(Vertical):
    BINDINGS = [
        Binding("delete,x", "remove_condition", "Remove condition", id="remove-condition"),
    ]

    class Add(Message):
        """Add ``condition`` to group ``group`` (None: a new group joined by ``conjonction``)."""

        def __init__(self, condition: dict[str, Any], group: int | None, conjonction: str) -> None:
            super().__init__()
            self.condition = condition
            self.group = group
            self.conjonction = conjonction

    class Remove(Message):
        def __init__(self, group: int, index: int) -> None:
            super().__init__()
            self.group = group
            self.index = index

    def __init__(self) -> None:
        super().__init__(id="builder")
        #: slug -> (type, label)
        self.columns: dict[str, tuple[str, str]] = {}
        self.groups = 0

    def compose(self) -> ComposeResult:
        yield Label("Conditions", classes="builder-heading")
        conditions = OptionList(id="builder-conditions")
        conditions.border_subtitle = "x remove"
        yield conditions
        yield Label("Add a condition", classes="builder-heading")
        with Horizontal(classes="builder-row"):
            yield Label("column", classes="builder-label")
            yield Select[str]([], prompt="pick a column", id="builder-column", compact=True)
        with Horizontal(classes="builder-row"):
            yield Label("operator", classes="builder-label")
            yield Select[str]([], prompt="pick a column first", id="builder-operator", compact=True)
        with Horizontal(classes="builder-row", id="builder-value-row"):
            yield Label("value", classes="builder-label", id="builder-value-label")
            yield Input(id="builder-value", compact=True)
        with Horizontal(classes="builder-row", id="builder-other-row"):
            yield Label("and", classes="builder-label")
            yield Input(id="builder-other", compact=True)
        with Horizontal(classes="builder-row"):
            yield Label("into", classes="builder-label")
            yield Select[str](
                self._group_options(),
                value=NEW_AND,
                allow_blank=False,
                id="builder-group",
                compact=True,
            )
        yield Button("Add", variant="primary", id="builder-add", compact=True)
        yield Static("", id="builder-note")

    def on_mount(self) -> None:
        self._show_operand(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_condition":
            return self.query_one("#builder-conditions", OptionList).has_focus
        return True

    # -- what the form offers --------------------------------------------------------------

    def set_columns(self, columns: Sequence[tuple[str, str, str]]) -> None:
        """The model's columns as ``(slug, type, label)``."""
        self.columns = {slug: (kind, label) for slug, kind, label in columns}
        options = [(f"{label or slug} ({kind})", slug) for slug, kind, label in columns]
        self.query_one("#builder-column", Select).set_options(options)
        self.query_one("#builder-operator", Select).set_options([])
        self._show_operand(None)
        self.note("")

    def show_filter(self, data: Any, labels: Mapping[str, str]) -> None:
        """Fill the list of conditions from the editor's JSON (any shape: it shows what it can)."""
        listing = self.query_one("#builder-conditions", OptionList)
        highlighted = listing.highlighted
        options: list[Option] = []
        groups = data.get("groups") if isinstance(data, Mapping) else None
        groups = groups if isinstance(groups, list) else []
        outer = data.get("conjonction", "and") if isinstance(data, Mapping) else "and"
        for g, group in enumerate(groups):
            conditions = group.get("conditions") if isinstance(group, Mapping) else None
            if not isinstance(conditions, list):
                continue
            inner = group.get("conjonction", "and") if isinstance(group, Mapping) else "and"
            for i, condition in enumerate(conditions):
                joined = f"{inner} " if i else (f"{outer} " if g else "")
                prompt = Content.assemble(
                    (f"{g + 1}.{i + 1} ", "$text-muted"),
                    (joined, "$text-accent"),
                    describe_condition(condition, labels),
                )
                options.append(Option(prompt, id=f"{g}:{i}"))
        if not options:
            options.append(
                Option(Content.styled("no condition: every record", "$text-muted"), disabled=True)
            )
        listing.set_options(options)
        if highlighted is not None and options:
            listing.highlighted = min(highlighted, len(options) - 1)
        if len(groups) != self.groups:
            self.groups = len(groups)
            select = self.query_one("#builder-group", Select)
            value = select.value
            select.set_options(self._group_options())
            known = {v for _, v in self._group_options()}
            select.value = value if value in known else NEW_AND

    def _group_options(self) -> list[tuple[str, str]]:
        return [("a new group (and)", NEW_AND), ("a new group (or)", NEW_OR)] + [
            (f"group {g + 1}", str(g)) for g in range(self.groups)
        ]

    def note(self, message: str, *, error: bool = False) -> None:
        note = self.query_one("#builder-note", Static)
        note.set_class(error, "error")
        note.update(message)

    # -- picking ---------------------------------------------------------------------------

    @on(Select.Changed, "#builder-column")
    def _column_picked(self, event: Select.Changed) -> None:
        kind = self._column_type()
        operator = self.query_one("#builder-operator", Select)
        if kind is None:
            operator.set_options([])
            self._show_operand(None)
            return
        offered = [op for op in operators_for(kind) if operand_of(kind, op) not in _OWN_FORMS]
        operator.set_options([(op, op) for op in offered])
        operator.value = offered[0]
        self.note("")

    @on(Select.Changed, "#builder-operator")
    def _operator_picked(self, event: Select.Changed) -> None:
        kind, operator = self._column_type(), event.value
        if kind is None or not isinstance(operator, str):
            self._show_operand(None)
            return
        self._show_operand(operand_of(kind, operator), kind)

    def _column_type(self) -> str | None:
        slug = self.query_one("#builder-column", Select).value
        return self.columns[slug][0] if isinstance(slug, str) and slug in self.columns else None

    def _show_operand(self, operand: Operand | None, kind: str | None = None) -> None:
        """One input for a value or values, two for bounds, none for isNull and the like."""
        bounds = operand in (Operand.BOUNDS, Operand.VALUE_AND_OTHER)
        self.query_one("#builder-value-row").display = bounds or operand in (
            Operand.VALUE,
            Operand.VALUES,
        )
        self.query_one("#builder-other-row").display = bounds
        example = "like 2026-01-31" if kind == "date" else ""
        label, placeholder = {
            Operand.VALUES: ("values", "one, or several separated by commas"),
            Operand.BOUNDS: ("between", f"first value {example}"),
            Operand.VALUE_AND_OTHER: ("between", "first value"),
        }.get(operand or Operand.NONE, ("value", f"a value {example}"))
        self.query_one("#builder-value-label", Label).update(label)
        self.query_one("#builder-value", Input).placeholder = placeholder.strip()
        self.query_one("#builder-other", Input).placeholder = f"last value {example}".strip()

    # -- adding and removing ---------------------------------------------------------------

    @on(Button.Pressed, "#builder-add")
    @on(Input.Submitted, "#builder-value, #builder-other")
    def add(self) -> None:
        slug = self.query_one("#builder-column", Select).value
        operator = self.query_one("#builder-operator", Select).value
        if not isinstance(slug, str) or slug not in self.columns:
            self.note("Pick a column first.", error=True)
            return
        if not isinstance(operator, str):
            self.note("Pick an operator.", error=True)
            return
        kind = self.columns[slug][0]
        operand = operand_of(kind, operator)
        raw = self.query_one("#builder-value", Input).value
        other = self.query_one("#builder-other", Input).value or None
        value: object = None
        if operand is Operand.VALUES:
            value = [part.strip() for part in raw.split(",")] if raw.strip() else None
        elif operand is not Operand.NONE:
            value = raw.strip() or None
        try:
            condition = build_condition(slug, kind, operator, value, other)
        except ConditionError as error:
            self.note(str(error), error=True)
            return
        target = self.query_one("#builder-group", Select).value
        group = int(target) if isinstance(target, str) and target.isdigit() else None
        self.post_message(self.Add(condition, group, "or" if target == NEW_OR else "and"))

    def added(self, description: str) -> None:
        """The editor took the condition: clear the values for the next one."""
        self.query_one("#builder-value", Input).value = ""
        self.query_one("#builder-other", Input).value = ""
        self.note(f"Added: {description}")

    def action_remove_condition(self) -> None:
        listing = self.query_one("#builder-conditions", OptionList)
        if not listing.has_focus or listing.highlighted is None:
            return
        option = listing.get_option_at_index(listing.highlighted)
        if option.id and ":" in option.id:
            group, index = option.id.split(":")
            self.post_message(self.Remove(int(group), int(index)))
