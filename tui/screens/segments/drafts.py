"""What the user typed for each segment, and how much of it is on disk (no Textual here).

The screen remembers every keystroke here (no I/O) and writes :meth:`DraftBook.snapshot` at the
next quiet moment. Nothing is written before the saved drafts were read: writing first would
replace them with what this session typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.screens.segments.query import original_draft
from tui.state.segment_drafts import Draft

if TYPE_CHECKING:
    from tui.api.models.catalog import Segment


class DraftBook:
    def __init__(self) -> None:
        self.drafts: dict[str, Draft] = {}
        #: What is on disk; None until it was read (or could not be).
        self.saved: dict[str, Draft] | None = None
        #: Drafts are known (read, or known to be unreadable): the editor may show one.
        self.ready = False

    def loaded(self, drafts: dict[str, Draft] | None) -> None:
        """The saved drafts were read (None: there is no workspace to read them for)."""
        if drafts is not None and self.saved is None:
            self.saved = dict(drafts)
            self.drafts = {**drafts, **self.drafts}
        self.ready = True

    def draft_for(self, segment: Segment) -> Draft:
        return self.drafts.get(segment.uuid) or original_draft(segment)

    def remember(self, segment: Segment, draft: Draft) -> None:
        """Keep ``draft`` for ``segment``; one equal to the segment's own filter is dropped."""
        if draft == original_draft(segment):
            self.drafts.pop(segment.uuid, None)
        else:
            self.drafts[segment.uuid] = draft

    @property
    def unsaved(self) -> bool:
        return self.saved is not None and self.drafts != self.saved

    def snapshot(self) -> dict[str, Draft]:
        return dict(self.drafts)

    def written(self, snapshot: dict[str, Draft]) -> None:
        self.saved = snapshot


def editor_title(segment: Segment, draft: Draft) -> str:
    """The editor's title: whose filter, and whether it is the user's edit."""
    edited = draft != original_draft(segment)
    return f"{segment.name} · {'your edit (saved as you type)' if edited else 'as in Cargo'}"
