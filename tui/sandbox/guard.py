"""The SQL guard of ``/orchestration/query``: one read-only SELECT over the four tables.

Two layers. sqlglot (ClickHouse dialect) parses the query; anything but one SELECT (WITH and
UNION allowed) over ``runs``, ``batches``, ``spans``, ``records`` (unqualified) or its own CTEs
is refused, as are table functions, functions that reach outside (``file``, ``url``, ``s3``,
``remote``, ``dictGet`` ...), ``SETTINGS``, ``FORMAT`` and ``INTO OUTFILE``. The query is then
rewritten from the tree, tables pointed at the workspace's database and ``now()`` at the
sandbox's clock. ClickHouse's own parser (``EXPLAIN AST``) checks the rewritten text again.
"""

from __future__ import annotations

import re
from typing import Any

from tui.sandbox.schema import PUBLIC_TABLES


class Refused(ValueError):
    """The query is not allowed; the message says why."""


class Unparsed(Refused):
    """sqlglot could not parse the query: ClickHouse's own parser says where, as the service
    does (see ``routes/query.py``); the message is sqlglot's, for when ClickHouse parses it."""


DENIED_FUNCTIONS = {
    "file", "url", "urlcluster", "s3", "s3cluster", "gcs", "azureblobstorage", "hdfs",
    "hdfscluster", "remote", "remotesecure", "cluster", "clusterallreplicas", "mysql",
    "postgresql", "sqlite", "mongodb", "redis", "jdbc", "odbc", "input", "executable",
    "executablepool", "dictionary", "joinget", "joingetornull", "dicthas", "dictisin",
    "dictgethierarchy", "dictgetchildren", "dictgetdescendants", "catboostevaluate",
    "naivebayesclassifier", "addresstoline", "addresstolinewithinlines", "addresstosymbol",
    "getmacro", "getserverport", "hostname", "fqdn", "currentdatabase", "currentuser",
    "currentschemas", "filesystemavailable", "filesystemcapacity", "filesystemunreserved",
    "getsetting", "merge", "iceberg", "deltalake", "hudi", "view", "viewifpermitted", "loop",
    "values", "format", "generate_series", "numbers", "numbers_mt", "zeros", "zeros_mt",
    "null", "fuzzjson", "fuzzquery", "mergetreeindex", "mergetreeparts", "timeseriesdata",
    "timeseriestags", "timeseriesmetrics", "arrowflight", "ytsaurus", "paimon", "prometheusquery",
}  # fmt: skip
DENIED_PREFIXES = ("dictget", "s3", "azure", "hdfs", "remote", "cluster", "iceberg", "file", "url")
#: ClickHouse's default ``max_query_size``, in bytes, under which the real service runs.
MAX_QUERY_SIZE = 262_144
NOW_FUNCTIONS = {"now", "now64", "today", "yesterday", "current_timestamp", "currenttimestamp"}


def _name(node: Any) -> str:
    from sqlglot import exp

    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    if isinstance(node, exp.Func):
        return str(node.sql_name()).lower()
    return ""


def _denied(name: str) -> bool:
    return name in DENIED_FUNCTIONS or name.startswith(DENIED_PREFIXES)


DESCRIBE = re.compile(r"^\s*(?:DESCRIBE|DESC)\s+(?:TABLE\s+)?`?(\w+)`?\s*;?\s*$", re.IGNORECASE)


def described_table(query: str) -> str | None:
    """The table a ``DESCRIBE [TABLE] name`` asks about (one of the four), else None."""
    found = DESCRIBE.match(query)
    if found is None:
        return None
    name = found.group(1)
    if name not in PUBLIC_TABLES:
        raise Refused(f"Unknown table {name}: the tables are runs, batches, spans, records")
    return name


