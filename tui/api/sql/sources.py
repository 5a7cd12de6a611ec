"""What a half-typed query reads: its tables, their aliases, its CTEs and derived tables.

Completion runs on every keystroke, on text that rarely parses, so this reads the lenient
lexer's tokens rather than a parse tree: ``FROM runs r`` makes ``r`` stand for runs;
``WITH f AS (SELECT uuid, status FROM runs)`` makes ``f`` a source with columns uuid and status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.api.sql.lexer import Kind, Token, significant, tokenize
from tui.api.sql.schema import Schema

#: Words that end a table reference: what follows ``FROM runs`` when no alias is given.
_NOT_ALIASES = frozenset(
    [
        "WHERE",
        "PREWHERE",
        "JOIN",
        "INNER",
        "LEFT",
        "RIGHT",
        "FULL",
        "CROSS",
        "OUTER",
        "SEMI",
        "ANTI",
        "ANY",
        "ALL",
        "ASOF",
        "ARRAY",
        "GLOBAL",
        "PASTE",
        "ON",
        "USING",
        "GROUP",
        "ORDER",
        "LIMIT",
        "OFFSET",
        "HAVING",
        "WINDOW",
        "QUALIFY",
        "UNION",
        "EXCEPT",
        "INTERSECT",
        "FINAL",
        "SAMPLE",
        "SETTINGS",
        "FORMAT",
        "INTO",
        "AS",
    ]
)
_CLAUSES = frozenset(
    [
        "SELECT",
        "FROM",
        "WHERE",
        "PREWHERE",
        "GROUP",
        "ORDER",
        "HAVING",
        "LIMIT",
        "JOIN",
        "ON",
        "USING",
        "WITH",
        "BY",
        "SETTINGS",
        "WINDOW",
        "QUALIFY",
        "UNION",
    ]
)


@dataclass
class Source:
    """A table the query reads, under one name (its alias, or its own name)."""

    name: str
    #: One of the endpoint's tables, or None for a CTE or derived table.
    table: str | None
    columns: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class QuerySources:
    #: By the name a column can be qualified with (alias, else table name).
    sources: dict[str, Source]
    #: CTE names: a FROM can name them like tables.
    ctes: dict[str, Source]


def _name(token: Token) -> str:
    return token.text.strip('`"') if token.kind is Kind.QUOTED else token.text


def _is_name(token: Token) -> bool:
    return token.kind in (Kind.WORD, Kind.QUOTED)


def read_sources(sql: str, schema: Schema) -> QuerySources:
    """The sources of ``sql`` (one statement), resolved against ``schema``."""
    tokens = significant(tokenize(sql))
    ctes: dict[str, Source] = {}
    for index, token in enumerate(tokens[:-2]):
        previous = tokens[index - 1] if index else None
        if (
            _is_name(token)
            and tokens[index + 1].is_word("AS")
            and tokens[index + 2].text == "("
            and previous is not None
            and (previous.is_word("WITH") or previous.text == ",")
        ):
            body = tokens[index + 3 : _closing(tokens, index + 2)]
            ctes[_name(token)] = Source(_name(token), None, _output_columns(body, schema, ctes))
    sources: dict[str, Source] = {}
    clause = [""]
    for index, token in enumerate(tokens):
        if token.text == "(":
            clause.append("")
        elif token.text == ")" and len(clause) > 1:
            clause.pop()
        elif token.kind is Kind.WORD and token.upper in _CLAUSES:
            clause[-1] = token.upper
        if token.is_word("FROM", "JOIN") or (token.text == "," and clause[-1] == "FROM"):
            source = _source_after(tokens, index + 1, schema, ctes)
            if source is not None:
                sources[source.name] = source
    return QuerySources(sources, ctes)


def _source_after(
    tokens: list[Token], index: int, schema: Schema, ctes: dict[str, Source]
) -> Source | None:
    if index >= len(tokens):
        return None
    first = tokens[index]
    if first.text == "(":
        close = _closing(tokens, index)
        source = Source("", None, _output_columns(tokens[index + 1 : close], schema, ctes))
        after = close + 1
    elif _is_name(first):
        after = index + 1
        while after + 1 < len(tokens) and tokens[after].text == "." and _is_name(tokens[after + 1]):
            first, after = tokens[after + 1], after + 2
        if after < len(tokens) and tokens[after].text == "(":
            return None  # a table function
        name = _name(first)
        if name in ctes:
            source = Source(name, None, list(ctes[name].columns))
        else:
            source = Source(name, name, list(schema.get(name, ())))
    else:
        return None
    if after < len(tokens) and tokens[after].is_word("AS"):
        after += 1
    if after < len(tokens) and _is_name(tokens[after]) and tokens[after].upper not in _NOT_ALIASES:
        source.name = _name(tokens[after])
    return source if source.name else None


def _closing(tokens: list[Token], index: int) -> int:
    depth = 0
    for later in range(index, len(tokens)):
        if tokens[later].text == "(":
            depth += 1
        elif tokens[later].text == ")":
            depth -= 1
            if depth == 0:
                return later
    return len(tokens)


def _output_columns(
    body: list[Token], schema: Schema, ctes: dict[str, Source]
) -> list[tuple[str, str]]:
    """The column names a SELECT body gives its readers (aliases, plain columns, star)."""
    items: list[list[Token]] = [[]]
    depth, started, source = 0, False, None
    for index, token in enumerate(body):
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        if depth == 0 and token.is_word("SELECT"):
            started = True
            continue
        if depth == 0 and token.is_word("FROM"):
            source = _source_after(body, index + 1, schema, ctes)
            break
        if started and depth == 0 and token.text == ",":
            items.append([])
        elif started:
            items[-1].append(token)
    columns: list[tuple[str, str]] = []
    known = dict(source.columns) if source else {}
    for item in items:
        if len(item) == 1 and item[0].text == "*":
            columns.extend(source.columns if source else [])
        elif len(item) >= 2 and item[-2].is_word("AS") and _is_name(item[-1]):
            columns.append((_name(item[-1]), ""))
        elif item and _is_name(item[-1]) and all(_is_name(t) or t.text == "." for t in item):
            name = _name(item[-1])
            columns.append((name, known.get(name, "")))
        elif len(item) >= 2 and _is_name(item[-1]) and item[-2].text != ".":
            columns.append((_name(item[-1]), ""))  # an alias without AS
    return columns
