"""What the Segments screen sends, and every check that runs before it is sent (no Textual here).

The user edits a copy of a segment's filter, sort and limit as text (a :class:`Draft`).
:func:`check` validates all three against the model's columns; only a draft without errors
becomes a :class:`SegmentRequest` (the segment's ``modelUuid``, never its own uuid, with the
parsed filter, sort and limit) that a preview or an export may send.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tui.api.filters import (
    ModelSchema,
    Problem,
    empty_filter,
    pretty,
    validate_filter,
    validate_limit,
    validate_sort,
)
from tui.state.segment_drafts import Draft
from widgets.humanize import plural

if TYPE_CHECKING:
    from tui.api.models.catalog import Model, Segment

Source = Literal["filter", "sort", "limit"]


def original_draft(segment: Segment) -> Draft:
    """The segment's own filter, sort and limit, as the editors show them."""
    sort = json.dumps(segment.sort, ensure_ascii=False) if segment.sort else ""
    limit = str(segment.limit) if segment.limit is not None else ""
    return Draft(pretty(segment.filter or empty_filter()) + "\n", sort, limit)


def schema_of(model: Model | None) -> ModelSchema | None:
    return ModelSchema.from_columns(model.all_columns) if model is not None else None


@dataclass(frozen=True)
class Found:
    """A problem, and which editor holds it."""

    source: Source
    problem: Problem

    @property
    def where(self) -> str:
        """``2:5`` in the filter, ``sort 1:3`` or ``limit`` elsewhere."""
        problem = self.problem
        position = f"{problem.line}:{problem.column}" if problem.line is not None else ""
        if self.source == "filter":
            return position or "filter"
        return f"{self.source} {position}".strip()


@dataclass(frozen=True)
class SegmentRequest:
    """A fetch or download of a segment's records, checked and ready to send."""

    model_uuid: str
    filter: dict[str, Any]
    sort: list[dict[str, Any]] | None = None
    limit: int | None = None


@dataclass(frozen=True)
class Checked:
    """A draft once checked: its problems, and what it parses to when nothing is in the way."""

    found: tuple[Found, ...] = ()
    filter: dict[str, Any] | None = None
    sort: list[dict[str, Any]] | None = None
    limit: int | None = None
    #: The model's columns were known, so column names and types were checked too.
    schema_known: bool = field(default=True)

    @property
    def errors(self) -> list[Found]:
        return [found for found in self.found if found.problem.is_error]

    @property
    def warnings(self) -> list[Found]:
        return [found for found in self.found if not found.problem.is_error]

    @property
    def sendable(self) -> bool:
        return not self.errors and self.filter is not None

    def request(self, model_uuid: str) -> SegmentRequest | None:
        if not self.sendable or self.filter is None:
            return None
        return SegmentRequest(model_uuid, self.filter, self.sort, self.limit)

    def verdict(self) -> str:
        """One line: ``✔ valid``, ``✖ 2 errors, 1 warning``."""
        if not self.found:
            return "✔ valid"
        parts = []
        if self.errors:
            parts.append(plural(len(self.errors), "error"))
        if self.warnings:
            parts.append(plural(len(self.warnings), "warning"))
        return ("✖ " if self.errors else "⚠ ") + ", ".join(parts)

    def refusal(self, what: str) -> str:
        """Why ``what`` (``the preview``, ``the export``) was not sent, naming the first error."""
        first, count = self.errors[0], plural(len(self.errors), "error")
        return (
            f"{what.capitalize()} was not sent: the filter has {count}. "
            f"First, at {first.where}: {first.problem.message}"
        )


def is_edited(segment: Segment, request: SegmentRequest) -> bool:
    """Whether ``request`` sends something else than the segment's own filter, sort and limit."""
    original = check(original_draft(segment), None)
    sent = (request.filter, request.sort, request.limit)
    return (original.filter, original.sort, original.limit) != sent


def check(draft: Draft, schema: ModelSchema | None) -> Checked:
    """Check the filter, the sort and the limit; parse them if there is no error."""
    found: list[Found] = [Found("filter", p) for p in validate_filter(draft.filter, schema)]
    filter_ = _parsed(draft.filter) if not _has_errors(found) else None
    sort: list[dict[str, Any]] | None = None
    if draft.sort.strip():
        sort_problems = [Found("sort", p) for p in validate_sort(draft.sort, schema)]
        found += sort_problems
        if not _has_errors(sort_problems):
            sort = _parsed(draft.sort) or None
    limit: int | None = None
    if draft.limit.strip():
        limit_problems = [Found("limit", p) for p in validate_limit(draft.limit)]
        found += limit_problems
        if not _has_errors(limit_problems):
            limit = _parsed(draft.limit)
    return Checked(tuple(found), filter_, sort, limit, schema_known=schema is not None)


def _has_errors(found: list[Found]) -> bool:
    return any(item.problem.is_error for item in found)


def _parsed(text: str) -> Any:
    return json.loads(text)
