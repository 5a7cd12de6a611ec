"""``f4``: pretty-print ClickHouse SQL, or leave it exactly as it was.

Each statement is parsed with the faithful dialect (:mod:`tui.api.sql.dialect`) and printed by
sqlglot. The result is then checked against the original, token by token: only layout, keyword
case, the ``AS`` before an alias, operator spelling (``!=``/``<>``) and comment placement may
differ. Anything else (a function renamed, a clause moved, a comment lost) means sqlglot could
not print that statement faithfully, and it is kept as written, with a note saying so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tui.api.sql.statements import split_statements


@dataclass(frozen=True)
class Formatted:
    text: str
    #: Why a statement was kept as written (empty when all were formatted).
    notes: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.notes


def format_sql(text: str) -> Formatted:
    """Every statement of ``text`` pretty-printed; those that cannot be are kept as written."""
    statements = split_statements(text)
    numbered = sum(1 for s in statements if not s.blank) > 1
    pieces: list[str] = []
    notes: list[str] = []
    count = 0
    for statement in statements:
        if statement.blank:
            if statement.sql:
                pieces.append(statement.sql)  # comments after the last statement
            continue
        count += 1
        formatted, problem = format_statement(statement.sql)
        if problem:
            where = f"Statement {count}" if numbered else "The query"
            notes.append(f"{where} was kept as written: {problem}")
        pieces.append(formatted + (";" if statement.terminated else ""))
    if not pieces:
        return Formatted(text)
    return Formatted("\n\n".join(pieces) + ("\n" if text.endswith("\n") else ""), notes)


def format_statement(sql: str) -> tuple[str, str | None]:
    """``(pretty, None)``, or ``(sql, why it was kept)`` when it cannot be printed faithfully."""
    import sqlglot
    from sqlglot.errors import SqlglotError

    from tui.api.sql.dialect import clickhouse

    dialect = clickhouse()
    try:
        trees = sqlglot.parse(sql, read=dialect)
        if len(trees) != 1 or trees[0] is None:
            return sql, "it is not one statement."
        pretty = trees[0].sql(dialect=dialect, pretty=True)
        same = _fingerprint(sql) == _fingerprint(pretty)
    except SqlglotError as error:
        return sql, f"sqlglot cannot parse it ({_reason(error)})."
    if not same:
        return sql, "sqlglot would change more than its layout."
    return pretty, None


def _reason(error: Exception) -> str:
    details = getattr(error, "errors", None)
    if details:
        first = details[0]
        where = f" at line {first.get('line')}, col {first.get('col')}" if first.get("line") else ""
        return f"{str(first.get('description', '')).rstrip('.')}{where}"
    return str(error).splitlines()[0].rstrip(".") if str(error) else type(error).__name__


def _fingerprint(sql: str) -> tuple[list[tuple[Any, str]], Counter[str]]:
    """What must survive formatting: the tokens (modulo case and spelling) and the comments."""
    import sqlglot
    from sqlglot.tokenizer_core import TokenType

    from tui.api.sql.dialect import clickhouse

    exact = {
        TokenType.VAR,
        TokenType.IDENTIFIER,
        TokenType.STRING,
        TokenType.NUMBER,
        TokenType.HEREDOC_STRING,
        TokenType.HEX_STRING,
        TokenType.BIT_STRING,
    }
    tokens: list[tuple[Any, str]] = []
    comments: Counter[str] = Counter()
    for token in sqlglot.tokenize(sql, read=clickhouse()):
        comments.update(comment.strip() for comment in token.comments)
        if token.token_type in (TokenType.ALIAS, TokenType.SEMICOLON):
            continue  # "x y" and "x AS y" are one alias; a trailing ";" is the caller's
        text = token.text
        if token.token_type in exact:
            key = text
        elif not any(char.isalpha() for char in text):
            key = ""  # operators and punctuation: the type says it (!= and <> are both NEQ)
        elif text in (text.upper(), text.lower()):
            key = text.upper()  # a keyword, in either case
        else:
            key = text  # mixed case (String, DateTime64): ClickHouse may care
        tokens.append((token.token_type, key))
    return tokens, comments
