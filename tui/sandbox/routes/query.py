"""``POST /orchestration/query``: read-only ClickHouse SQL over the workspace's four tables."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request, Response

from tui.api.models.requests import ExecuteQueryBody
from tui.sandbox import engine
from tui.sandbox.errors import ApiError
from tui.sandbox.guard import Refused, Unparsed, check_ast, described_table, rewrite
from tui.sandbox.routes.deps import History, world

router = APIRouter(prefix="/orchestration", tags=["query"])


def caps_settings(caps: dict[str, Any]) -> str:
    return (
        f" SETTINGS readonly = 1, max_execution_time = {caps['max_execution_time']}, "
        f"timeout_overflow_mode = 'throw', max_result_rows = {caps['max_result_rows']}, "
        f"result_overflow_mode = 'throw', max_rows_to_read = {caps['max_rows_to_read']}, "
        "read_overflow_mode = 'throw', output_format_json_quote_64bit_integers = 0, "
        "output_format_json_quote_decimals = 0, date_time_output_format = 'simple'"
    )


def translate(error: engine.EngineError, caps: dict[str, Any]) -> ApiError:
    """ClickHouse's error as the service answers it; over a cap, the message names the cap."""
    text = str(error)
    if error.code == 158:
        message = (
            f"The query read more than {caps['max_rows_to_read']:,} rows, the most one query "
            "may scan; narrow it with a time predicate on created_at (or execution_started_at)"
        )
        return ApiError(400, message, "tooManyRowsRead")
    if error.code == 396:
        message = (
            f"The query returned more than {caps['max_result_rows']:,} rows, the most one "
            "answer may hold; aggregate, or add a LIMIT"
        )
        return ApiError(400, message, "tooManyResultRows")
    if error.code == 159:
        message = (
            f"The query ran longer than {caps['max_execution_time']} s, the longest one may "
            "run; narrow it with a time predicate"
        )
        return ApiError(400, message, "queryTimeout")
    first = text.split("DB::Exception: ", 1)[-1].split(" (version")[0]
    first = first.split(". (")[0].split(" In scope ")[0].split(": While ")[0]
    return ApiError(400, f"The query failed: {first}", "invalidQuery")


EXPLAIN = "EXPLAIN AST "
_POSITION = re.compile(r"\bat position (\d+)")


def syntax_error(query: str, unparsed: Unparsed, caps: dict[str, Any]) -> ApiError:
    """A query sqlglot cannot read, answered as ClickHouse would: its parser's message, its
    position counted in the user's query (as the service's, and the editor's, columns are)."""
    try:
        engine.execute(EXPLAIN + query)
    except engine.EngineError as error:
        if error.code == 62:  # SYNTAX_ERROR
            text = _POSITION.sub(
                lambda found: f"at position {int(found.group(1)) - len(EXPLAIN)}",
                str(error),
            )
            return translate(engine.EngineError(text), caps)
    return ApiError(400, str(unparsed), "queryNotAllowed")  # ClickHouse reads it: sqlglot's say


@router.post("/query")
def run_query(history: History, body: ExecuteQueryBody, request: Request) -> Response:
    query = body.query
    state = world(request)
    # The check and the query back to back: while the history still loads, its statements
    # wait for the query's two, rather than the query waiting for theirs twice.
    with engine.together():
        try:
            table = described_table(query)
            if table is not None:  # the schema of one of the four tables, as the editor asks
                described = engine.rows_json(f"DESCRIBE TABLE {history.db}.{table}")
                return Response(
                    b'{"rows":[' + b",".join(described) + b"]}", media_type="application/json"
                )
            sql = rewrite(query, history.db, state.clock_sql())
            check_ast(engine.execute(EXPLAIN + sql), history.db)
        except Unparsed as exc:
            raise syntax_error(query, exc, state.caps) from None
        except Refused as exc:
            raise ApiError(400, str(exc), "queryNotAllowed") from None
        except engine.EngineError as exc:
            raise translate(exc, state.caps) from None
        try:
            found = engine.rows_json(sql + caps_settings(state.caps))
        except engine.EngineError as exc:
            raise translate(exc, state.caps) from None
    # 10,000 rows go out as ClickHouse wrote them: no parse, no re-encode.
    return Response(b'{"rows":[' + b",".join(found) + b"]}", media_type="application/json")
