"""The linter run before a query is sent: refusals, syntax errors, and advice about the caps.

``lint(sql)`` takes exactly the text that would be sent (the statement under the cursor, or the
selection) and returns findings in the order they appear in the text. Offsets are relative to
``sql``; :meth:`Finding.shifted` places them in the buffer.

A syntax error is an ``error`` but not ``blocking``: sqlglot's ClickHouse grammar is narrower
than ClickHouse's (``LIMIT n BY x LIMIT m``, for one), so the editor shows it and lets the user
send anyway. Refusals are ``blocking``: the server would refuse them for certain.
"""

from __future__ import annotations

from typing import Any

from tui.api.sql import refusals, result_size, time_range
from tui.api.sql.findings import Finding, Rule, Severity
from tui.api.sql.lexer import Kind, tokenize
from tui.api.sql.schema import Schema
from tui.api.sql.text import location_of, offset_of


def lint(sql: str, schema: Schema | None = None) -> list[Finding]:
    """Everything worth saying about ``sql`` before it is sent; empty when all is well.

    ``schema`` (table -> [(column, type)]) lets ``SELECT *`` be expanded; without it the linter
    only warns, since the default schema is a guess.
    """
    import sqlglot
    from sqlglot.errors import ParseError, TokenError

    from tui.api.sql.dialect import clickhouse

    findings = refusals.before_parsing(sql)
    if findings or not sql.strip():
        return findings
    try:
        trees = [tree for tree in sqlglot.parse(sql, read=clickhouse()) if tree is not None]
    except ParseError as error:
        return [_parse_error(sql, error.errors[0] if error.errors else {}, str(error))]
    except TokenError:
        return [_token_error(sql)]
    if not trees:
        return []
    tree = trees[0]
    findings = refusals.after_parsing(sql, tree)
    if _is_query(tree) and not any(f.blocking for f in findings):
        findings += time_range.time_range(sql, tree)
        findings += result_size.select_star(sql, tree, schema)
        findings += result_size.limits(sql, tree)
    return sorted(findings, key=lambda finding: (finding.start, finding.end))


def _is_query(tree: Any) -> bool:
    from sqlglot import exp

    return isinstance(tree, exp.Query)


def _parse_error(sql: str, error: dict[str, Any], text: str) -> Finding:
    """sqlglot reports the line and the column of the last character of the offending token."""
    line, column = error.get("line"), error.get("col")
    highlight = str(error.get("highlight") or "")
    description = str(error.get("description") or text.splitlines()[0] if text else "")
    if isinstance(line, int) and isinstance(column, int):
        end = offset_of(sql, (line - 1, column))
        start = end - len(highlight)
        if not highlight or sql[start:end] != highlight:
            start = max(end - 1, 0)
    else:
        start = end = len(sql)
    row, col = location_of(sql, start)
    near = f" near {highlight!r}" if highlight else ""
    return Finding(
        Rule.PARSE_ERROR,
        Severity.ERROR,
        f"Syntax error at line {row + 1}, col {col + 1}{near}: {description.rstrip('.')}.",
        start,
        max(end, start),
    )


def _token_error(sql: str) -> Finding:
    """sqlglot's tokenizer failed: an unclosed string, quoted name or comment, most likely."""
    what = {Kind.STRING: "string", Kind.QUOTED: "quoted name", Kind.COMMENT: "comment"}
    for token in tokenize(sql):
        if not token.closed:
            row, col = location_of(sql, token.start)
            return Finding(
                Rule.PARSE_ERROR,
                Severity.ERROR,
                f"Syntax error at line {row + 1}, col {col + 1}: this {what[token.kind]} "
                "is never closed.",
                token.start,
                token.end,
            )
    return Finding(Rule.PARSE_ERROR, Severity.ERROR, "Syntax error: sqlglot cannot read it.", 0, 0)


def fix_all(
    sql: str,
    schema: Schema | None = None,
    *,
    rules: frozenset[Rule] | None = None,
    rounds: int = 20,
) -> str:
    """``sql`` with every available fix made (of ``rules``, else all), re-linting after each."""
    for _ in range(rounds):
        fixable = [
            finding
            for finding in lint(sql, schema)
            if finding.fix is not None and (rules is None or finding.rule in rules)
        ]
        if not fixable or fixable[0].fix is None:
            return sql
        fixed = fixable[0].fix.apply(sql)
        if fixed == sql:
            return sql
        sql = fixed
    return sql
