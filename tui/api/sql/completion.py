"""Completion candidates at the cursor: tables, columns, functions and keywords, ranked.

``complete(sql, offset, schema)`` looks at the statement around the cursor: after ``FROM`` or
``JOIN`` it offers the tables (and the query's CTEs); after ``r.`` the columns of whatever ``r``
stands for; elsewhere the columns of the tables the query reads, then functions and keywords.
Candidates that start with what was typed come first, then fuzzy matches (``tsh`` finds
``toStartOfHour``). The schema defaults to :data:`tui.api.sql.schema.DEFAULT_SCHEMA`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tui.api.sql.functions import FUNCTIONS, INTERVAL_UNITS, KEYWORDS
from tui.api.sql.fuzzy import subsequence_score
from tui.api.sql.lexer import Kind, Token, tokenize
from tui.api.sql.schema import DEFAULT_SCHEMA, TABLES, Schema
from tui.api.sql.sources import QuerySources, read_sources
from tui.api.sql.statements import split_statements


class CandidateKind(StrEnum):
    TABLE = "table"
    COLUMN = "column"
    ALIAS = "alias"
    FUNCTION = "function"
    KEYWORD = "keyword"


@dataclass(frozen=True, slots=True)
class Candidate:
    label: str
    kind: CandidateKind
    #: A column's type and table, a function's signature.
    detail: str = ""
    #: A function's one line of help.
    summary: str = ""


@dataclass(frozen=True)
class Completions:
    """Candidates, and the span of the buffer that accepting one replaces (the partial word)."""

    start: int
    end: int
    prefix: str
    candidates: list[Candidate]


_EXPRESSION_ENDS = (Kind.NUMBER, Kind.STRING, Kind.QUOTED)
_OPERATORS = frozenset({"AND", "OR", "NOT", "IN", "IS", "LIKE", "ILIKE", "BETWEEN", "CASE"})
_OPERATORS |= {"WHEN", "THEN", "ELSE", "DISTINCT", "INTERVAL", "AS", "OVER"}
_KEYWORD_ORDER = {keyword: index for index, keyword in enumerate(KEYWORDS)}
_KEYWORD_WORDS = frozenset(word for keyword in KEYWORDS for word in keyword.split())


def complete(sql: str, offset: int, schema: Schema | None = None, limit: int = 50) -> Completions:
    """What to offer at ``offset`` in the buffer ``sql``."""
    schema = schema if schema is not None else DEFAULT_SCHEMA
    statement = next(
        (s for s in split_statements(sql) if s.start <= offset <= s.end),
        None,
    )
    if statement is None:
        return Completions(offset, offset, "", [])
    text, cursor = statement.text, offset - statement.start
    tokens = tokenize(text)
    start, end = cursor, cursor
    for token in tokens:
        if not token.start < cursor <= token.end:
            continue
        if _inside(token, cursor):
            return Completions(offset, offset, "", [])
        if token.kind is Kind.WORD:
            start, end = token.start, token.end
    prefix = text[start:cursor]
    before = [t for t in tokens if t.end <= start and not t.trivia]
    sources = read_sources(text, schema)
    candidates, ranking = _context(before, sources, schema)
    ranked = _rank(prefix, candidates, ranking)[:limit]
    return Completions(statement.start + start, statement.start + end, prefix, ranked)


def _inside(token: Token, cursor: int) -> bool:
    """Whether the cursor is inside a string, a quoted name or a comment (nothing to offer)."""
    if token.kind not in (Kind.STRING, Kind.QUOTED, Kind.COMMENT):
        return False
    if cursor < token.end:
        return True
    line_comment = token.kind is Kind.COMMENT and not token.text.startswith("/*")
    return line_comment or not token.closed


@dataclass(frozen=True)
class Ranking:
    #: Kind order overrides (lower first).
    priority: dict[CandidateKind, int] = field(default_factory=dict)
    #: Labels to put first, in this order, when nothing has been typed yet.
    first: tuple[str, ...] = ()


def _context(
    before: list[Token], sources: QuerySources, schema: Schema
) -> tuple[list[Candidate], Ranking]:
    last = before[-1] if before else None
    if last is not None and last.text == "." and len(before) >= 2:
        qualifier = before[-2].text.strip('`"')
        source = sources.sources.get(qualifier) or sources.ctes.get(qualifier)
        if source is None and qualifier in schema:
            columns = list(schema[qualifier])
        else:
            columns = source.columns if source else []
        return [_column(name, type_, source_name=None) for name, type_ in columns], Ranking()
    if last is not None and (last.is_word("FROM", "JOIN") or _after_from_comma(before)):
        tables = [Candidate(t, CandidateKind.TABLE, "table") for t in _tables(schema)]
        tables += [Candidate(name, CandidateKind.TABLE, "CTE") for name in sources.ctes]
        return tables, Ranking()
    if last is not None and len(before) >= 2 and before[-2].is_word("INTERVAL"):
        return [Candidate(unit, CandidateKind.KEYWORD) for unit in INTERVAL_UNITS], Ranking()
    candidates = _columns_in_scope(sources, schema)
    candidates += [Candidate(name, CandidateKind.ALIAS, "alias") for name in sources.sources]
    candidates += [
        Candidate(f.name, CandidateKind.FUNCTION, f.signature, f.summary) for f in FUNCTIONS
    ]
    candidates += [Candidate(keyword, CandidateKind.KEYWORD) for keyword in KEYWORDS]
    expression_done = last is not None and (
        last.kind in _EXPRESSION_ENDS
        or last.text == ")"
        or (last.kind is Kind.WORD and last.upper not in _KEYWORD_WORDS | _OPERATORS)
    )
    if last is None or expression_done:
        return candidates, Ranking(
            {CandidateKind.KEYWORD: 0, CandidateKind.COLUMN: 1},
            _NEXT.get(_clause(before) or "", ()),
        )
    return candidates, Ranking()


_CLAUSE_WORDS = frozenset(
    {"SELECT", "FROM", "JOIN", "ON", "WHERE", "PREWHERE", "GROUP", "ORDER", "HAVING", "LIMIT"}
)
#: What usually follows an expression in each clause, offered first.
_NEXT = {
    "SELECT": ("FROM", "AS"),
    "FROM": ("WHERE", "JOIN", "LEFT JOIN", "ARRAY JOIN", "GROUP BY", "ORDER BY", "LIMIT", "AS"),
    "JOIN": ("ON", "USING", "AS"),
    "ON": ("AND", "WHERE", "JOIN", "GROUP BY", "ORDER BY", "LIMIT"),
    "WHERE": ("AND", "OR", "IN", "NOT IN", "BETWEEN", "LIKE", "IS NULL", "IS NOT NULL"),
    "PREWHERE": ("AND", "OR", "WHERE", "GROUP BY"),
    "GROUP": ("HAVING", "ORDER BY", "LIMIT", "WITH TOTALS"),
    "ORDER": ("DESC", "ASC", "LIMIT", "NULLS LAST"),
    "HAVING": ("AND", "OR", "ORDER BY", "LIMIT"),
    "LIMIT": ("OFFSET", "BY"),
}


def _clause(before: list[Token]) -> str | None:
    """The clause the cursor is in: the nearest clause keyword at the cursor's depth."""
    depth = 0
    for token in reversed(before):
        if token.text == ")":
            depth += 1
        elif token.text == "(":
            if depth == 0:
                return None
            depth -= 1
        elif depth == 0 and token.kind is Kind.WORD and token.upper in _CLAUSE_WORDS:
            return token.upper
    return None


