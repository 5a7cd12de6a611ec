"""Headless SQL tooling for the query endpoint: lint, format, split, complete, explain errors.

It sits beside the client because it encodes the endpoint's rules (four tables, read-only,
30 s / 10,000,000 rows read / 10,000 result rows). sqlglot is imported on first use only.
Names load on first use, like :mod:`tui.api`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.api.sql.completion import Candidate, CandidateKind, Completions, complete
    from tui.api.sql.findings import Finding, Fix, Rule, Severity
    from tui.api.sql.format import Formatted, format_sql
    from tui.api.sql.linter import fix_all, lint
    from tui.api.sql.schema import DEFAULT_SCHEMA, TABLES, TIME_COLUMNS, Schema
    from tui.api.sql.server_errors import Cap, ServerError, server_words, shorten_error
    from tui.api.sql.statements import (
        QueryToRun,
        Statement,
        query_to_run,
        split_statements,
        statement_at,
    )
    from tui.api.sql.text import Edit, Location, apply_edits, location_of, offset_of

_WHERE = {
    "Candidate": "completion",
    "CandidateKind": "completion",
    "Completions": "completion",
    "complete": "completion",
    "Finding": "findings",
    "Fix": "findings",
    "Rule": "findings",
    "Severity": "findings",
    "Formatted": "format",
    "format_sql": "format",
    "fix_all": "linter",
    "lint": "linter",
    "DEFAULT_SCHEMA": "schema",
    "TABLES": "schema",
    "TIME_COLUMNS": "schema",
    "Schema": "schema",
    "Cap": "server_errors",
    "ServerError": "server_errors",
    "shorten_error": "server_errors",
    "server_words": "server_errors",
    "QueryToRun": "statements",
    "Statement": "statements",
    "query_to_run": "statements",
    "split_statements": "statements",
    "statement_at": "statements",
    "Edit": "text",
    "Location": "text",
    "apply_edits": "text",
    "location_of": "text",
    "offset_of": "text",
}

__all__ = [
    "DEFAULT_SCHEMA",
    "TABLES",
    "TIME_COLUMNS",
    "Candidate",
    "CandidateKind",
    "Cap",
    "Completions",
    "Edit",
    "Finding",
    "Fix",
    "Formatted",
    "Location",
    "QueryToRun",
    "Rule",
    "Schema",
    "ServerError",
    "Severity",
    "Statement",
    "apply_edits",
    "complete",
    "fix_all",
    "format_sql",
    "lint",
    "location_of",
    "offset_of",
    "query_to_run",
    "server_words",
    "shorten_error",
    "split_statements",
    "statement_at",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"tui.api.sql.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'tui.api.sql' has no attribute {name!r}")
