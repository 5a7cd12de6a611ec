"""What the linter reports: a finding, where to mark it, and maybe a fix."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from tui.api.sql.text import Edit, apply_edits


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Rule(StrEnum):
    PARSE_ERROR = "parse-error"
    REFUSED = "refused"
    TIME_RANGE = "time-range"
    SELECT_STAR = "select-star"
    NO_LIMIT = "no-limit"
    LIMIT_OVER_CAP = "limit-over-cap"


@dataclass(frozen=True, slots=True)
class Fix:
    """An edit to the query text that makes the finding go away, with a short label."""

    label: str
    edits: tuple[Edit, ...]

    def apply(self, sql: str) -> str:
        return apply_edits(sql, self.edits)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: Rule
    severity: Severity
    #: One line: what is wrong and why, naming the cap when one is at stake.
    message: str
    #: The span of the query text to mark (``start == end`` marks a point).
    start: int
    end: int
    fix: Fix | None = None
    #: True when the server certainly refuses the query: the editor should not send it.
    blocking: bool = False

    def shifted(self, by: int) -> Finding:
        """The same finding for the query placed at offset ``by`` of a larger buffer."""
        fix = self.fix
        if fix is not None:
            fix = Fix(fix.label, tuple(edit.shifted(by) for edit in fix.edits))
        return replace(self, start=self.start + by, end=self.end + by, fix=fix)