def rewrite(query: str, db: str, clock: str) -> str:
    """The query as it will run, or :class:`Refused` with the reason."""
    import sqlglot
    from sqlglot import exp

    if not query.strip():
        raise Refused("The query is empty")
    size = len(query.encode("utf-8", "surrogatepass"))
    if size > MAX_QUERY_SIZE:  # before sqlglot, which takes minutes over a megabyte
        raise Refused(
            f"The query is {size:,} bytes; one query may be at most {MAX_QUERY_SIZE:,} bytes "
            "(max_query_size)"
        )
    try:
        trees = [t for t in sqlglot.parse(query, read="clickhouse") if t is not None]
    except sqlglot.errors.ParseError as exc:
        first = str(exc).splitlines()[0]
        raise Unparsed(f"The query could not be parsed: {first}") from None
    if not trees:
        raise Refused("The query holds no statement, only comments")
    if len(trees) != 1:
        raise Refused("Send one statement at a time (no ';'-separated statements)")
    tree = trees[0]
    if not isinstance(tree, exp.Query) or tree.find(exp.Insert, exp.Create, exp.Drop,
                                                    exp.Alter, exp.Delete, exp.Update,
                                                    exp.Command, exp.Set):  # fmt: skip
        raise Refused("Only SELECT queries are allowed (WITH and UNION too)")
    for select in tree.find_all(exp.Select):
        if select.args.get("settings"):
            raise Refused("SETTINGS are not allowed: the query runs under the service's limits")
        if select.args.get("format"):
            raise Refused("FORMAT is not allowed: results come back as JSON rows")
    if tree.find(exp.Into) or "outfile" in query.lower():
        raise Refused("INTO OUTFILE is not allowed")
    ctes = {str(cte.alias_or_name).lower() for cte in tree.find_all(exp.CTE)}
    if ctes & set(PUBLIC_TABLES):
        raise Refused("A CTE may not be named like one of the tables runs, batches, spans, records")
    for node in tree.walk():
        name = _name(node)
        if name and _denied(name):
            raise Refused(f"The function {name}() is not allowed")
        if isinstance(node, exp.In) and isinstance(node.args.get("field"), exp.Column):
            raise Refused("'IN table' is not allowed: write IN (SELECT ...)")
    for table in list(tree.find_all(exp.Table)):
        if not isinstance(table.this, exp.Identifier):
            raise Refused("Table functions are not allowed: query runs, batches, spans or records")
        name = str(table.name)
        if table.args.get("db") or table.args.get("catalog"):
            raise Refused(
                f"Tables are named without a schema: use {name}, not {table.sql('clickhouse')}"
            )
        if name.lower() in ctes:
            continue
        if name not in PUBLIC_TABLES:
            raise Refused(f"Unknown table {name}: the tables are runs, batches, spans, records")
        table.set("db", exp.to_identifier(db))
    for node in list(tree.walk()):
        if _name(node) in NOW_FUNCTIONS or isinstance(node, exp.CurrentTimestamp | exp.CurrentDate):
            node.replace(_clock_expression(_name(node) or "now", clock))
    return str(tree.sql("clickhouse"))


def _clock_expression(name: str, clock: str) -> Any:
    import sqlglot

    wrap = {"today": "toDate({})", "yesterday": "toDate({}) - 1", "now64": "{}",
            "currentdate": "toDate({})"}.get(name, "toDateTime({}, 'UTC')")  # fmt: skip
    return sqlglot.parse_one(wrap.format(clock), read="clickhouse")


IDENT = re.compile(r"^\s*(\w+)(?: (\S+))?")


def check_ast(explained: str, db: str) -> None:
    """Second layer: ClickHouse's own parse (``EXPLAIN AST``) of the rewritten query."""
    allowed = {f"{db}.{t}" for t in PUBLIC_TABLES}
    lines = explained.splitlines()
    if not lines or not lines[0].startswith("SelectWithUnionQuery (children 1)"):
        raise Refused("Only a plain SELECT is allowed")
    previous = ""
    for line in lines:
        found = IDENT.match(line)
        if not found:
            continue
        kind, name = found.group(1), (found.group(2) or "")
        if kind in ("Set", "SetQuery"):
            raise Refused("SETTINGS are not allowed")
        if kind == "Function" and (_denied(name.lower()) or previous == "TableExpression"):
            raise Refused(f"The function {name} is not allowed here")
        if kind == "TableIdentifier" and "." in name and name not in allowed:
            raise Refused(f"The table {name} is not allowed")
        if kind in ("Identifier", "TableIdentifier") and "." in name:
            prefix = name.split(".", 1)[0].lower()
            if prefix in FOREIGN or (prefix.startswith("sandbox") and prefix != db):
                raise Refused(f"{name} is not one of the tables runs, batches, spans, records")
        previous = kind


FOREIGN = {"system", "information_schema", "default", "_temporary_and_external_tables"}
