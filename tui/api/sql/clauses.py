"""Where clauses start and end in a query's text, for fixes that edit the text in place.

sqlglot says what a query means but not where each clause sits, and re-printing the whole query
to add one predicate would throw away the user's layout. These helpers walk the lexer's tokens
by parenthesis depth instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.api.sql.lexer import Kind, Token, significant, tokenize

#: Clauses that may follow FROM ... JOIN ... in a SELECT: where a WHERE ends or must go before.
_AFTER_FROM = frozenset(
    {
        "WHERE",
        "GROUP",
        "HAVING",
        "WINDOW",
        "QUALIFY",
        "ORDER",
        "LIMIT",
        "OFFSET",
        "SETTINGS",
        "FORMAT",
        "INTO",
        "UNION",
        "EXCEPT",
        "INTERSECT",
    }
)
#: Clauses that end a query's rows: LIMIT goes before them.
_TRAILING = frozenset({"SETTINGS", "FORMAT", "INTO"})
_SET_OPERATORS = frozenset({"UNION", "EXCEPT", "INTERSECT"})


@dataclass(frozen=True)
class Coded:
    """A query's significant tokens, each with its parenthesis depth."""

    tokens: list[Token]
    depths: list[int]

    @classmethod
    def of(cls, sql: str) -> Coded:
        tokens = significant(tokenize(sql))
        depths, depth = [], 0
        for token in tokens:
            if token.kind is Kind.PUNCT and token.text in ")]":
                depth -= 1
            depths.append(depth)
            if token.kind is Kind.PUNCT and token.text in "([":
                depth += 1
        return cls(tokens, depths)

    def index_at(self, offset: int) -> int | None:
        """The index of the token that starts at ``offset``."""
        for index, token in enumerate(self.tokens):
            if token.start == offset:
                return index
        return None

    def scan(self, start: int, stop_words: frozenset[str]) -> int:
        """From token ``start``, the index of the first stop word at its depth (or the end)."""
        depth = self.depths[start]
        for index in range(start + 1, len(self.tokens)):
            token = self.tokens[index]
            if self.depths[index] < depth or (token.kind is Kind.PUNCT and token.text == ";"):
                return index
            if (
                self.depths[index] == depth
                and token.kind is Kind.WORD
                and token.upper in stop_words
            ):
                return index
        return len(self.tokens)

    def closing(self, index: int) -> int:
        """The index of the bracket that closes the one at ``index`` (the last token if none)."""
        depth = self.depths[index]
        for later in range(index + 1, len(self.tokens)):
            if self.depths[later] == depth and self.tokens[later].text in ")]":
                return later
        return len(self.tokens) - 1

    def end_before(self, index: int) -> int:
        """The offset just after the last token before ``index``."""
        return self.tokens[index - 1].end


@dataclass(frozen=True)
class WherePlace:
    """Where a select's WHERE condition is, or where one would go."""

    #: The condition's span when the select has a WHERE, else None.
    condition: tuple[int, int] | None
    #: Where ``WHERE ...`` would be inserted when it has none.
    insert_at: int


def where_of_table(sql: str, table_start: int) -> WherePlace | None:
    """The WHERE of the select that reads the table whose name starts at ``table_start``."""
    coded = Coded.of(sql)
    index = coded.index_at(table_start)
    if index is None:
        return None
    stop = coded.scan(index, _AFTER_FROM)
    if stop < len(coded.tokens) and coded.tokens[stop].is_word("WHERE"):
        end = coded.scan(stop, _AFTER_FROM - {"WHERE"})
        if end == stop + 1:
            return None  # "WHERE" with nothing after it: a syntax error, not ours to fix
        return WherePlace((coded.tokens[stop + 1].start, coded.end_before(end)), 0)
    return WherePlace(None, coded.end_before(stop))


@dataclass(frozen=True)
class Branch:
    """One SELECT of the outermost query (one per UNION branch)."""

    #: Span of its SELECT keyword, to mark.
    keyword: tuple[int, int]
    #: Where ``LIMIT n`` would be appended.
    insert_at: int
    #: Span of the number after its LIMIT keyword, if it has one (not LIMIT ... BY).
    limit_number: tuple[int, int] | None


def outer_branches(sql: str) -> list[Branch]:
    """The outermost SELECTs, in order; parenthesised UNION branches count as their inside."""
    coded = Coded.of(sql)
    tokens, depths = coded.tokens, coded.depths
    parts: list[tuple[int, int]] = []
    begin = 0
    for index, token in enumerate(tokens):
        if depths[index] == 0 and token.kind is Kind.WORD and token.upper in _SET_OPERATORS:
            parts.append((begin, index))
            begin = index + 1
            while begin < len(tokens) and tokens[begin].is_word("ALL", "DISTINCT"):
                begin += 1
    parts.append((begin, len(tokens)))
    branches = []
    for first, last in parts:
        branch = _branch(coded, first, last)
        if branch is not None:
            branches.append(branch)
    return branches


def _branch(coded: Coded, first: int, last: int) -> Branch | None:
    tokens, depths = coded.tokens, coded.depths
    while (
        first < last
        and tokens[first].text == "("
        and tokens[last - 1].text == ")"
        and depths[last - 1] == depths[first]
    ):
        first, last = first + 1, last - 1
    if first >= last:
        return None
    depth = depths[first]
    select = next(
        (i for i in range(first, last) if depths[i] == depth and tokens[i].is_word("SELECT")),
        None,
    )
    if select is None:
        return None
    end = last
    for index in range(select, last):
        if depths[index] == depth and (
            tokens[index].upper in _TRAILING or tokens[index].text == ";"
        ):
            end = index
            break
    number = None
    for index in range(select, end - 1):
        if depths[index] == depth and tokens[index].is_word("LIMIT"):
            number = _limit_count(tokens, index, end)
    keyword = (tokens[select].start, tokens[select].end)
    return Branch(keyword, tokens[end - 1].end, number)


def _limit_count(tokens: list[Token], limit: int, end: int) -> tuple[int, int] | None:
    """The row count of ``LIMIT n``, ``LIMIT m, n`` or ``LIMIT n OFFSET m``; None for LIMIT BY."""
    following = tokens[limit + 1 : end]
    if not following or following[0].kind is not Kind.NUMBER:
        return None
    count = following[0]
    if len(following) >= 3 and following[1].text == "," and following[2].kind is Kind.NUMBER:
        count = following[2]
        rest = following[3:]
    else:
        rest = following[1:]
    if rest and rest[0].is_word("BY"):
        return None
    return count.start, count.end


def span_of(node: Any) -> tuple[int, int]:
    """The text span sqlglot recorded for an identifier (or a star) as it parsed it."""
    meta = node.meta
    return int(meta.get("start", 0)), int(meta.get("end", -1)) + 1
