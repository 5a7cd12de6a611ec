"""The Filter tab: a copy of the segment's filter as JSON, its sort and limit, checked as you type.

Each problem is listed with its line:column and marked in the editor; ctrl+f applies the fix of
the problem under the cursor (or the one highlighted in the list). The form beside the editor
writes its conditions into the JSON, and the JSON, whenever it parses, fills the form.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection

from tui.api.filters import (
    Code,
    ConditionError,
    FixNotApplicable,
    ModelSchema,
    add_condition,
    apply_fix,
    describe_condition,
    fix_all,
    pretty,
    remove_condition,
    validate_filter,
)
from tui.screens.base import ShowsResults, renders
from tui.screens.segments.builder import ConditionBuilder
from tui.screens.segments.problems import prompt, status_line
from tui.screens.segments.query import Checked, Found, check
from tui.state.segment_drafts import Draft
from widgets.marked_text_area import Mark, MarkedTextArea

#: Seconds of quiet typing before the draft is checked (and saved).
DEBOUNCE = 0.25


@dataclass(frozen=True)
class FilterChecked:
    """A draft as it was when checked (after the pause in typing), and what the check found."""

    draft: Draft
    checked: Checked


class FilterPane(ShowsResults, Vertical):
    class DraftChecked(Message):
        """The draft was checked after an edit (the screen saves it)."""

        def __init__(self, draft: Draft, checked: Checked) -> None:
            super().__init__()
            self.draft = draft
            self.checked = checked

    def __init__(self) -> None:
        super().__init__(id="filter-pane")
        self.schema: ModelSchema | None = None
        self.checked = Checked()
        self._found: list[Found] = []
        #: Which found problem each of the editor's marks is (the filter's placed problems).
        self._marked: list[int] = []
        #: The list's highlight moved to follow the cursor: that must not move the cursor back.
        self._following: int | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="filter-columns"):
            with Vertical(id="filter-json-column"):
                # No cursor-line highlight: it would paint over the mark of the problem under it.
                # No JSON highlighting: tree-sitter-json 0.24 crashes Textual 8.2 under
                # tree-sitter 0.26 (it works under 0.25); the marks are what matter here.
                editor = MarkedTextArea(
                    "",
                    show_line_numbers=True,
                    highlight_cursor_line=False,
                    id="filter-editor",
                    classes="panel",
                )
                editor.border_title = "Filter (JSON)"
                yield editor
                with Horizontal(id="filter-query-row"):
                    yield Label("sort", classes="query-label")
                    yield Input(placeholder="none", id="sort-input", compact=True)
                    yield Label("limit", classes="query-label")
                    yield Input(placeholder="none", id="limit-input", compact=True)
                problems = OptionList(id="filter-problems", classes="panel")
                problems.border_title = "Problems"
                yield problems
            with Vertical(id="filter-form-column", classes="panel") as form:
                form.border_title = "Form"
                yield ConditionBuilder()
        yield Static("", id="filter-status")

    @property
    def editor(self) -> MarkedTextArea:
        return self.query_one("#filter-editor", MarkedTextArea)

    @property
    def problems(self) -> OptionList:
        return self.query_one("#filter-problems", OptionList)

    @property
    def draft(self) -> Draft:
        return Draft(
            self.editor.text,
            self.query_one("#sort-input", Input).value,
            self.query_one("#limit-input", Input).value,
        )

    def load(self, draft: Draft, schema: ModelSchema | None, title: str) -> None:
        """Show another segment's draft (its own filter, or what the user left typed)."""
        self.schema = schema
        self.editor.load_text(draft.filter)
        self.editor.border_title = title
        self.query_one("#sort-input", Input).value = draft.sort
        self.query_one("#limit-input", Input).value = draft.limit
        builder = self.query_one(ConditionBuilder)
        if schema is None:
            builder.set_columns([])
        else:
            builder.set_columns(
                [(slug, kind, schema.label(slug)) for slug, kind in schema.columns.items()]
            )
        self.check_now(announce=False)

    # -- checking --------------------------------------------------------------------------

    @on(TextArea.Changed, "#filter-editor")
    @on(Input.Changed, "#sort-input, #limit-input")
    def _edited(self) -> None:
        self.check_later()

    @work(exclusive=True, group="filter-check", exit_on_error=False)
    async def check_later(self) -> FilterChecked:
        await asyncio.sleep(DEBOUNCE)
        draft = self.draft
        return FilterChecked(draft, check(draft, self.schema))

    @renders(FilterChecked)
    def _checked(self, checked: FilterChecked) -> None:
        self._show(checked.draft, checked.checked)

    def check_now(self, *, announce: bool = True) -> Checked:
        """Check the draft at once (before anything is sent, and after a fix)."""
        self.workers.cancel_group(self, "filter-check")
        draft = self.draft
        checked = check(draft, self.schema)
        self._show(draft, checked, announce=announce)
        return checked

    def _show(self, draft: Draft, checked: Checked, *, announce: bool = True) -> None:
        self.checked = checked
        self._found = list(checked.found)
        self.editor.set_marks(self._marks())
        options = [Option(prompt(found), id=str(n)) for n, found in enumerate(self._found)]
        problems = self.problems
        problems.set_options(
            options or [Option(Content.styled("no problem", "$text-muted"), disabled=True)]
        )
        problems.border_title = f"Problems · {checked.verdict()}"
        problems.set_class(bool(checked.errors), "-errors")
        self._status()
        if not any(f.problem.code is Code.INVALID_JSON for f in self._found):
            labels = self.schema.labels if self.schema else {}
            with contextlib.suppress(ValueError):
                self.query_one(ConditionBuilder).show_filter(json.loads(draft.filter), labels)
        self._follow_cursor()
        if announce:
            self.post_message(self.DraftChecked(draft, checked))

    def _marks(self) -> list[Mark]:
        marks = []
        self._marked = []
        for index, found in enumerate(self._found):
            problem = found.problem
            if found.source != "filter" or problem.line is None or problem.column is None:
                continue
            self._marked.append(index)
            end = (
                (problem.end_line - 1, problem.end_column - 1)
                if problem.end_line is not None and problem.end_column is not None
                else (problem.line - 1, problem.column)
            )
            start = (problem.line - 1, problem.column - 1)
            marks.append(Mark(start, end, "error" if problem.is_error else "warning"))
        return marks

    def _status(self, current: Found | None = None) -> None:
        labels = self.schema.labels if self.schema else {}
        self.query_one("#filter-status", Static).update(status_line(self.checked, labels, current))

    # -- the problem under the cursor ------------------------------------------------------

    def _under_cursor(self) -> int | None:
        mark = self.editor.mark_at(self.editor.cursor_location)
        return self._marked[mark] if mark is not None and mark < len(self._marked) else None

    @on(TextArea.SelectionChanged, "#filter-editor")
    def _follow_cursor(self) -> None:
        index = self._under_cursor()
        if index is not None and self.problems.highlighted != index:
            self._following = index
            self.problems.highlighted = index
        self._status(self._found[index] if index is not None else None)

    @on(OptionList.OptionHighlighted, "#filter-problems")
    def _problem_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self._following is not None and event.option_index == self._following:
            self._following = None
            return
        found = self._found_of(event.option)
        if found is not None:
            self._status(found)
            if self.problems.has_focus:
                self.show_spot(found)

    @on(OptionList.OptionSelected, "#filter-problems")
    def _problem_selected(self, event: OptionList.OptionSelected) -> None:
        found = self._found_of(event.option)
        if found is not None:
            self.show_spot(found)
            self._field(found).focus()

    def _found_of(self, option: Option) -> Found | None:
        if option.id is None or not option.id.isdigit():
            return None
        index = int(option.id)
        return self._found[index] if index < len(self._found) else None

    def _field(self, found: Found) -> MarkedTextArea | Input:
        if found.source == "filter":
            return self.editor
        return self.query_one(f"#{found.source}-input", Input)

    def show_spot(self, found: Found) -> None:
        """Select the problem's span in the editor (or its field), without taking focus."""
        problem = found.problem
        if found.source != "filter" or problem.line is None or problem.column is None:
            return
        start = (problem.line - 1, problem.column - 1)
        end = start
        if problem.end_line is not None and problem.end_column is not None:
            end = (problem.end_line - 1, problem.end_column - 1)
        self.editor.selection = Selection(start, end)
        self.editor.scroll_cursor_visible()

    def target(self) -> Found | None:
        """The problem a fix applies to: under the cursor, else highlighted, else the first."""
        focused = self.screen.focused
        if focused is self.editor:
            index = self._under_cursor()
            if index is not None:
                return self._found[index]
        for source in ("sort", "limit"):
            if focused is self.query_one(f"#{source}-input", Input):
                mine = [f for f in self._found if f.source == source]
                if mine:
                    return mine[0]
        highlighted = self.problems.highlighted
        if highlighted is not None and highlighted < len(self._found):
            return self._found[highlighted]
        return next((f for f in self._found if f.problem.fix is not None), None)

    # -- fixing ----------------------------------------------------------------------------

    def fix(self) -> str:
        """Apply the fix of :meth:`target`; what happened, for a notification."""
        self.check_now(announce=False)
        found = self.target()
        if found is None:
            return "Nothing to fix: the filter, sort and limit are valid."
        fix = found.problem.fix
        if fix is None:
            return f"No automatic fix for {found.where}: {found.problem.message}"
        field = self._field(found)
        try:
            if isinstance(field, MarkedTextArea):
                self.replace_text(apply_fix(field.text, fix))
            else:
                field.value = apply_fix(field.value, fix)
        except FixNotApplicable as error:
            self.check_now()
            return f"That fix no longer applies ({error}); the problems were checked again."
        self.check_now()
        return f"Fixed {found.where}: {fix.label}."

    def replace_text(self, new: str) -> None:
        """Make the editor hold ``new``, by one undoable edit of the part that changed."""
        editor, old = self.editor, self.editor.text
        if new == old:
            return
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        start, end = _location(old, prefix), _location(old, len(old) - suffix)
        result = editor.replace(new[prefix : len(new) - suffix], start, end)
        editor.selection = Selection(start, result.end_location)
        editor.scroll_cursor_visible()

    # -- the form --------------------------------------------------------------------------

    def _filter_data(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.editor.text)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    @on(ConditionBuilder.Add)
    def _add(self, event: ConditionBuilder.Add) -> None:
        builder = self.query_one(ConditionBuilder)
        data = self._filter_data()
        if data is None:
            builder.note("The editor does not hold a JSON object: fix it first.", error=True)
            return
        try:
            changed = add_condition(
                data, event.condition, group=event.group, conjonction=event.conjonction
            )
        except ConditionError as error:
            builder.note(str(error), error=True)
            return
        self.replace_text(pretty(changed) + "\n")
        self.check_now()
        labels = self.schema.labels if self.schema else {}
        builder.added(describe_condition(event.condition, labels))

    @on(ConditionBuilder.Remove)
    def _remove(self, event: ConditionBuilder.Remove) -> None:
        data = self._filter_data()
        if data is None:
            return
        try:
            changed = remove_condition(data, event.group, event.index)
        except ConditionError as error:
            self.query_one(ConditionBuilder).note(str(error), error=True)
            return
        self.replace_text(pretty(changed) + "\n")
        self.check_now()

    def fix_all(self) -> str:
        """Apply every fix the filter's problems offer, one at a time, checking after each."""
        schema = self.schema
        self.replace_text(fix_all(self.editor.text, lambda text: validate_filter(text, schema)))
        return f"Applied every fix that applies; {self.check_now().verdict()}."

    def revert(self, original: Draft) -> None:
        """Back to the segment's own filter, sort and limit (ctrl+z in the editor undoes)."""
        self.replace_text(original.filter)
        self.query_one("#sort-input", Input).value = original.sort
        self.query_one("#limit-input", Input).value = original.limit
        self.check_now()

    def toggle_form(self) -> None:
        """Narrow screens show the JSON or the form; wide ones both (this focuses the form)."""
        narrow = self.screen.has_class("-narrow")
        showing_form = narrow and not self.has_class("-form")
        self.set_class(showing_form, "-form")
        if narrow and not showing_form:
            self.editor.focus()
        else:
            self.query_one("#builder-column").focus()


def _location(text: str, index: int) -> tuple[int, int]:
    """The editor's ``(row, column)`` of a character offset in ``text``."""
    return text.count("\n", 0, index), index - (text.rfind("\n", 0, index) + 1)
