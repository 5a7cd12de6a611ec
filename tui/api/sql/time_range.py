"""The time-range rule: a time-capped table read with no condition on its time column.

``runs``, ``spans`` and ``records`` grow without bound; a query that reads one with no
condition on its time column (``created_at``, ``execution_started_at``; ``updated_at`` and
``finished_at`` count too) risks the 10,000,000-rows-read cap. Scopes resolve aliases, CTEs,
subqueries, joins and unions to the table they read; a condition in an outer query counts when
ClickHouse pushes it down into the subquery or CTE that passes the column through.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tui.api.sql.clauses import span_of, where_of_table
from tui.api.sql.findings import Finding, Fix, Rule, Severity
from tui.api.sql.schema import MAX_ROWS_READ, TIME_COLUMNS
from tui.api.sql.text import Edit


def scopes(tree: Any) -> list[Any]:
    from sqlglot.optimizer.scope import traverse_scope

    return list(traverse_scope(tree))


def time_range(sql: str, tree: Any) -> list[Finding]:
    """A finding per time-capped table read with no time predicate that bounds the scan."""
    from sqlglot import exp

    findings = []
    for scope in scopes(tree):
        select = scope.expression
        if not isinstance(select, exp.Select):
            continue
        sources = scope.selected_sources
        for alias, (_node, source) in sources.items():
            if not isinstance(source, exp.Table) or source.args.get("db"):
                continue
            columns = TIME_COLUMNS.get(source.name)
            if columns is None:
                continue
            names = {alias, source.name}
            if _bounded(select, names, columns) or _bounded_outside(scope, set(columns)):
                continue
            findings.append(_time_finding(sql, select, source, alias if len(sources) > 1 else ""))
    return findings


def _time_finding(sql: str, select: Any, table: Any, qualifier: str) -> Finding:
    from sqlglot import exp

    column = TIME_COLUMNS[table.name][0]
    predicate = f"{qualifier + '.' if qualifier else ''}{column} > now() - INTERVAL 1 DAY"
    start, end = span_of(table.this)
    fix = None
    place = where_of_table(sql, start)
    if place is not None and place.condition is not None:
        where = select.args.get("where")
        first, last = place.condition
        if where is not None and isinstance(where.this, exp.Or):
            edits: tuple[Edit, ...] = (
                Edit(first, first, "("),
                Edit(last, last, f") AND {predicate}"),
            )
        else:
            edits = (Edit(last, last, f" AND {predicate}"),)
        fix = Fix(f"Add AND {predicate}", edits)
    elif place is not None:
        fix = Fix(
            f"Add WHERE {predicate}",
            (Edit(place.insert_at, place.insert_at, f" WHERE {predicate}"),),
        )
    return Finding(
        Rule.TIME_RANGE,
        Severity.WARNING,
        f"{table.name} is read with no time range (no condition on {column}): it may pass the "
        f"{MAX_ROWS_READ:,}-rows-read cap.",
        start,
        end,
        fix,
    )


def _bounded(select: Any, names: set[str], columns: Iterable[str]) -> bool:
    """Whether the select's WHERE or PREWHERE bounds one of ``columns`` of the table ``names``."""
    columns = set(columns)
    for clause in ("where", "prewhere"):
        condition = select.args.get(clause)
        if condition is not None and _limits(condition.this, names, columns, select):
            return True
    return False


def _limits(condition: Any, names: set[str], columns: set[str], select: Any) -> bool:
    from sqlglot import exp

    if isinstance(condition, exp.Paren):
        return _limits(condition.this, names, columns, select)
    if isinstance(condition, exp.And):
        return any(_limits(side, names, columns, select) for side in condition.flatten())
    if isinstance(condition, exp.Or):
        return all(_limits(side, names, columns, select) for side in condition.flatten())
    if isinstance(condition, exp.GT | exp.GTE | exp.LT | exp.LTE | exp.EQ):
        left, right = condition.this, condition.expression
        return (_time(left, names, columns, select) and not _columns(right, select)) or (
            _time(right, names, columns, select) and not _columns(left, select)
        )
    if isinstance(condition, exp.Between):
        bounds = [condition.args.get("low"), condition.args.get("high")]
        return _time(condition.this, names, columns, select) and not any(
            _columns(bound, select) for bound in bounds if bound is not None
        )
    if isinstance(condition, exp.In):
        return _time(condition.this, names, columns, select)
    return False


def _columns(node: Any, select: Any) -> list[Any]:
    """The columns in ``node`` that belong to ``select`` (not to a subquery inside it)."""
    from sqlglot import exp

    return [
        column
        for column in node.find_all(exp.Column)
        if column.find_ancestor(exp.Select) is select and not isinstance(column.this, exp.Star)
    ]


def _time(node: Any, names: set[str], columns: set[str], select: Any) -> bool:
    return any(
        column.name in columns and (not column.table or column.table in names)
        for column in _columns(node, select)
    )


def _bounded_outside(scope: Any, columns: set[str]) -> bool:
    """Whether a query around this one bounds the time column it passes through.

    ClickHouse pushes such conditions down into subqueries and CTEs, so
    ``SELECT * FROM (SELECT * FROM runs) WHERE created_at > ...`` scans only that range.
    """
    from sqlglot import exp
    from sqlglot.optimizer.scope import ScopeType

    child = scope
    while child.parent is not None and columns:
        parent = child.parent
        if isinstance(child.expression, exp.Select):
            columns = _passed_through(child.expression, columns)
        if child.scope_type is ScopeType.SET_OPERATION:
            child = parent
            continue
        if not (child.is_derived_table or child.is_cte):
            return False
        aliases = {name for name, (_, source) in parent.selected_sources.items() if source is child}
        select = parent.expression
        if aliases and isinstance(select, exp.Select) and _bounded(select, aliases, columns):
            return True
        child = parent
    return False


def _passed_through(select: Any, columns: set[str]) -> set[str]:
    from sqlglot import exp

    passed = set()
    for projection in select.expressions:
        if isinstance(projection, exp.Star) or (
            isinstance(projection, exp.Column) and isinstance(projection.this, exp.Star)
        ):
            return columns
        if isinstance(projection, exp.Column) and projection.name in columns:
            passed.add(projection.name)
    return passed
