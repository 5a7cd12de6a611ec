"""The app starts without the editor's heavy imports; they load when the editor opens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _probe(code: str) -> str:
    """What ``code`` prints in a fresh interpreter of the project's."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


HEAVY = ("pyarrow", "sqlglot", "textual_fastdatatable", "tree_sitter", "tree_sitter_sql", "plotext")

PROBE = """
import sys
import tui.app
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(%r))))
import tui.screens.sql.screen
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(%r))))
"""


def test_first_paint_imports_none_of_the_editor_s_heavy_modules() -> None:
    out = _probe(PROBE % (HEAVY, HEAVY))
    at_start, with_editor = out.splitlines()
    assert at_start == ""
    # The editor module itself stays light too: the parser and Arrow load on first use.
    assert "sqlglot" not in with_editor and "pyarrow" not in with_editor


NO_PANDAS = """
import sys
from widgets.arrow_table import rows_to_arrow
table = rows_to_arrow(["n", "s"], [(1, "a"), (2, None)])
print("pandas" in sys.modules)
print(type(table.to_pandas()).__name__)  # what truly needs pandas still has it
"""


def test_the_first_result_does_not_import_pandas() -> None:
    """pyarrow's first conversion imports pandas (installed beside chDB) to check for a
    Series; the app never hands it one, and the import cost the first result 0.3-0.6 s."""
    out = _probe(NO_PANDAS)
    assert out.split() == ["False", "DataFrame"]


WARM = """
import sys
from widgets.arrow_table import arrow_table, rows_to_arrow, warm_up
warm_up()
table = rows_to_arrow(["n", "s"], [(1, "a"), (2, None)])
before = set(sys.modules)
arrow_table(table)
print(",".join(sorted(set(sys.modules) - before)))
"""


def test_after_the_warm_up_the_first_table_imports_nothing() -> None:
    out = _probe(WARM)
    assert out.strip() == "", "the first result waited for these imports"
