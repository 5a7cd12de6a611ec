"""Splitting a buffer into statements, and picking the one ctrl+j runs."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from tui.api.sql.lexer import Kind, tokenize
from tui.api.sql.statements import query_to_run, split_statements, statement_at

BUFFER = """SELECT 1;
-- a comment; with a semicolon
SELECT ';' AS semi, "odd;name", `also;odd` FROM runs /* not ; here */;

SELECT $$ heredoc; $$, 'it''s; fine', 'back\\'slash;'
"""

#: Pieces that stress the splitter: every kind of quote, comment and separator.
FRAGMENTS = st.sampled_from(
    [
        "SELECT",
        " ",
        "\n",
        ";",
        "'",
        "''",
        '"',
        "`",
        "--",
        "/*",
        "*/",
        "#",
        "# ",
        "$$",
        "\\",
        "runs",
        "a;b",
        "é",
        "²",  # a digit to str.isdigit(), not to a regular expression's \d
        "1.5",
        "(",
        ")",
    ]
)


def test_semicolons_inside_strings_names_and_comments_do_not_split() -> None:
    statements = [s for s in split_statements(BUFFER) if not s.blank]
    assert [s.sql.splitlines()[-1][:10] for s in statements] == [
        "SELECT 1",
        "SELECT ';'",
        "SELECT $$ ",
    ]
    assert statements[1].sql.startswith("-- a comment; with a semicolon\nSELECT")
    assert statements[1].terminated and not statements[2].terminated


def test_a_blank_or_comment_only_piece_is_blank() -> None:
    pieces = split_statements("SELECT 1;  -- only a comment\n;;")
    assert [p.blank for p in pieces] == [False, True, True, True]


@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_splitting_never_loses_or_reorders_text(text: str) -> None:
    pieces = split_statements(text)
    rebuilt = "".join(p.text + (";" if p.terminated else "") for p in pieces)
    assert rebuilt == text
    position = 0
    for piece in pieces:
        assert piece.start == position
        assert text[piece.start : piece.end] == piece.text
        assert piece.start <= piece.code_start <= piece.code_end <= piece.end
        position = piece.end + (1 if piece.terminated else 0)
    assert position == len(text)
    assert not pieces[-1].terminated


@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_the_lexer_covers_every_character_once(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(token.text for token in tokens) == text
    assert all(a.end == b.start for a, b in itertools.pairwise(tokens))


def test_an_unclosed_string_runs_to_the_end_and_says_so() -> None:
    tokens = tokenize("SELECT 'abc; SELECT 2")
    assert tokens[-1].kind is Kind.STRING and not tokens[-1].closed
    assert len(split_statements("SELECT 'abc; SELECT 2")) == 1


def test_block_comments_nest_as_in_clickhouse() -> None:
    pieces = split_statements("SELECT 1 /* outer /* inner; */ still; */ ; SELECT 2")
    assert [p.sql for p in pieces] == ["SELECT 1 /* outer /* inner; */ still; */", "SELECT 2"]


def test_the_statement_under_the_cursor() -> None:
    buffer = "SELECT 1;\nSELECT 2\nFROM runs;\n\nSELECT 3"
    assert statement_at(buffer, (0, 3)).sql == "SELECT 1"  # type: ignore[union-attr]
    assert statement_at(buffer, (2, 4)).sql == "SELECT 2\nFROM runs"  # type: ignore[union-attr]
    # Just after a ";" and on the blank line below: the statement just typed.
    assert statement_at(buffer, (0, 9)).sql == "SELECT 1"  # type: ignore[union-attr]
    assert statement_at(buffer, (3, 0)).sql == "SELECT 2\nFROM runs"  # type: ignore[union-attr]
    assert statement_at(buffer, (4, 8)).sql == "SELECT 3"  # type: ignore[union-attr]


def test_no_statement_in_a_blank_buffer() -> None:
    assert statement_at("  \n-- nothing\n", (1, 3)) is None
    assert query_to_run("", (0, 0)) is None


def test_a_blank_line_before_the_first_statement_picks_it() -> None:
    assert statement_at("\n\nSELECT 1", (0, 0)).sql == "SELECT 1"  # type: ignore[union-attr]


def test_ctrl_j_runs_the_selection_else_the_statement() -> None:
    buffer = "SELECT 1;\nSELECT uuid FROM runs WHERE x;"
    chosen = query_to_run(buffer, (1, 3), ((1, 0), (1, 21)))
    assert chosen is not None and chosen.sql == "SELECT uuid FROM runs"
    assert (chosen.start, chosen.end) == (10, 31)
    # A selection of blank space does not count: the statement under the cursor runs.
    fallback = query_to_run(buffer, (1, 3), ((0, 9), (1, 0)))
    assert fallback is not None and fallback.sql == "SELECT uuid FROM runs WHERE x"
    assert buffer[fallback.start : fallback.end] == fallback.sql


def test_a_selection_made_backwards_is_the_same_selection() -> None:
    buffer = "SELECT a, b FROM runs"
    forward = query_to_run(buffer, (0, 0), ((0, 7), (0, 11)))
    backward = query_to_run(buffer, (0, 0), ((0, 11), (0, 7)))
    assert forward == backward and forward is not None and forward.sql == "a, b"
