"""Run queries in chDB against empty tables of the default schema, in a child process.

chDB allows one session per process, and the sandbox may hold one in the test process; a child
keeps this one apart. It reads one JSON request a line and answers one JSON line:
``{"sql": "..."}`` -> ``{"ok": true, "rows": n}`` or ``{"ok": false, "error": "..."}``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from tui.api.sql.schema import DEFAULT_SCHEMA

_CHILD = r"""
import json, sys, tempfile
from chdb import session
tables = json.loads(sys.argv[1])
db = session.Session(tempfile.mkdtemp(prefix="chdb-"))
for name, columns in tables.items():
    body = ", ".join(f"`{column}` {kind}" for column, kind in columns)
    db.query(f"CREATE TABLE {name} ({body}) ENGINE = MergeTree ORDER BY tuple()")
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    request = json.loads(line)
    try:
        result = db.query(request["sql"], "JSONCompact")
        rows = json.loads(result.bytes() or b'{"rows": 0}').get("rows", 0)
        answer = {"ok": True, "rows": rows}
    except Exception as error:
        answer = {"ok": False, "error": str(error)}
    print(json.dumps(answer), flush=True)
"""


class Chdb:
    """A chDB child process with the four tables, empty, created from the default schema."""

    def __init__(self) -> None:
        tables = {name: list(columns) for name, columns in DEFAULT_SCHEMA.items()}
        self._child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, json.dumps(tables)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready = self._read()
        assert ready.get("ready"), ready

    def _read(self) -> dict[str, Any]:
        assert self._child.stdout is not None
        line = self._child.stdout.readline()
        if not line:
            raise RuntimeError("the chDB child process died")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def run(self, sql: str) -> dict[str, Any]:
        assert self._child.stdin is not None
        self._child.stdin.write(json.dumps({"sql": sql}) + "\n")
        self._child.stdin.flush()
        return self._read()

    def error_of(self, sql: str) -> str:
        """The error ClickHouse gives for ``sql`` (which must fail)."""
        answer = self.run(sql)
        assert not answer["ok"], f"expected an error from {sql!r}"
        return str(answer["error"])

    def close(self) -> None:
        if self._child.stdin is not None:
            self._child.stdin.close()
        self._child.wait(timeout=30)
