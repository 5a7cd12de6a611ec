"""Statements the query endpoint refuses, caught before sending, with messages as clear as its own.

The endpoint runs one read-only SELECT over ``runs``, ``batches``, ``spans`` and ``records``
under its own limits. Some refusals are visible in the tokens alone (and sqlglot cannot parse
them anyway): another kind of statement, several statements, ``INTO OUTFILE``. The rest need the
parsed query: other tables, table functions, a database prefix, ``SETTINGS``, ``FORMAT``.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from tui.api.sql.clauses import Coded, span_of
from tui.api.sql.findings import Finding, Fix, Rule, Severity
from tui.api.sql.lexer import Kind
from tui.api.sql.schema import (
    MAX_QUERY_BYTES,
    MAX_RESULT_ROWS,
    MAX_ROWS_READ,
    MAX_SECONDS,
    TABLES,
)
from tui.api.sql.statements import split_statements
from tui.api.sql.text import Edit, location_of

_TABLE_LIST = "runs, batches, spans and records"
_QUERY_STARTS = frozenset({"SELECT", "WITH", "DESCRIBE", "DESC", "("})
#: The first words a query may start with, for a typo's suggestion.
_WORDS = ("SELECT", "WITH", "DESCRIBE")
#: ClickHouse statements that are not queries: the read-only endpoint refuses them.
_STATEMENTS = frozenset({
    "INSERT", "UPDATE", "DELETE", "ALTER", "DROP", "CREATE", "TRUNCATE", "RENAME", "OPTIMIZE",
    "GRANT", "REVOKE", "KILL", "SYSTEM", "ATTACH", "DETACH", "SET", "USE", "EXCHANGE", "UNDROP",
    "MOVE", "REPLACE", "UPSERT", "MERGE", "BACKUP", "RESTORE", "SHOW", "EXPLAIN", "CHECK", "WATCH",
    "EXISTS", "CALL", "COPY", "VACUUM",
})  # fmt: skip


def _refused(message: str, start: int, end: int, fix: Fix | None = None) -> Finding:
    return Finding(Rule.REFUSED, Severity.ERROR, message, start, end, fix, blocking=True)


def size_of(text: str) -> str:
    """``2.1 MB``, ``300 KiB`` or ``512 bytes``: a query's size as a person reads it."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MiB"
    return f"{size / 1024:.0f} KiB" if size >= 1024 else f"{size} bytes"


def too_large(sql: str, what: str = "The query") -> str | None:
    """Why ``sql`` is too long to send, or None; checked before anything reads it, so a
    pasted megabyte costs nothing."""
    if len(sql) * 4 <= MAX_QUERY_BYTES or len(sql.encode("utf-8", "surrogatepass")) <= (
        MAX_QUERY_BYTES
    ):
        return None
    return (
        f"{what} is {size_of(sql)}; one query may be at most {MAX_QUERY_BYTES // 1024} KiB "
        "(the service's max_query_size). Select the statement to run, or shorten it."
    )


#: Control characters a query never needs (tab, newline and carriage return are whitespace).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character(sql: str) -> Finding | None:
    """A refusal at the first control character (a NUL, an escape sequence) in ``sql``:
    pasted by accident from a terminal or a binary file, and never valid SQL."""
    found = _CONTROL.search(sql)
    if found is None:
        return None
    char = found.group(0)
    name = {"\x00": "A NUL", "\x1b": "An escape (ESC)", "\x7f": "A DEL"}.get(char, "A control")
    line = sql.count("\n", 0, found.start()) + 1
    column = found.start() - (sql.rfind("\n", 0, found.start()) + 1) + 1
    return _refused(
        f"{name} character (U+{ord(char):04X}) at line {line}, column {column}: pasted by "
        "accident? Delete it (it is selected); SQL never holds control characters.",
        found.start(),
        found.end(),
    )


def _first_word(sql: str, word: str, start: int, end: int) -> Finding:
    """A statement that is not a query: refused if it is one ClickHouse knows (the endpoint is
    read-only), else a syntax error, with the query word it is closest to as its fix."""
    upper = word.upper()
    if upper in _STATEMENTS:
        return _refused(
            f"{upper} is refused: the query endpoint is read-only and runs SELECT queries only.",
            start,
            end,
        )
    row, col = location_of(sql, start)
    at = f"Syntax error at line {row + 1}, col {col + 1} near {word!r}"
    close = difflib.get_close_matches(upper, _WORDS, n=1, cutoff=0.6)
    if not close:
        return Finding(
            Rule.PARSE_ERROR,
            Severity.ERROR,
            f"{at}: a query starts with SELECT or WITH.",
            start,
            end,
            blocking=True,
        )
    fix = Fix(f"Write {close[0]}", (Edit(start, end, close[0]),))
    return Finding(
        Rule.PARSE_ERROR,
        Severity.ERROR,
        f"{at}: did you mean {close[0]}?",
        start,
        end,
        fix,
        blocking=True,
    )


