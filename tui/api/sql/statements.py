"""Split a buffer into statements, and pick the one to run.

``ctrl+j`` runs the selection if there is one, else the statement under the cursor. Semicolons
inside strings, quoted identifiers and comments do not split. The pieces cover the buffer
exactly: each statement's text, then its ``;`` if it has one, in order, rebuild the buffer.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.api.sql.lexer import Kind, Token, tokenize
from tui.api.sql.text import Location, location_of, offset_of


@dataclass(frozen=True, slots=True)
class Statement:
    """``buffer[start:end]``, without its terminating ``;`` (``terminated`` says if one follows)."""

    start: int
    end: int
    text: str
    terminated: bool
    #: Where the first and last characters the server reads are (start == end when blank).
    code_start: int
    code_end: int

    @property
    def blank(self) -> bool:
        """Only whitespace and comments: nothing to run."""
        return self.code_start == self.code_end

    @property
    def sql(self) -> str:
        """The text to send: comments inside are kept, surrounding blank space is not."""
        return self.text.strip()


def split_statements(buffer: str) -> list[Statement]:
    """The statements of ``buffer``, blank ones included, in order; at least one."""
    statements: list[Statement] = []
    piece: list[Token] = []
    start = 0
    for token in tokenize(buffer):
        if token.kind is Kind.PUNCT and token.text == ";":
            statements.append(_statement(buffer, start, token.start, piece, terminated=True))
            piece, start = [], token.end
        else:
            piece.append(token)
    statements.append(_statement(buffer, start, len(buffer), piece, terminated=False))
    return statements


def _statement(
    buffer: str, start: int, end: int, tokens: list[Token], *, terminated: bool
) -> Statement:
    code = [token for token in tokens if not token.trivia]
    code_start = code[0].start if code else start
    code_end = code[-1].end if code else start
    return Statement(start, end, buffer[start:end], terminated, code_start, code_end)


def statement_at(buffer: str, cursor: Location) -> Statement | None:
    """The statement under the cursor, or None when the buffer holds nothing to run.

    On blank space between statements the nearest one on the cursor's line wins, else the one
    above (the one just typed), else the one below.
    """
    offset = offset_of(buffer, cursor)
    candidates = [s for s in split_statements(buffer) if not s.blank]
    if not candidates:
        return None
    for statement in candidates:
        # The statement's own ";" counts as part of it: the cursor often rests just after it.
        last = statement.code_end + (1 if statement.terminated else 0)
        if statement.code_start <= offset <= last:
            return statement
    line = cursor[0]
    on_line = [
        s
        for s in candidates
        if location_of(buffer, s.code_start)[0] <= line <= location_of(buffer, s.code_end)[0]
    ]
    if on_line:
        return min(on_line, key=lambda s: min(abs(s.code_start - offset), abs(s.code_end - offset)))
    above = [s for s in candidates if s.code_end <= offset]
    return above[-1] if above else candidates[0]


@dataclass(frozen=True, slots=True)
class QueryToRun:
    """What ``ctrl+j`` sends, and where it sits in the buffer (to map server positions back)."""

    sql: str
    start: int
    end: int


def query_to_run(
    buffer: str, cursor: Location, selection: tuple[Location, Location] | None = None
) -> QueryToRun | None:
    """The selection if it holds anything but blank space and comments, else the statement
    under the cursor."""
    if selection is not None:
        first, second = sorted(offset_of(buffer, location) for location in selection)
        chosen = buffer[first:second]
        # A selection of comments alone is nothing to run (the server reads no statement).
        if chosen.strip() and any(not s.blank for s in split_statements(chosen)):
            lead = len(chosen) - len(chosen.lstrip())
            sql = chosen.strip()
            return QueryToRun(sql, first + lead, first + lead + len(sql))
    statement = statement_at(buffer, cursor)
    if statement is None:
        return None
    lead = len(statement.text) - len(statement.text.lstrip())
    return QueryToRun(
        statement.sql, statement.start + lead, statement.start + lead + len(statement.sql)
    )
