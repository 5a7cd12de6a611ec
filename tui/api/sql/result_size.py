"""Rules about what comes back: ``SELECT *`` over a wide table, and result size.

- ``SELECT *`` in the outermost query over one of the four tables fetches every column of
  wide rows; with a schema the fix names the columns.
- An outermost SELECT that may return many rows and has no ``LIMIT`` risks the 10,000-row
  result cap; an aggregate with no GROUP BY, or grouped by low-cardinality keys (status, node,
  workflow, time buckets), returns few rows and is left alone. A ``LIMIT`` above the cap is
  flagged too.
"""

from __future__ import annotations

import re
from typing import Any

from tui.api.sql.clauses import outer_branches, span_of
from tui.api.sql.findings import Finding, Fix, Rule, Severity
from tui.api.sql.schema import MAX_RESULT_ROWS, TABLES, Schema
from tui.api.sql.text import Edit
from tui.api.sql.time_range import scopes

DEFAULT_LIMIT = 1000

#: Grouping by one of these can return a row per run, record or message: not "a few rows".
_MANY_VALUES = frozenset(
    {
        "uuid",
        "id",
        "run_uuid",
        "trace_uuid",
        "parent_uuid",
        "parent_run_uuid",
        "record_id",
        "record_title",
        "title",
        "error_message",
        "execution_error_message",
        "execution_title",
        "executions",
        "data",
    }
)
#: Functions that keep (or multiply) the number of distinct values of their argument.
_SAME_CARDINALITY = frozenset(
    {
        "lower",
        "upper",
        "lowerutf8",
        "upperutf8",
        "trim",
        "trimboth",
        "tostring",
        "concat",
        "assumenotnull",
        "ifnull",
        "coalesce",
        "arrayjoin",
        "splitbychar",
        "splitbystring",
        "splitbyregexp",
    }
)
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def select_star(sql: str, tree: Any, schema: Schema | None) -> list[Finding]:
    """``SELECT *`` in the outermost query over one of the four tables."""
    from sqlglot import exp

    findings = []
    by_select = {id(scope.expression): scope for scope in scopes(tree)}
    for select in _outer_selects(tree):
        scope = by_select.get(id(select))
        if scope is None:
            continue
        sources = scope.selected_sources
        for projection in select.expressions:
            if isinstance(projection, exp.Star):
                tables = [s for _, s in sources.values() if _is_endpoint_table(s)]
                qualifier = ""
            elif isinstance(projection, exp.Column) and isinstance(projection.this, exp.Star):
                qualifier = projection.table
                source = sources.get(qualifier, (None, None))[1]
                tables = [source] if _is_endpoint_table(source) else []
            else:
                continue
            if tables:
                findings.append(_star_finding(projection, tables, qualifier, len(sources), schema))
    return findings


def _star_finding(
    projection: Any, tables: list[Any], qualifier: str, sources: int, schema: Schema | None
) -> Finding:
    from sqlglot import exp

    star = projection if isinstance(projection, exp.Star) else projection.this
    end = span_of(star)[1]
    start = span_of(projection.args["table"])[0] if qualifier else end - 1
    names = " and ".join(table.name for table in tables)
    fix = None
    known = schema is not None and tables[0].name in schema
    expandable = (qualifier or sources == 1) and not any(
        star.args.get(key) for key in ("except_", "except", "replace", "rename")
    )
    if known and expandable and schema is not None:
        prefix = f"{qualifier}." if qualifier else ""
        columns = ", ".join(prefix + _quoted(name) for name, _ in schema[tables[0].name])
        fix = Fix("Name the columns", (Edit(start, end, columns),))
    return Finding(
        Rule.SELECT_STAR,
        Severity.WARNING,
        f"SELECT * fetches every column of {names}: wide rows are slow to fetch and read; "
        "name the columns you need.",
        start,
        end,
        fix,
    )


def _is_endpoint_table(source: Any) -> bool:
    from sqlglot import exp

    return isinstance(source, exp.Table) and source.name in TABLES and not source.args.get("db")


def _quoted(name: str) -> str:
    return name if _PLAIN_NAME.fullmatch(name) else "`" + name.replace("`", "\\`") + "`"


