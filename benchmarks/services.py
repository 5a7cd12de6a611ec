"""What the benchmarks run against: a sandbox server in a child process, and the programs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CARGO_TUI = str(BIN / "cargo-tui")
REFERENCE_VENV = ROOT / "benchmarks" / ".venv"
TOKEN = "bench-token-acme"


@dataclass
class Sandbox:
    base_url: str
    token: str
    process: subprocess.Popen[str]
    #: When the child was started (``time.perf_counter``), for readiness figures.
    spawned: float


@contextmanager
def sandbox(scale: str = "demo", extra_env: dict[str, str] | None = None) -> Iterator[Sandbox]:
    env = dict(os.environ, **(extra_env or {}))
    spawned = time.perf_counter()
    proc = subprocess.Popen(
        [CARGO_TUI, "sandbox", "serve", "--port", "0", "--token", TOKEN, "--scale", scale],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        found = re.search(r"http://\S+", first)
        if not found:
            raise RuntimeError(f"the sandbox did not start: {first!r}")
        yield Sandbox(found.group(0), TOKEN, proc, spawned)
    finally:
        proc.terminate()
        proc.wait(10)


def app_env() -> dict[str, str]:
    """A clean user: no config, no cache (each run is a cold start of the app itself)."""
    home = tempfile.mkdtemp(prefix="cargo-tui-bench-")
    return {
        "HOME": home,
        "CARGO_TUI_CONFIG_DIR": f"{home}/config",
        "CARGO_TUI_DATA_DIR": f"{home}/data",
        "CARGO_TUI_CACHE_DIR": f"{home}/cache",
    }


#: Why a figure beside Harlequin could not be measured.
NO_HARLEQUIN = "Harlequin is not installed in benchmarks/.venv (make bench installs it)"


def reference_bin(name: str) -> str | None:
    path = REFERENCE_VENV / "bin" / name
    return str(path) if path.exists() else None
