"""Messages a gateway rewords before they reach us: positions and subjects are still found."""

from __future__ import annotations

from tui.api.errors import RequestError
from tui.api.sql.server_errors import server_words, shorten_error


def test_a_sqlglot_line_and_column_marks_the_offending_token() -> None:
    query = "SELECT status,\n  count( FROM runs"
    found = shorten_error("The query could not be parsed: Expecting ). Line 2, Col: 18.", query)
    assert found.position is not None
    assert query[found.position :] == "s"
    assert found.short.startswith("The query could not be parsed")


def test_a_column_outside_the_query_gives_no_position() -> None:
    found = shorten_error("Expecting ). Line 3, Col: 2.", "SELECT 1")
    assert found.position is None


def test_an_unknown_identifier_without_its_error_name_is_still_named() -> None:
    query = "SELECT no_such FROM runs"
    found = shorten_error("The query failed: Unknown expression identifier `no_such`.", query)
    assert found.short == "Unknown column no_such"
    assert found.position == query.index("no_such")


def test_server_words_prefer_the_body_over_the_decorated_message() -> None:
    error = RequestError(
        "Only SELECT (queryNotAllowed)",
        reason="queryNotAllowed",
        detail='{"errorMessage": "Only SELECT", "reason": "queryNotAllowed"}',
    )
    assert server_words(error) == "Only SELECT"
    assert server_words(RequestError("plain", detail="<html>")) == "plain"
