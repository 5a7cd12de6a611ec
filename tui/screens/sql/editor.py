"""The SQL text area (tree-sitter highlighting when the grammar is installed) and its completion
dropdown, which opens near the cursor on ctrl+space or after a few typed characters."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.content import Content
from textual.geometry import Offset, Region
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from tui.api.sql import Candidate, CandidateKind, Completions, complete, location_of, offset_of
from tui.api.sql.schema import Schema
from tui.screens.sql.sidebar import short_type
from widgets.marked_text_area import MarkedTextArea

#: Typing this many characters of a word opens the dropdown on its own.
AUTO_AFTER = 3
#: The dropdown's most rows and columns, and the cells of a candidate's kind mark ("c ").
MENU_ROWS = 10
MENU_WIDTH = 64
MARK_WIDTH = 2
#: Keys the open dropdown takes from the text area.
MENU_KEYS = frozenset({"up", "down", "pageup", "pagedown", "tab", "enter", "escape"})


def sql_language() -> str | None:
    """ "sql" when tree-sitter and its SQL grammar are installed, else None (plain text)."""
    try:
        import tree_sitter  # noqa: F401
        import tree_sitter_sql  # noqa: F401
    except ImportError:
        return None
    return "sql"


class SqlTextArea(MarkedTextArea):
    """A code editor for one buffer; hands the dropdown's keys to the screen while it is open,
    and marks what the linter advised about the last query run from it."""

    def __init__(self, text: str, *, buffer_name: str, id: str | None = None) -> None:
        super().__init__(
            text,
            language=sql_language(),
            soft_wrap=False,
            tab_behavior="focus",
            show_line_numbers=True,
            id=id,
            classes="sql-editor",
        )
        self.buffer_name = buffer_name
        #: The dropdown's keeper; it takes the dropdown's keys while it is open on this editor.
        self.completer: Completer | None = None
        #: Set by a typed key, read (and cleared) by the Changed handler: typing may complete.
        self.typed = False

    @property
    def menu_open(self) -> bool:
        return self.completer is not None and self.completer.editor is self

    async def _on_key(self, event: events.Key) -> None:
        completer = self.completer if self.menu_open else None
        if completer is not None and event.key in MENU_KEYS and completer.key(event.key):
            # prevent_default: TextArea's own key handler (and its bindings) never see it.
            event.stop()
            event.prevent_default()
            return
        self.typed = event.is_printable or event.key == "backspace"

    def on_blur(self) -> None:
        self._close_menu()  # the focus went elsewhere (the sidebar, a dialog, another buffer)

    def on_resize(self) -> None:
        self._close_menu()  # the help panel opened, the terminal changed: it would be adrift

    def _close_menu(self) -> None:
        if self.completer is not None and self.menu_open:
            self.completer.close()

    @property
    def cursor_offset(self) -> int:
        return offset_of(self.text, self.cursor_location)

    def select_offsets(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` (a point when equal) and bring it into view."""
        text = self.text
        self.selection = self.selection.__class__(location_of(text, start), location_of(text, end))
        self.scroll_cursor_visible()

    def format(self) -> list[str]:
        """``f4``: the whole buffer formatted, as one edit (undone at once); or, if a part
        could not be, the buffer as it was and the notes saying why."""
        from tui.api.sql import format_sql

        text = self.text
        formatted = format_sql(text)
        if not formatted.complete:
            return formatted.notes
        if formatted.text != text:
            self.replace(formatted.text, (0, 0), location_of(text, len(text)))
        return []


