"""A lenient ClickHouse lexer for text being typed: it never fails, whatever the buffer holds.

sqlglot's tokenizer raises on an unclosed string, which is what an editor buffer holds half the
time; this one marks the token unclosed and carries on to the end of the text. Statement
splitting and completion rely on it; the linter uses it to find where clauses start and end.

Offsets are character offsets into the text; ``end`` is exclusive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    WORD = "word"  # an unquoted identifier or keyword
    QUOTED = "quoted"  # an identifier in "double quotes" or `backticks`
    STRING = "string"  # a 'string' or a $heredoc$ string$heredoc$
    NUMBER = "number"
    PUNCT = "punct"  # operators, brackets, commas, dots, semicolons
    COMMENT = "comment"
    SPACE = "space"


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    start: int
    end: int
    text: str
    #: False for a string, quoted identifier or block comment still open at the end of the text.
    closed: bool = True

    @property
    def upper(self) -> str:
        return self.text.upper()

    def is_word(self, *words: str) -> bool:
        return self.kind is Kind.WORD and self.text.upper() in words

    @property
    def trivia(self) -> bool:
        """Whitespace or a comment: nothing the server reads."""
        return self.kind in (Kind.SPACE, Kind.COMMENT)


#: One pass over the common tokens; block comments, heredocs and unclosed quotes are scanned by
#: hand (they nest, or run to the end of the text).
_MASTER = re.compile(
    r"""
     (?P<space>\s+)
    |(?P<line>(?:--|\#[ !])[^\n]*)
    |(?P<block>/\*)
    |(?P<string>'(?:[^'\\]|\\.|'')*+')
    |(?P<quoted>"(?:[^"\\]|\\.|"")*+"|`(?:[^`\\]|\\.|``)*+`)
    |(?P<open>['"`])
    |(?P<heredoc>\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$)
    |(?P<number>0[xX][0-9A-Fa-f_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[A-Za-z_0-9]*)
    |(?P<word>[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_$\x80-\U0010ffff]*)
    |(?P<operator><=>|::|->|<=|>=|!=|<>|==|\|\|)
    |(?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_KINDS = {
    "space": Kind.SPACE,
    "line": Kind.COMMENT,
    "string": Kind.STRING,
    "quoted": Kind.QUOTED,
    "number": Kind.NUMBER,
    "word": Kind.WORD,
    "operator": Kind.PUNCT,
    "punct": Kind.PUNCT,
}


def tokenize(text: str) -> list[Token]:
    """Every character of ``text`` in exactly one token, in order."""
    return list(_scan(text))


def significant(tokens: list[Token]) -> list[Token]:
    """The tokens the server reads: no whitespace, no comments."""
    return [token for token in tokens if not token.trivia]


def _scan(text: str) -> Iterator[Token]:
    pos, size = 0, len(text)
    while pos < size:
        token = _next(text, pos)
        yield token
        pos = token.end


def _next(text: str, pos: int) -> Token:
    found = _MASTER.match(text, pos)
    assert found is not None  # the last alternative matches any character
    group = found.lastgroup or "punct"
    if group in _KINDS:
        return Token(_KINDS[group], pos, found.end(), found.group(0))
    if group == "block":
        end, closed = _block_comment_end(text, pos)
        return Token(Kind.COMMENT, pos, end, text[pos:end], closed)
    if group == "heredoc":
        tag = found.group(0)
        close = text.find(tag, found.end())
        end = len(text) if close < 0 else close + len(tag)
        return Token(Kind.STRING, pos, end, text[pos:end], close >= 0)
    quote = found.group(0)  # an opening quote the patterns could not close
    end, closed = _quoted_end(text, pos, quote)
    return Token(Kind.STRING if quote == "'" else Kind.QUOTED, pos, end, text[pos:end], closed)


def _block_comment_end(text: str, pos: int) -> tuple[int, bool]:
    # ClickHouse nests block comments, as the SQL standard says.
    depth, i = 0, pos
    while i < len(text):
        if text.startswith("/*", i):
            depth, i = depth + 1, i + 2
        elif text.startswith("*/", i):
            depth, i = depth - 1, i + 2
            if depth == 0:
                return i, True
        else:
            i += 1
    return len(text), False


def _quoted_end(text: str, pos: int, quote: str) -> tuple[int, bool]:
    # A quote is escaped by a backslash or by doubling it.
    i = pos + 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
        elif char == quote:
            if text[i + 1 : i + 2] == quote:
                i += 2
            else:
                return i + 1, True
        else:
            i += 1
    return len(text), False
