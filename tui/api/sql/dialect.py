"""sqlglot's ClickHouse dialect, made to keep what people wrote.

Stock sqlglot normalises as it parses, to transpile between dialects: ``toStartOfMonth(x)``
becomes ``dateTrunc('MONTH', x)``, ``rand()`` becomes ``randCanonical()`` (another function),
``if(a, b, c)`` a ``CASE``, ``median(x)`` ``quantile(0.5)(x)``, ``INTERVAL 1 DAY``
``INTERVAL '1' DAY``. A formatter and a linter must not change meaning, so here every function
call stays an anonymous call with its name as written (ClickHouse's aggregates are still known
as aggregates), and intervals and negated predicates print as they were typed.

Built on first use: importing sqlglot costs a quarter of a second the app does not pay at start.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from sqlglot import exp
    from sqlglot.dialects.dialect import Dialect

#: Functions whose call syntax is not ``name(args)``: they keep sqlglot's parsers.
_SYNTAX_FUNCTIONS = frozenset({"CAST", "TRY_CAST", "EXTRACT"})


@functools.cache
def clickhouse() -> type[Dialect]:
    """The dialect class (sqlglot registers it as ``cargoclickhouse``)."""
    from sqlglot import exp

    # sqlglot logs parser fallbacks as warnings meant for its developers; with no handler
    # configured, Python would print them over the terminal UI.
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    from sqlglot.dialects.clickhouse import ClickHouse
    from sqlglot.generators.clickhouse import ClickHouseGenerator
    from sqlglot.parsers.clickhouse import ClickHouseParser

    class _Parser(ClickHouseParser):
        FUNCTIONS: ClassVar[dict[str, Any]] = {}
        FUNCTION_PARSERS = {
            name: parse
            for name, parse in ClickHouseParser.FUNCTION_PARSERS.items()
            if name in _SYNTAX_FUNCTIONS
        }
        NO_PAREN_FUNCTION_PARSERS = {
            name: parse
            for name, parse in ClickHouseParser.NO_PAREN_FUNCTION_PARSERS.items()
            if name == "CASE"
        }

        def _parse_interval_span(self, this: Any, parse_function_unit: bool = True) -> Any:
            interval = super()._parse_interval_span(this, parse_function_unit)
            if isinstance(interval, exp.Interval) and this is not None:
                if this.is_number:
                    interval.set("this", this)
                elif this.is_string and interval.this is not this:
                    # INTERVAL '1 day' stays one string, not '1' DAY.
                    interval.set("this", this)
                    interval.set("unit", None)
            return interval

    class _Generator(ClickHouseGenerator):
        def not_sql(self, expression: exp.Not) -> str:
            inner = expression.this
            negated = _negated_infix(self, inner)
            return negated if negated is not None else str(super().not_sql(expression))

    class CargoClickHouse(ClickHouse):
        Parser = _Parser
        Generator = _Generator

    return CargoClickHouse


def _negated_infix(generator: Any, inner: exp.Expr) -> str | None:
    """``a NOT IN (...)``, ``a IS NOT NULL``, ``a NOT BETWEEN x AND y``, as people write them."""
    from sqlglot import exp

    operators = {exp.In: " IN ", exp.Between: " BETWEEN ", exp.Is: " IS "}
    operator = next((op for kind, op in operators.items() if type(inner) is kind), None)
    if operator is None or inner.args.get("is_global"):
        return None
    left = str(generator.sql(inner, "this"))
    if isinstance(inner, exp.Is):
        return f"{left} IS NOT {generator.sql(inner, 'expression')}"
    whole = str(generator.sql(inner))
    if not whole.startswith(left + operator):
        return None
    return left + " NOT" + operator + whole[len(left) + len(operator) :]


def parse(sql: str) -> list[exp.Expr]:
    """The statements of ``sql``; raises sqlglot's ``ParseError`` or ``TokenError``."""
    import sqlglot

    return [statement for statement in sqlglot.parse(sql, read=clickhouse()) if statement]
