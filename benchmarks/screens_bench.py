"""The waits a user feels in the app, driven in a real pty as a person would: keys, then text.

Quit (``q``, or ``ctrl+q`` from the SQL editor, where ``q`` is a letter) until the process has
exited, on ``cargo-tui --demo``: idle on Discovery, right after opening a workflow while its
batches load, and with a query running; the sandbox child must be gone with the app. Then, on a
demo-scale sandbox shared by the runs: the SQL screen reopened, the Metrics tab, and the
Outputs tab's Show. Each app is a fresh cold start; scenarios are interleaved, medians of RUNS.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from benchmarks.report import Figure, interleaved_apart, median_or_none
from benchmarks.services import CARGO_TUI, Sandbox, app_env, sandbox
from benchmarks.terminal import Terminal, alive, descendants

RUNS = 5
PLAY = "Enrich new companies"
QUIT_TARGET_MS = 300.0
SCREEN_TARGET_MS = {"SQL screen reopen": 300.0, "Metrics tab": 500.0, "Outputs tab: Show": 500.0}
#: A query that runs for seconds in the sandbox (one row every half second).
SLOW_QUERY = "SELECT sleepEachRow(0.5) FROM runs LIMIT 20"
#: The query on the SQL screen when it is left: its result is part of the state it keeps.
REOPEN_QUERY = "SELECT uuid, status FROM runs LIMIT 1000"
REOPEN_ROWS = "1,000 rows"
#: How long the sandbox child may outlive the app before that is reported.
CHILD_GRACE_S = 1.0
QUIT_SCENARIOS = {
    "quit: Discovery": "q on Discovery, idle, until the process exits",
    "quit: workflow opening": "q right after enter opens a workflow (its batches loading)",
    "quit: query running": "ctrl+q in the SQL editor while a query runs",
}
QUIT_FIGURES = tuple(QUIT_SCENARIOS)
SCREEN_FIGURES = tuple(SCREEN_TARGET_MS)


def _discovery(term: Terminal) -> None:
    term.wait_for(PLAY, timeout=60)
    term.settle(0.3)


def _sql_editor(term: Terminal) -> None:
    """The SQL screen open and its editor focused (the buffers load first)."""
    term.press("s")
    term.wait_for("SQL editor")
    term.wait_for("Results show here")
    term.settle(0.5)


def _workflow(term: Terminal) -> None:
    """The first play's workflow open (the cursor starts on it), its batches listed."""
    term.press("enter")
    term.wait_for("Batches  Runs  Metrics")
    term.wait_until(lambda text: "healthy" in text and "status" in text, "batches listed")
    term.settle(0.3)


# -- quit ----------------------------------------------------------------------------------


def _quit_once(scenario: str, lags: dict[str, list[float | None]]) -> float:
    term = Terminal([CARGO_TUI, "--demo"], env=app_env())
    try:
        _discovery(term)
        key = "q"
        if scenario == "quit: workflow opening":
            term.press("enter")
            term.wait_for("Batches  Runs  Metrics")  # pressed, as a person would, on sight
        elif scenario == "quit: query running":
            _sql_editor(term)
            term.type(SLOW_QUERY)
            term.press("ctrl+j")
            term.wait_for("Running query")
            key = "ctrl+q"
        children = descendants(term.proc.pid)  # the sandbox child (none if it is not one)
        pressed = term.elapsed_ms()
        term.press(key)
        exited = term.wait_exit()
        deadline = time.perf_counter() + CHILD_GRACE_S
        while any(alive(pid) for pid in children) and time.perf_counter() < deadline:
            time.sleep(0.005)
        gone = not any(alive(pid) for pid in children)
        if children:
            lags.setdefault(scenario, []).append(term.elapsed_ms() - exited if gone else None)
        return exited - pressed
    finally:
        term.close()


def _child_note(lags: list[float | None]) -> str:
    """How long the sandbox child outlived the app (it must not run on)."""
    left = lags.count(None)
    if left:
        return (
            f"the sandbox child still ran {CHILD_GRACE_S:g} s after the exit, "
            f"{left} of {len(lags)} times"
        )
    if not lags:
        return "no child process was seen (the sandbox is not a child process?)"
    latest = max(lag or 0.0 for lag in lags)
    if latest < 1:
        return "the sandbox child was gone by the time the app had exited, every time"
    return f"the sandbox child was gone at most {latest:.0f} ms after the app had exited"


