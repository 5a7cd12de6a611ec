"""Turn a ClickHouse error from the query endpoint into one short line, a position, and advice.

ClickHouse errors read ``Code: 62. DB::Exception: Syntax error: failed at position 17 (line 1,
col 17) ('FORM'): FORM runs. Expected one of: ... (SYNTAX_ERROR) (version 24.8.1)``, often with
the whole query echoed back (``In scope SELECT ...``) and sometimes a stack trace. The editor
shows the short line, marks the position in the query, says which cap was hit and what to do,
and keeps the full text one key away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from tui.api.sql.schema import MAX_RESULT_ROWS, MAX_SECONDS

_TABLES = "runs, batches, spans and records"


class Cap(StrEnum):
    """Which of the endpoint's limits stopped the query."""

    SCAN = "scan"  # max_rows_to_read (10,000,000 rows) or bytes read
    RESULT = "result"  # 10,000 result rows
    TIME = "time"  # 30 s
    MEMORY = "memory"


_ADVICE = {
    Cap.SCAN: "Add a time predicate (created_at > now() - INTERVAL 1 DAY; "
    "execution_started_at for spans) or narrow the time range.",
    Cap.RESULT: f"Add LIMIT (at most {MAX_RESULT_ROWS:,}) or aggregate.",
    Cap.TIME: "Narrow the time range, or aggregate before joining.",
    Cap.MEMORY: "Narrow the time range, or group by fewer distinct values.",
}


@dataclass(frozen=True)
class ServerError:
    #: One line for the status bar.
    short: str
    #: The message as the server sent it.
    full: str
    code: int | None = None
    #: ClickHouse's error name, e.g. ``SYNTAX_ERROR``.
    name: str | None = None
    #: Where in the query the error is (a character offset), when the server says and it fits.
    position: int | None = None
    cap: Cap | None = None
    advice: str | None = None


_CODE = re.compile(r"Code:\s*(\d+)")
_NAME = re.compile(r"\(([A-Z][A-Z0-9_]{2,})\)")
_EXCEPTION = re.compile(r"DB::Exception:\s*")
_TAILS = re.compile(
    r"(?:[.:]?\s*(?:In scope|In query|while processing query|While executing|Stack trace)\b.*)$",
    re.S | re.I,
)
_POSITION = re.compile(r"failed at position (\d+)(.*?):(?:\s|$)", re.S)
_LINE_COL = re.compile(r"\s*\(line (\d+), col (\d+)\)")
_MAYBE = re.compile(r"Maybe you meant:?\s*\[?'?`?([^'`\]\s,?]+)")
_QUOTED = re.compile(r"[`']([^`']+)[`']")
_AMOUNTS = re.compile(
    r"max (?:rows|bytes): ([\d.]+ ?[A-Za-z]*), current (?:rows|bytes): ([\d.]+ ?[A-Za-z]*)"
)


def shorten_error(message: str, query: str | None = None) -> ServerError:
    """The short form of ``message``; ``query`` (the text sent) lets positions be mapped back."""
    full = message.strip()
    code_match = _CODE.search(full)
    code = int(code_match.group(1)) if code_match else None
    names = _NAME.findall(full)
    name = names[-1] if names else _name_from_words(full)
    body = _body(full, name)
    position = _position(full, query)
    if position is None and query is not None:
        position = _line_col(full, query)
    cap = _cap(code, name)
    short = _short(name, body, full, query, position) or "The query failed; the server said nothing"
    if position is None and query is not None:
        position = _position_of_name(name, full, query)
    advice = _ADVICE.get(cap) if cap else None
    return ServerError(short, full, code, name, position, cap, advice)


#: Messages that lost ClickHouse's error name on the way (a gateway rewording them).
_WORDS = (
    (re.compile(r"Unknown (?:expression )?identifier", re.I), "UNKNOWN_IDENTIFIER"),
    (re.compile(r"Unknown (?:table expression identifier|table)\b", re.I), "UNKNOWN_TABLE"),
    (re.compile(r"Unknown function", re.I), "UNKNOWN_FUNCTION"),
)
_SQLGLOT_AT = re.compile(r"Line (\d+), Col: (\d+)")


def _name_from_words(full: str) -> str | None:
    return next((name for pattern, name in _WORDS if pattern.search(full)), None)


