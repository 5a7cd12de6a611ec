"""The headless core imports without Textual, and importing it creates no files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEADLESS = ["tui.api", "tui.export", "tui.state", "tui.sandbox"]

PROBE = """
import importlib, pkgutil, sys
package = importlib.import_module({name!r})
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(",".join(loaded))
"""


@pytest.mark.parametrize("name", HEADLESS)
def test_headless_package_never_loads_textual(name: str, tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "CARGO_TUI_CONFIG_DIR": str(tmp_path / "config"),
        "CARGO_TUI_DATA_DIR": str(tmp_path / "data"),
        "CARGO_TUI_CACHE_DIR": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(name=name)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[1],
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"{name} loaded {done.stdout.strip()}"
    assert list(tmp_path.iterdir()) == [], "importing must not create files"