def quit_figures() -> list[Figure]:
    lags: dict[str, list[float | None]] = {}
    samples, failures = interleaved_apart(
        RUNS, **{name: _quitter(name, lags) for name in QUIT_SCENARIOS}
    )
    return [
        Figure(
            name,
            f"{how}; cargo-tui --demo",
            median_or_none(samples[name]),
            target=("value", "<=", QUIT_TARGET_MS),
            samples={name: samples[name]},
            note=_child_note(lags.get(name, [])),
            # The app quits without waiting for its sandbox, which must still never outlive
            # it: a child left running is a failed quit, however quick.
            failed=failures.get(name, "")
            or (_child_note(lags[name]) if None in lags.get(name, []) else ""),
        )
        for name, how in QUIT_SCENARIOS.items()
    ]


def _quitter(name: str, lags: dict[str, list[float | None]]) -> Callable[[], float]:
    return lambda: _quit_once(name, lags)


# -- screens -------------------------------------------------------------------------------


def _app(box: Sandbox) -> Terminal:
    term = Terminal([CARGO_TUI, "--base-url", box.base_url, "--token", box.token], env=app_env())
    _discovery(term)
    return term


def _sql_reopen(box: Sandbox) -> float:
    """Open SQL, run a query, leave with escape, press s: until the editor shows the query and
    its result again (the screen keeps its state)."""
    term = _app(box)
    try:
        _sql_editor(term)
        term.type(REOPEN_QUERY)
        term.settle(0.3)
        term.press("ctrl+j")
        term.wait_for(REOPEN_ROWS)
        term.settle(0.3)
        for _ in range(3):  # escape closes a completion first, if one opened
            term.press("esc")
            term.settle(0.3)
            if "SQL editor" not in term.text():
                break
        term.wait_for("Resources")
        started = term.elapsed_ms()
        term.press("s")
        shown = term.wait_until(
            lambda text: all(part in text for part in ("SQL editor", "LIMIT 1000", REOPEN_ROWS)),
            "the editor showed again with its query and result",
        )
        return shown - started
    finally:
        term.close()


def _metrics(box: Sandbox) -> float:
    """On a workflow's Batches, m: until the Metrics tab shows its figures."""
    term = _app(box)
    try:
        _workflow(term)
        started = term.elapsed_ms()
        term.press("m")
        return term.wait_for(" nodes · ") - started
    finally:
        term.close()


def _outputs(box: Sandbox) -> float:
    """On a workflow, o (the Outputs tab, its Show button focused), enter: until the output
    node's outputs show as a table."""
    term = _app(box)
    try:
        _workflow(term)
        term.press("o")
        term.wait_for("(output)")  # the output node, picked for us
        term.settle(0.2)
        started = term.elapsed_ms()
        term.press("enter")
        shown = term.wait_until(
            lambda text: " outputs of " in text and "runUuid" in text, "the outputs showed"
        )
        return shown - started
    finally:
        term.close()


def screen_figures() -> list[Figure]:
    with sandbox("demo") as box:
        samples, failures = interleaved_apart(
            RUNS,
            **{
                "SQL screen reopen": lambda: _sql_reopen(box),
                "Metrics tab": lambda: _metrics(box),
                "Outputs tab: Show": lambda: _outputs(box),
            },
        )
    how = {
        "SQL screen reopen": "s, a 1,000-row query run, escape, s: until the query and its "
        "result show again",
        "Metrics tab": "m on a workflow's Batches until the node figures show, demo scale",
        "Outputs tab: Show": "o, enter on Show until the output node's table shows, demo scale",
    }
    return [
        Figure(
            name,
            how[name],
            median_or_none(samples[name]),
            target=("value", "<=", target),
            samples={name: samples[name]},
            failed=failures.get(name, ""),
        )
        for name, target in SCREEN_TARGET_MS.items()
    ]
