"""The SQL tooling imports sqlglot only when first used: the app must start fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import importlib, pkgutil, sys
import tui.api.sql as package
for info in pkgutil.walk_packages(package.__path__, "tui.api.sql."):
    importlib.import_module(info.name)
importlib.import_module("tui.state.history")
importlib.import_module("tui.state.saved_queries")
importlib.import_module("tui.state.buffers")
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & {"sqlglot", "chdb", "textual"})))
from tui.api.sql import complete, format_sql, lint, shorten_error, split_statements
assert all(callable(f) for f in (complete, format_sql, lint, shorten_error, split_statements))
lint("SELECT 1")
print("sqlglot" in sys.modules)
"""


def test_importing_the_sql_tooling_does_not_import_sqlglot() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    imported, used = done.stdout.splitlines()
    assert imported == ""
    assert used == "True"
