"""The app starts without the editor's heavy imports; they load when the editor opens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("pyarrow", "sqlglot", "textual_fastdatatable", "tree_sitter", "tree_sitter_sql", "plotext")

PROBE = """
import sys
import tui.app
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(%r))))
import tui.screens.sql.screen
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(%r))))
"""


def test_first_paint_imports_none_of_the_editor_s_heavy_modules() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY, HEAVY)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    at_start, with_editor = done.stdout.splitlines()
    assert at_start == ""
    # The editor module itself stays light too: the parser and Arrow load on first use.
    assert "sqlglot" not in with_editor and "pyarrow" not in with_editor
