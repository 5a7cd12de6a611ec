"""An error message normalised: what varies between occurrences of one cause (uuids, emails,
domains and URLs, quoted values, numbers) stripped, so "Invalid domain: "globex"" and
"Invalid domain: "initech"" are one group. The same rules run in ClickHouse
(:func:`normalise_sql`) and here (for tests and labels). On screen a group reads as people read
a template (:func:`readable`): ``N`` where a number varies, ``…`` where a uuid, an email or a
domain does, as quoted values already read. The Failures tab and follow mode group by it."""

from __future__ import annotations

import re

#: (pattern, replacement), applied in order: the specific before the general.
RULES: list[tuple[str, str]] = [
    (r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<uuid>"),
    (r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}", "<email>"),
    (r"(https?://)?([A-Za-z0-9-]+[.])+[A-Za-z]{2,}(/[^ ]*)?", "<domain>"),
    (r'"[^"]*"', '"…"'),
    # A quoted value, not an apostrophe ("can't"): the quote follows a non-letter.
    (r"(^|[^A-Za-z0-9])'[^']*'", r"\1'…'"),
    (r"[0-9]+([.][0-9]+)?", "<n>"),
]


def normalise(message: str | None) -> str:
    text = message or ""
    for pattern, replacement in RULES:
        text = re.sub(pattern, replacement, text)
    return " ".join(text.split())[:300]


#: Each placeholder of :data:`RULES` as the screen shows it.
READABLE = {"<uuid>": "…", "<email>": "…", "<domain>": "…", "<n>": "N"}


def readable(message: str) -> str:
    """A normalised message as people read it: ``N Too Many Requests: rate limit (N/Ns)``."""
    return re.sub("|".join(READABLE), lambda m: READABLE[m.group(0)], message)


def _literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def normalise_sql(column: str) -> str:
    expression = f"ifNull({column}, '')"
    for pattern, replacement in RULES:
        expression = f"replaceRegexpAll({expression}, {_literal(pattern)}, {_literal(replacement)})"
    return f"substring(trimBoth(replaceRegexpAll({expression}, '\\\\s+', ' ')), 1, 300)"