def _line_col(full: str, query: str) -> int | None:
    """``Line 1, Col: 23`` (a parser in front of ClickHouse, sqlglot's way): the character the
    column points at, counted from 1 (sqlglot points at the offending token's last character)."""
    found = _SQLGLOT_AT.search(full)
    if found is None:
        return None
    line, column = int(found.group(1)), int(found.group(2))
    lines = query.split("\n")
    if not 1 <= line <= len(lines) or not 1 <= column <= len(lines[line - 1]) + 1:
        return None
    return sum(len(text) + 1 for text in lines[: line - 1]) + column - 1


def server_words(error: Exception) -> str:
    """What the server said about a failed query: the ``errorMessage`` of its answer's body when
    there is one (without the client's decorations), else the error's own message."""
    import json

    detail = getattr(error, "detail", "")
    try:
        body = json.loads(detail) if isinstance(detail, str) and detail else None
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("errorMessage"), str):
        return str(body["errorMessage"])
    return str(getattr(error, "message", "") or error)


def _body(full: str, name: str | None) -> str:
    """The message without its code, error name, version, echoed query or stack trace."""
    found = _EXCEPTION.search(full)
    body = full[found.end() :] if found else full
    body = re.sub(r"\s*\(version [^)]*\)\s*$", "", body)
    if name:
        body = re.sub(rf"\s*\({name}\)\s*\.?\s*$", "", body)
    body = _TAILS.sub("", body).strip()
    return body.rstrip(". ") or (full.splitlines() or [""])[0]


def _cap(code: int | None, name: str | None) -> Cap | None:
    if name in ("TOO_MANY_ROWS", "TOO_MANY_BYTES") or code in (158, 307):
        return Cap.SCAN
    if name == "TOO_MANY_ROWS_OR_BYTES" or code == 396:
        return Cap.RESULT
    if name == "TIMEOUT_EXCEEDED" or code == 159:
        return Cap.TIME
    if name == "MEMORY_LIMIT_EXCEEDED" or code == 241:
        return Cap.MEMORY
    return None


def _short(name: str | None, body: str, full: str, query: str | None, position: int | None) -> str:
    maybe = _MAYBE.search(full)
    hint = f" (did you mean {maybe.group(1)}?)" if maybe else ""
    subject = _subject(name, body)
    amounts = _AMOUNTS.search(body)
    if name == "SYNTAX_ERROR":
        return _syntax(body, full, query, position)
    if name == "UNKNOWN_IDENTIFIER" and subject:
        return f"Unknown column {subject}{hint}"
    if name == "UNKNOWN_FUNCTION" and subject:
        return f"Unknown function {subject}{hint}"
    if name == "UNKNOWN_TABLE" and subject:
        return f"Unknown table {subject}: the endpoint reads {_TABLES}"
    if name == "TOO_MANY_ROWS_OR_BYTES":
        if amounts:
            return f"The result passed the cap of {amounts.group(1)} rows"
        return f"The result passed the {MAX_RESULT_ROWS:,}-row cap"
    if name in ("TOO_MANY_ROWS", "TOO_MANY_BYTES"):
        what = "rows" if name == "TOO_MANY_ROWS" else "bytes"
        if amounts:
            return (
                f"The query read more than the cap of {amounts.group(1)} {what} "
                f"({amounts.group(2)} read)"
            ).replace(" B bytes", " bytes")
        return f"The query read more {what} than the endpoint allows"
    if name == "TIMEOUT_EXCEEDED":
        return f"The query ran past the {_seconds(body)} s time cap"
    if name == "MEMORY_LIMIT_EXCEEDED":
        return "The query needed more memory than the endpoint allows"
    if name == "READONLY":
        return "The endpoint is read-only: only SELECT queries run"
    if name == "NOT_AN_AGGREGATE" and subject:
        column = subject.rsplit(".", 1)[-1]
        return f"{column} is neither aggregated nor in GROUP BY"
    return _clip(body)