def _after_from_comma(before: list[Token]) -> bool:
    """``FROM runs r, |``: a comma in a FROM clause at the same depth."""
    return bool(before) and before[-1].text == "," and _clause(before[:-1]) == "FROM"


def _tables(schema: Schema) -> list[str]:
    return list(dict.fromkeys([*TABLES, *(name for name in schema if name in TABLES)]))


def _column(name: str, type_: str, source_name: str | None) -> Candidate:
    detail = " · ".join(part for part in (type_, source_name) if part)
    return Candidate(name, CandidateKind.COLUMN, detail)


def _columns_in_scope(sources: QuerySources, schema: Schema) -> list[Candidate]:
    """The columns of every source the query reads; all tables' before a FROM is typed."""
    by_name: dict[str, tuple[str, list[str]]] = {}
    if sources.sources:
        readable = [(s.table or s.name, s.columns) for s in sources.sources.values()]
    else:
        readable = [(table, list(schema.get(table, ()))) for table in _tables(schema)]
    for owner, columns in readable:
        for name, type_ in columns:
            by_name.setdefault(name, (type_, []))[1].append(owner)
    return [
        _column(name, type_, ", ".join(dict.fromkeys(owners)))
        for name, (type_, owners) in by_name.items()
    ]


_DEFAULT_PRIORITY = {
    CandidateKind.TABLE: 0,
    CandidateKind.COLUMN: 0,
    CandidateKind.ALIAS: 1,
    CandidateKind.FUNCTION: 2,
    CandidateKind.KEYWORD: 3,
}


def _boost(candidate: Candidate, first: tuple[str, ...]) -> int:
    return first.index(candidate.label) if candidate.label in first else len(first)


def _rank(prefix: str, candidates: list[Candidate], ranking: Ranking) -> list[Candidate]:
    order = {**_DEFAULT_PRIORITY, **ranking.priority}
    if not prefix:
        # Keywords in clause order (SELECT, FROM, WHERE, ...), the rest alphabetically.
        return sorted(
            candidates,
            key=lambda c: (
                _boost(c, ranking.first),
                order[c.kind],
                _KEYWORD_ORDER.get(c.label, 0),
                c.label.lower(),
            ),
        )
    wanted = prefix.lower()
    starts = [c for c in candidates if c.label.lower().startswith(wanted)]
    starts.sort(key=lambda c: (c.label != prefix, order[c.kind], len(c.label), c.label.lower()))
    scored = []
    for candidate in candidates:
        if candidate.label.lower().startswith(wanted):
            continue
        score = subsequence_score(prefix, candidate.label)
        if score is not None:
            scored.append((-score, order[candidate.kind], candidate.label.lower(), candidate))
    scored.sort(key=lambda item: item[:3])
    return starts + [item[3] for item in scored]
