"""In a real terminal: an editing key and text in one write (a burst over SSH, a paste) land in
every kind of field exactly as a person expects: nothing lost, nothing reordered.

They did not: Textual runs a field's ``ctrl+u`` (or backspace, home...) once the key has
bubbled back up to the app, after the text behind it was typed, so ``ctrl+u`` then ``kz``
cleared ``kz`` too; and a paste holding an ESC came out as keys before the paste.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, cargo_tui
from tui.sandbox.threaded import ThreadedSandbox

pytestmark = pytest.mark.slow

HOME, END, DELETE = "\x1b[H", "\x1b[F", "\x1b[3~"
CTRL_U, CTRL_W, CTRL_K, BACKSPACE = "\x15", "\x17", "\x0b", "\x7f"
#: What each field holds first, typed in a write of its own.
TYPED = "jq wx"
#: The editing keys and text sent in one write after ``TYPED``, and what the field then holds.
BURSTS = {
    "ctrl+u": (CTRL_U + "kz", "kz"),
    "ctrl+w": (CTRL_W + "kz", "jq kz"),
    "ctrl+k": (HOME + CTRL_K + "kz", "kz"),
    "backspace": (BACKSPACE * 2 + "kz", "jq kz"),
    "delete": (HOME + DELETE + "kz", "kzq wx"),
    "home, end": (HOME + "k" + END + "z", "kjq wxz"),
    # a paste with an ESC inside, and a key right behind it: the ESC shows as its picture
    "paste with ESC": ("\x1b[200~k\x1bz\x1b[201~v", "jq wxk␛zv"),
}


@dataclass(frozen=True)
class Field:
    """How a person reaches a field: keys (each a write, each waited for) and what shows."""

    steps: tuple[tuple[str, str], ...]
    #: Keys that put the cursor on an empty line of the field (a JSON editor has text).
    ready: str = ""


FIELDS = {
    "discovery filter": Field((("/", "filter by name or uuid"),)),
    "SQL editor": Field((("s", "query 1"),)),
    "segment filter (JSON)": Field((("S", "Segments (7)"), ("\x1bOS", "as in Cargo")), END + "\r"),
    "segment sort": Field((("S", "Segments (7)"), ("\x1bOS", "as in Cargo"), ("\t", "sort"))),
    "export path": Field((("e", "every resource of the workspace"),)),
    "re-run confirmation": Field((("\r", "Batches"), ("R", "to confirm:"))),
    "search inside a run": Field(
        (("\r", "Batches"), ("\r", "showing 1-"), ("\r", "· output"), ("/", "find in the node"))
    ),
}


@pytest.fixture
def app(sandbox: ThreadedSandbox, user_dirs: Path) -> Iterator[Terminal]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_API_")}
    argv = [cargo_tui(), "--base-url", sandbox.base_url, "--token", sandbox.token]
    term = Terminal(
        [*argv, "--allow-writes"], cols=120, rows=40, env=env | {"HOME": str(user_dirs)}
    )
    try:
        assert term.wait_for("Enrich new companies"), term.text()
        yield term
    finally:
        term.close()


def holding(value: str) -> Callable[[str], bool]:
    """True when the screen shows ``value`` as a whole field (not inside a longer word)."""
    shown = re.compile(rf"(?<![\w␛]){re.escape(value)}(?![\w␛])")
    return lambda text: shown.search(text) is not None


@pytest.mark.parametrize("name", FIELDS)
def test_an_editing_key_and_text_in_one_write_land_in_order(app: Terminal, name: str) -> None:
    field = FIELDS[name]
    for keys, shows in field.steps:
        app.send(keys)
        assert app.wait_for(shows), f"{name}: never showed {shows!r}:\n{app.text()}"
    app.send(field.ready)
    failed = []
    for burst, (keys, expected) in BURSTS.items():
        app.send(END + CTRL_U)  # the field emptied
        app.send(TYPED)
        assert app.wait_until(holding(TYPED)), f"{name}: {TYPED!r} never typed:\n{app.text()}"
        app.proc.write(keys.encode())
        if not app.wait_until(holding(expected), timeout=10):
            failed.append(f"{burst}: expected {expected!r}")
    assert not failed, f"{name}: " + "; ".join(failed) + f"\n{app.text()}"