def _syntax(body: str, full: str, query: str | None, position: int | None) -> str:
    where = ""
    if position is not None and query is not None:
        line = query.count("\n", 0, position) + 1
        column = position - (query.rfind("\n", 0, position) + 1) + 1
        where = f" at line {line}, col {column}"
    located = _located(full)
    fragment = located[1] if located else None
    near = ""
    if fragment and fragment != "end of query":
        near = f" near {fragment.strip(chr(39))!r}"
    elif fragment:
        near = " at the end of the query"
    detail = ""
    cause = re.search(r"(Unmatched parentheses: [^.]*)", body) or re.match(
        r"(.*?):\s*Syntax error", body
    )
    if cause:
        detail = ": " + cause.group(1)
    elif expected := re.search(r"Expected one of:\s*(.*?)(?:\.\s*$|$)", body, re.S):
        options = [o.strip() for o in expected.group(1).split(",")]
        useful = [o for o in options if o and o == o.upper() and o.strip(".")]
        more = "…" if len(useful) > 4 else ""
        detail = ": expected " + ", ".join(useful[:4]) + more if useful else ""
    elif expected := re.search(r"Expected ([^.]*)", body):
        detail = ": expected " + expected.group(1)
    return f"Syntax error{where}{near}{detail}"


def _located(full: str) -> tuple[int, str | None, int | None, int | None] | None:
    """``failed at position N`` with its fragment and line/col, in either order ClickHouse uses."""
    found = _POSITION.search(full)
    if found is None:
        return None
    extra = found.group(2)
    line = column = None
    if line_col := _LINE_COL.search(extra):
        line, column = int(line_col.group(1)), int(line_col.group(2))
        extra = extra[: line_col.start()] + extra[line_col.end() :]
    extra = extra.strip()
    fragment = extra[1:-1] if extra.startswith("(") and extra.endswith(")") else None
    return int(found.group(1)), fragment, line, column


def _position(full: str, query: str | None) -> int | None:
    """The character offset ClickHouse gave (it counts bytes, from 1), checked against the query."""
    located = _located(full)
    if located is None or query is None:
        return None
    position, fragment, line, column = located
    encoded = query.encode()
    if line and column:
        lines = encoded.split(b"\n")
        if line > len(lines):
            return None
        byte = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
    else:
        byte = position - 1
    offset = len(encoded[:byte].decode(errors="ignore")) if byte <= len(encoded) else None
    # The query the server ran may not be the text we have (a wrapper, a rewrite): check.
    if fragment and fragment != "end of query":
        for head in (fragment, fragment.strip("'")):
            if offset is not None and head and query.startswith(head, offset):
                return offset
        head = fragment.strip("'")
        return query.find(head) if head and query.count(head) == 1 else None
    return offset


def _position_of_name(name: str | None, full: str, query: str) -> int | None:
    """For an unknown column, function or table: where that name first appears in the query."""
    subject = _subject(name, _body(full, name))
    if not subject or name not in _NAMED:
        return None
    if name == "NOT_AN_AGGREGATE":
        subject = subject.rsplit(".", 1)[-1]
    found = re.search(rf"(?<![\w.`]){re.escape(subject)}(?![\w`])", query)
    return found.start() if found else None


_NAMED = ("UNKNOWN_IDENTIFIER", "UNKNOWN_FUNCTION", "UNKNOWN_TABLE", "NOT_AN_AGGREGATE")


def _subject(name: str | None, body: str) -> str | None:
    """The column, function or table the message is about (not one it suggests instead)."""
    body = body.split("Maybe you meant")[0]
    if name == "UNKNOWN_FUNCTION":
        found = re.search(r"[Ff]unction (?:with name )?[`']?(\w+)", body)
        return found.group(1) if found else None
    if name == "UNKNOWN_TABLE" and (table := re.search(r"Table ([\w.]+?)\.? does not", body)):
        return table.group(1)
    quoted = _QUOTED.search(body)
    return quoted.group(1) if quoted else None


def _seconds(body: str) -> str:
    """The time cap the server states (``maximum: 30`` seconds, or ``30000.000 ms``)."""
    found = re.search(r"maximum: ([\d.]+) ?(ms|seconds?)?", body)
    if found is None:
        return str(MAX_SECONDS)
    value = float(found.group(1)) / (1000 if found.group(2) == "ms" else 1)
    return f"{value:g}"


def _clip(text: str, size: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= size else line[: size - 1].rstrip() + "…"
