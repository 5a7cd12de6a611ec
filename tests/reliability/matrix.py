"""The faults every main path is driven against, shared by the modules of the fault matrix.

Each rule is a sandbox fault (see ``tui/sandbox/faults.py``) without its path; a test adds the
route of the path it drives.
"""

from __future__ import annotations

from typing import Any

#: Retried by a read (429, 502, 503, 504, no answer at all), once: the data shows.
TRANSIENT: dict[str, dict[str, Any]] = {
    "429": {"kind": "status", "status": 429},
    "429-retry-after": {"kind": "status", "status": 429, "retry_after": 0.2},
    "502": {"kind": "status", "status": 502},
    "503": {"kind": "status", "status": 503},
    "504": {"kind": "status", "status": 504},
    "dropped": {"kind": "drop"},
    # Half the body, then the connection closes: a connection reset mid-body.
    "reset-mid-body": {"kind": "truncate"},
}
#: Faults that are not retried and must not matter: the data shows.
HARMLESS: dict[str, dict[str, Any]] = {
    "unknown-fields": {"kind": "extra"},
    "slow-answer": {"kind": "latency", "latency_ms": 1500},
}
#: Faults a retry does not cure (or that are not retried): what the user is told.
LASTING: dict[str, tuple[dict[str, Any], str]] = {
    "401": ({"kind": "status", "status": 401}, "Sign in again"),
    "403": ({"kind": "status", "status": 403}, "forbidden"),
    "500-once": ({"kind": "status", "status": 500, "count": 1}, "server error 500"),
    "malformed": ({"kind": "malformed"}, "not valid JSON"),
    # Half the body in a complete answer (its length says so): truncated, not reset.
    "truncated-body": ({"kind": "cut"}, "not valid JSON"),
    "missing-field": ({"kind": "missing", "field_name": "uuid"}, "unexpected answer"),
}
#: A rule that changes nothing and counts the requests it sees (``count`` goes down).
WATCH: dict[str, Any] = {"kind": "latency", "latency_ms": 0, "count": 10_000}


def seen(rules: list[dict[str, Any]]) -> int:
    """How many requests the WATCH rule (the last one set) has seen."""
    left = rules[-1]["count"] if rules and rules[-1]["kind"] == "latency" else 0
    return WATCH["count"] - left


def flat(text: str) -> str:
    """Screen text with bars, borders and line breaks gone, for messages that wrap."""
    for mark in "│▌▐▊▎▋▏╭╮╰╯─":
        text = text.replace(mark, " ")
    return " ".join(text.split())