def limits(sql: str, tree: Any) -> list[Finding]:
    """Outermost SELECTs that may return more rows than the result cap, and LIMITs above it."""
    from sqlglot import exp

    selects = _outer_selects(tree)
    branches = outer_branches(sql)
    if len(branches) != len(selects):
        return []  # the text and the tree disagree: better silent than wrong
    findings = []
    for select, branch in zip(selects, branches, strict=True):
        limit = select.args.get("limit")
        if limit is not None and not limit.expressions:
            count = limit.expression
            value = int(count.name) if isinstance(count, exp.Literal) and count.is_int else None
            if value is not None and value > MAX_RESULT_ROWS and branch.limit_number:
                first, last = branch.limit_number
                findings.append(
                    Finding(
                        Rule.LIMIT_OVER_CAP,
                        Severity.WARNING,
                        f"LIMIT {value:,} is above the {MAX_RESULT_ROWS:,}-row result cap: "
                        "the server refuses results that large.",
                        first,
                        last,
                        Fix(
                            f"Use LIMIT {MAX_RESULT_ROWS}",
                            (Edit(first, last, str(MAX_RESULT_ROWS)),),
                        ),
                    )
                )
            continue
        if _few_rows(select):
            continue
        findings.append(
            Finding(
                Rule.NO_LIMIT,
                Severity.WARNING,
                f"No LIMIT: the endpoint refuses results over {MAX_RESULT_ROWS:,} rows; "
                "add LIMIT, or aggregate.",
                *branch.keyword,
                Fix(
                    f"Add LIMIT {DEFAULT_LIMIT}",
                    (Edit(branch.insert_at, branch.insert_at, f" LIMIT {DEFAULT_LIMIT}"),),
                ),
            )
        )
    return findings


def _outer_selects(tree: Any) -> list[Any]:
    """The SELECTs whose rows are the result: the query, or each branch of its UNION."""
    from sqlglot import exp

    if isinstance(tree, exp.Subquery):
        return _outer_selects(tree.this)
    if isinstance(tree, exp.SetOperation):
        return _outer_selects(tree.this) + _outer_selects(tree.expression)
    return [tree] if isinstance(tree, exp.Select) else []


def _few_rows(select: Any) -> bool:
    """An aggregate with no GROUP BY, or grouped (or DISTINCT) by low-cardinality keys only."""
    from sqlglot import exp

    source = select.args.get("from_")
    if source is None:
        return True  # SELECT now(): one row
    inner = _single_inner_query(select, source.this)
    if inner is not None and all(_few_rows(branch) for branch in _outer_selects(inner)):
        return True  # reading a few rows (an aggregate in a subquery or CTE) gives a few rows
    projections = {p.alias_or_name: p.unalias() for p in select.expressions}
    group = select.args.get("group")
    if group is not None or select.args.get("distinct"):
        keys = group.expressions if group is not None else [p.unalias() for p in select.expressions]
        ordered = list(select.expressions)
        resolved = []
        for key in keys:
            if isinstance(key, exp.Literal) and key.is_int and 0 < int(key.name) <= len(ordered):
                key = ordered[int(key.name) - 1].unalias()
            elif isinstance(key, exp.Column) and not key.table and key.name in projections:
                key = projections[key.name]
            resolved.append(key)
        return not any(_many_values(key) for key in resolved)
    aggregates = [
        node
        for projection in select.expressions
        for node in projection.find_all(exp.AggFunc)
        if node.find_ancestor(exp.Window) is None
    ]
    return bool(aggregates) or select.args.get("having") is not None


def _single_inner_query(select: Any, source: Any) -> Any:
    """The query a SELECT reads, when it reads just one subquery or CTE (no joins)."""
    from sqlglot import exp

    if select.args.get("joins") or _has_array_join(select):
        return None
    if isinstance(source, exp.Subquery):
        return source.this
    if isinstance(source, exp.Table) and not source.args.get("db"):
        holder = select
        while holder is not None:
            with_ = holder.args.get("with_") if isinstance(holder, exp.Query) else None
            for cte in with_.expressions if with_ else []:
                if cte.alias_or_name == source.name:
                    return cte.this
            holder = holder.parent
    return None


def _has_array_join(select: Any) -> bool:
    from sqlglot import exp

    return any(
        isinstance(node, exp.Anonymous) and node.name.lower() == "arrayjoin"
        for projection in select.expressions
        for node in projection.walk()
    )


def _many_values(key: Any) -> bool:
    """A per-run or per-record value (uuid, title, message, raw timestamp), maybe relabelled."""
    from sqlglot import exp

    if isinstance(key, exp.Paren):
        return _many_values(key.this)
    if isinstance(key, exp.Column):
        return key.name in _MANY_VALUES or key.name.endswith("_at")
    if isinstance(key, exp.Func) and key.name.lower() in _SAME_CARDINALITY:
        return any(_many_values(arg) for arg in key.iter_expressions())
    return False  # time buckets, JSON extraction, conditions: a few values each
