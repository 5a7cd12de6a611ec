"""``make screenshots``: write every scenario at every size to ``screenshots/`` as SVG."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from textual._doc import take_svg_screenshot

from tests.conftest import FIXED_NOW
from tests.scenarios import SCENARIOS, SIZES
from tui.sandbox.threaded import ThreadedSandbox

OUT = Path(__file__).parents[1] / "screenshots"


def main(names: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    home = tempfile.mkdtemp(prefix="cargo-tui-shots-")
    for name in ("CONFIG", "DATA", "CACHE"):
        os.environ[f"CARGO_TUI_{name}_DIR"] = os.path.join(home, name.lower())
    os.environ["CARGO_TUI_NOW"] = FIXED_NOW.isoformat()
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW, frozen=True) as sandbox:
        for scenario in SCENARIOS:
            if names and scenario.name not in names:
                continue
            for width, height in SIZES:
                svg = take_svg_screenshot(
                    app=scenario.build(sandbox),
                    terminal_size=(width, height),
                    run_before=scenario.drive,
                )
                path = OUT / f"{scenario.name}-{width}x{height}.svg"
                path.write_text(svg, encoding="utf-8")
                print(path.relative_to(OUT.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