class CompletionMenu(OptionList):
    """The dropdown: candidates with their kind and detail; never takes the focus."""

    DEFAULT_CSS = """
    CompletionMenu {
        position: absolute;
        overlay: screen;
        height: auto;
        border: none;
        padding: 0;
        background: $panel;
        scrollbar-size-vertical: 1;
        display: none;
    }
    CompletionMenu > .option-list--option-highlighted {
        background: $accent 40%;
    }
    """
    can_focus = False

    KIND_MARKS: ClassVar[dict[CandidateKind, str]] = {
        CandidateKind.TABLE: "T",
        CandidateKind.COLUMN: "c",
        CandidateKind.ALIAS: "a",
        CandidateKind.FUNCTION: "ƒ",
        CandidateKind.KEYWORD: "k",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.completions: Completions | None = None

    def show(self, completions: Completions, word: Offset, room: Region) -> None:
        """Open under the word being completed (its first letter at ``word``, in screen cells),
        or above it when there is more room there, inside ``room`` (the screen between the
        header and the footer): never over the key hints, never far from the cursor."""
        candidates = completions.candidates
        self.completions = completions
        below = room.bottom - (word.y + 1)
        above = word.y - room.y
        rows = min(len(candidates), MENU_ROWS)
        if rows > below and above > below:
            rows = min(rows, above)
            y = word.y - rows
        else:
            rows = min(rows, max(below, 1))
            y = word.y + 1
        # A scrollbar only when the rows cannot hold them all, decided here: left to itself it
        # could appear for a moment, narrow the lines, wrap one, and so be needed for good.
        scrolls = len(candidates) > rows
        label_width = min(max((len(c.label) for c in candidates), default=0), 32)
        details = [self._detail(c) for c in candidates]
        bare = MARK_WIDTH + label_width + (1 if scrolls else 0)
        full = bare + max((len(d) + 2 for d in details if d), default=0)
        # The labels line up under the word; the details give way before the menu moves off it.
        x = max(word.x - MARK_WIDTH, room.x)
        width = min(full, MENU_WIDTH, max(room.right - x, bare))
        x = max(min(x, room.right - width), room.x)
        shown = width - bare
        self.styles.overflow_y = "scroll" if scrolls else "hidden"
        self.styles.width = width
        self.styles.max_height = rows
        self.clear_options()
        self.add_options(
            [
                self._option(c, d, label_width, shown)
                for c, d in zip(candidates, details, strict=True)
            ]
        )
        self.highlighted = 0
        self.styles.offset = (x, y)
        self.display = True

    def hide(self) -> None:
        self.display = False
        self.completions = None

    @property
    def chosen(self) -> Candidate | None:
        if self.completions is None or self.highlighted is None:
            return None
        candidates = self.completions.candidates
        return candidates[self.highlighted] if 0 <= self.highlighted < len(candidates) else None

    def _detail(self, candidate: Candidate) -> str:
        detail = candidate.detail
        if candidate.kind is CandidateKind.COLUMN and detail:
            type_, _, owners = detail.partition(" · ")
            detail = " · ".join(part for part in (short_type(type_), owners) if part)
        return detail or ""

    def _option(self, candidate: Candidate, detail: str, width: int, room: int) -> Option:
        """One line, never wrapped: the detail cut to ``room`` cells (its two spaces too)."""
        mark = self.KIND_MARKS.get(candidate.kind, " ")
        if len(detail) + 2 > room:
            detail = detail[: max(room - 3, 0)] + "…" if room > 3 else ""
        label = Content.assemble(
            (f"{mark} ", "$text-muted"),
            candidate.label.ljust(width)[:width],
            (f"  {detail}", "$text-muted") if detail else "",
        )
        return Option(label)


class Completer:
    """Keeps one editor and the dropdown in step: open, refresh on typing, accept, close."""

    def __init__(self, menu: CompletionMenu, schema: Callable[[], Schema]) -> None:
        self.menu = menu
        self.schema = schema
        self.editor: SqlTextArea | None = None

    def open(self, editor: SqlTextArea, *, auto: bool = False) -> bool:
        """Offer completions at the cursor; False (and closed) when there is nothing to offer.

        ``auto`` (typing, not ctrl+space) opens only after a few characters of a word or a
        ``.``; a dropdown already open follows the word being typed and closes when it ends.
        """
        text, offset = editor.text, editor.cursor_offset
        found = complete(text, offset, self.schema(), limit=40)
        typed = text[found.start : offset]
        word = typed.replace("_", "").isalnum()
        after_dot = not typed and text[offset - 1 : offset] == "."
        if auto and editor.menu_open:
            wanted = (word and bool(typed)) or after_dot
        else:
            wanted = not auto or (word and len(typed) >= AUTO_AFTER) or after_dot
        if not wanted:
            self.close()
            return False
        exact = [c for c in found.candidates if c.label == typed]
        if not found.candidates or (auto and exact and len(found.candidates) == 1):
            self.close()
            return False
        self.editor = editor
        editor.completer = self
        cursor = editor.cursor_screen_offset
        self.menu.show(found, Offset(cursor.x - len(typed), cursor.y), self._room())
        return True

    def _room(self) -> Region:
        """Where the dropdown may go: the screen under the header, above the footer's keys."""
        screen = self.menu.screen
        top = max((w.region.bottom for w in screen.query("AppHeader, #breadcrumb")), default=0)
        bottom = min((w.region.y for w in screen.query(Footer)), default=screen.size.height)
        return Region(0, top, screen.size.width, max(bottom - top, 1))

    def close(self) -> None:
        self.menu.hide()
        self.editor = None

    def moved(self, editor: SqlTextArea) -> None:
        """The cursor moved in ``editor``: if not by typing (arrows, a click) and out of the
        word being completed, the dropdown closes."""
        if self.editor is not editor or editor.typed:
            return
        found = self.menu.completions
        offset = editor.cursor_offset
        if found is None or not found.start <= offset <= found.end + 1:
            self.close()

    def key(self, key: str) -> bool:
        """A key of the editor while the dropdown is open; False to let the editor have it.

        ``enter`` on a candidate already typed in full closes the dropdown and goes through
        (a new line), so finishing a word never costs an extra key.
        """
        if key == "escape":
            self.close()
        elif key == "enter" and self._typed_in_full():
            self.close()
            return False
        elif key in ("tab", "enter"):
            self.accept()
        elif key == "up":
            self.menu.action_cursor_up()
        elif key == "down":
            self.menu.action_cursor_down()
        elif key in ("pageup", "pagedown"):
            self.menu.call_later(self.menu.run_action, f"page_{key.removeprefix('page')}")
        return True

    def _typed_in_full(self) -> bool:
        chosen, found = self.menu.chosen, self.menu.completions
        return chosen is not None and found is not None and chosen.label == found.prefix

    def accept(self) -> None:
        editor, chosen, found = self.editor, self.menu.chosen, self.menu.completions
        self.close()
        if editor is None or chosen is None or found is None:
            return
        text = editor.text
        start, end = location_of(text, found.start), location_of(text, found.end)
        if chosen.kind is CandidateKind.FUNCTION:
            editor.replace(f"{chosen.label}()", start, end)
            row, column = editor.cursor_location
            editor.cursor_location = (row, column - 1)
        else:
            editor.replace(chosen.label, start, end)