def before_parsing(sql: str) -> list[Finding]:
    """Refusals the tokens show; when there are any, parsing is pointless."""
    large = too_large(sql)
    if large is not None:
        return [_refused(large, 0, len(sql))]
    control = control_character(sql)
    if control is not None:
        return [control]
    statements = [s for s in split_statements(sql) if not s.blank]
    if len(statements) > 1:
        second, last = statements[1], statements[-1]
        return [
            _refused(
                f"{len(statements)} statements: the endpoint runs one at a time "
                "(ctrl+j runs the one under the cursor, or the selection).",
                second.code_start,
                last.code_end,
            )
        ]
    coded = Coded.of(sql)
    if not coded.tokens:
        return []
    first = coded.tokens[0]
    if first.upper not in _QUERY_STARTS:
        return [_first_word(sql, first.text, first.start, first.end)]
    for index, token in enumerate(coded.tokens[:-1]):
        if token.is_word("INTO") and coded.tokens[index + 1].is_word("OUTFILE"):
            end = coded.scan(index, frozenset({"FORMAT", "SETTINGS"}))
            remove = Edit(coded.end_before(index), coded.end_before(end), "")
            return [
                _refused(
                    "INTO OUTFILE is refused: the query runs on Cargo's servers, not here; "
                    "export the result with e instead.",
                    token.start,
                    coded.end_before(end),
                    Fix("Remove INTO OUTFILE", (remove,)),
                )
            ]
    return []


def after_parsing(sql: str, tree: Any) -> list[Finding]:
    """Refusals in the parsed query: other tables, table functions, SETTINGS, FORMAT."""
    from sqlglot import exp

    findings: list[Finding] = []
    if isinstance(tree, exp.Describe):
        return _tables(sql, [tree.this]) if isinstance(tree.this, exp.Table) else []
    findings.extend(_tables(sql, list(_base_tables(tree))))
    has_settings, has_format = _clause_of(tree, "settings"), _clause_of(tree, "format")
    coded = Coded.of(sql)
    for index, token in enumerate(coded.tokens):
        if token.kind is not Kind.WORD:
            continue
        if token.upper == "SETTINGS" and has_settings:
            end = coded.scan(index, frozenset({"FORMAT"}))
            remove = Edit(coded.end_before(index), coded.end_before(end), "")
            findings.append(
                _refused(
                    "SETTINGS is refused: the endpoint sets its own limits "
                    f"({MAX_SECONDS} s, {MAX_ROWS_READ:,} rows read, "
                    f"{MAX_RESULT_ROWS:,} result rows).",
                    token.start,
                    coded.end_before(end),
                    Fix("Remove SETTINGS", (remove,)),
                )
            )
        elif token.upper == "FORMAT" and has_format:
            end = coded.scan(index, frozenset({"SETTINGS"}))
            remove = Edit(coded.end_before(index), coded.end_before(end), "")
            findings.append(
                Finding(
                    Rule.REFUSED,
                    Severity.WARNING,
                    "FORMAT is the endpoint's to choose (it answers JSON rows); "
                    "this clause is refused or ignored.",
                    token.start,
                    coded.end_before(end),
                    Fix("Remove FORMAT", (remove,)),
                )
            )
    return findings


def _clause_of(tree: Any, name: str) -> bool:
    from sqlglot import exp

    return any(node.args.get(name) for node in tree.walk() if isinstance(node, exp.Query))


def _base_tables(tree: Any) -> list[Any]:
    """Every table the query reads that is not one of its own CTEs."""
    from sqlglot import exp
    from sqlglot.optimizer.scope import traverse_scope

    tables: list[Any] = []
    for scope in traverse_scope(tree):
        tables.extend(s for s in scope.sources.values() if isinstance(s, exp.Table))
    return tables


def _tables(sql: str, tables: list[Any]) -> list[Finding]:
    from sqlglot import exp

    findings = []
    for table in tables:
        name = table.this
        if not isinstance(name, exp.Identifier):
            findings.append(_table_function(sql, table))
            continue
        start, end = span_of(name)
        if table.args.get("db") or table.args.get("catalog"):
            prefix = table.args.get("catalog") or table.args.get("db")
            prefix_start = span_of(prefix)[0]
            if name.name in TABLES:
                findings.append(
                    _refused(
                        f"Tables are named without a database here: write {name.name}.",
                        prefix_start,
                        end,
                        Fix(f"Write {name.name}", (Edit(prefix_start, start, ""),)),
                    )
                )
                continue
            start = prefix_start
        if name.name in TABLES and not (table.args.get("db") or table.args.get("catalog")):
            continue
        written = sql[start:end]
        close = difflib.get_close_matches(name.name.lower(), TABLES, n=1, cutoff=0.6)
        fix = Fix(f"Use {close[0]}", (Edit(start, end, close[0]),)) if close else None
        hint = f" Did you mean {close[0]}?" if close else ""
        findings.append(
            _refused(
                f"There is no table {written} here: the endpoint reads {_TABLE_LIST}.{hint}",
                start,
                end,
                fix,
            )
        )
    return findings


def _table_function(sql: str, table: Any) -> Finding:
    call = table.this
    name = str(getattr(call, "name", "") or call.sql())
    coded = Coded.of(sql)
    start = end = 0
    for index, token in enumerate(coded.tokens[:-1]):
        if token.kind is Kind.WORD and token.text == name and coded.tokens[index + 1].text == "(":
            start, end = token.start, coded.tokens[coded.closing(index + 1)].end
            break
    return _refused(
        f"{name}() is a table function, which the endpoint refuses: it reads only "
        f"the tables {_TABLE_LIST}.",
        start,
        end,
    )
