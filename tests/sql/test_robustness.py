"""The editor calls all of this on half-typed text, on every keystroke: none of it may raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.api.sql import complete, format_sql, lint, shorten_error, statement_at
from tui.api.sql.schema import DEFAULT_SCHEMA

PIECES = st.sampled_from(
    [
        "SELECT ",
        "FROM ",
        "runs ",
        "spans s ",
        "WHERE ",
        "created_at > now() - INTERVAL 1 DAY ",
        "AND ",
        "OR ",
        "GROUP BY ",
        "LIMIT 5 ",
        "UNION ALL ",
        "WITH f AS (",
        "(",
        ")",
        "*",
        ",",
        ";",
        "'",
        "`",
        "--",
        "\n",
        "s.",
        "count() ",
        "SETTINGS x = 1 ",
        "numbers(3) ",
        "JOIN ",
        "ON ",
        "= ",
        "INTO OUTFILE ",
        "é",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=25).map("".join), st.integers(min_value=0, max_value=400))
def test_nothing_raises_on_half_typed_text(text: str, cursor: int) -> None:
    offset = min(cursor, len(text))
    for finding in lint(text, DEFAULT_SCHEMA):
        assert 0 <= finding.start <= finding.end <= len(text)
        if finding.fix is not None:
            finding.fix.apply(text)
    format_sql(text)
    completions = complete(text, offset)
    assert 0 <= completions.start <= offset <= completions.end <= len(text)
    statement_at(text, (text.count("\n"), 0))
    shorten_error(text, text)
