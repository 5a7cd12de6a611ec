"""The million-run batch of ``sandbox serve --scale large`` in the app, driven as a person would,
each step waiting for what the screen shows (never for a time): its first page of runs, 20
pagedowns each until the screen settles, the app's memory, the bytes a pagedown writes.

The way there: the palette (``ctrl+p``) goes to the batch's play; enter opens its workflow; the
find (``/``) takes the batch's uuid prefix (4+ characters) and puts the cursor on its row;
escape closes the find; enter on the row opens the runs (timed).
"""

from __future__ import annotations

import asyncio
import re
import statistics

from benchmarks.report import Figure, median
from benchmarks.services import CARGO_TUI, Sandbox, app_env, sandbox
from benchmarks.terminal import Terminal, usage

RUNS = 5
PAGEDOWNS = 20
FIGURES = (
    "runs at scale: first page",
    "runs at scale: pagedown p95",
    "runs at scale: memory",
    "terminal bytes per pagedown",
)
SHOWING = re.compile(r"showing ([\d,]+)-([\d,]+) of ([\d,]+)")
MILLION = "1,000,000"


def _million_run_batch(box: Sandbox) -> tuple[str, str]:
    """The play whose workflow has the million-run batch, and that batch's uuid."""
    from tui.api import CargoClient

    async def find() -> tuple[str, str]:
        async with CargoClient(token=box.token, base_url=box.base_url) as client:
            for play in await client.orchestration.play.list():
                batches = await client.orchestration.batch.list(
                    workflow_uuids=[play.workflow_uuid], limit=200
                )
                for batch in batches:
                    if batch.runs_count >= 1_000_000:
                        return play.name, batch.uuid
        raise RuntimeError("the large sandbox has no million-run batch")

    return asyncio.run(find())


def _showing(text: str) -> tuple[str, str, str] | None:
    """The runs status line's ``showing 17-32 of 1,000,000``, as its three numbers."""
    found = SHOWING.search(text)
    return (found.group(1), found.group(2), found.group(3)) if found else None


def _pending(text: str) -> bool:
    """A row still waiting for its page (the paged table draws it as a lone ``…``)."""
    return any(line.strip() == "…" for line in text.splitlines())


def _first_hit(text: str) -> str | None:
    """The palette's first (highlighted) command: the first line under its input."""
    lines = text.splitlines()
    below = next((n for n, line in enumerate(lines) if "🔎" in line), len(lines))
    first = next((line.strip() for line in lines[below + 1 :] if line.strip()), None)
    return None if first == "No matches found" else first


def _to_batch_row(term: Terminal, play: str, batch: str) -> None:
    """From Discovery to the workflow's Batches, the cursor on ``batch``'s row."""
    term.wait_for(play, timeout=60)
    term.settle()
    term.press("ctrl+p")
    term.wait_for("🔎")  # the palette's input
    term.press(play)
    # the first hit is the play (before the search answers, the list is of every resource)
    term.wait_until(lambda text: _first_hit(text) == f"go: play {play}", "the play's hit first")
    term.press("enter")
    term.wait_until(lambda text: f"{play} (play)" in text and "🔎" not in text, "play selected")
    term.settle()
    term.press("enter")
    term.wait_for(f"Plays › {play}", timeout=60)
    term.wait_for(MILLION, timeout=60)  # the batch's row is listed
    term.settle()
    term.press("/")
    term.wait_for("find a batch by")
    term.type(batch[:8])
    term.press("enter")
    term.wait_for(f"of its {MILLION} runs", timeout=60)  # the line on the batch under the cursor
    term.press("esc")
    term.wait_until(lambda text: batch[:8] not in text, "the find closed")
    term.settle()


def _once(box: Sandbox, play: str, batch: str, found: dict[str, list[float]]) -> None:
    term = Terminal([CARGO_TUI, "--base-url", box.base_url, "--token", box.token], env=app_env())
    try:
        _to_batch_row(term, play, batch)
        started = term.elapsed_ms()
        term.press("enter")
        # the runs open on the Failed tab when there are failures: its first page
        found["first page"].append(term.wait_for("showing 1-", timeout=60) - started)
        term.settle()
        term.press("f")  # all of the million, for the pagedowns
        term.wait_for(f"of {MILLION}", timeout=60)
        term.wait_until(lambda text: not _pending(text), "the first page of all runs showed")
        term.settle()
        for _ in range(PAGEDOWNS):
            before, shown = term.bytes, _showing(term.text())
            pressed = term.elapsed_ms()
            term.press("pgdn")
            term.wait_until(
                lambda text, shown=shown: (
                    _showing(text) not in (None, shown)  # type: ignore[misc]
                    and not _pending(text)
                ),
                "a pagedown moved on with its rows shown",
            )
            settled = term.settle(0.1)  # and whatever it still writes (a second repaint)
            found["steps"].append(settled - pressed)
            found["bytes"].append(term.bytes - before)
        found["rss"].append(usage(term.proc.pid).rss_bytes / 1e6)
    finally:
        term.close()


def scale_figures() -> list[Figure]:
    """Runs of the million-run batch: first page, 20 pagedowns, memory, bytes per pagedown."""
    found: dict[str, list[float]] = {"first page": [], "steps": [], "bytes": [], "rss": []}
    with sandbox("large") as box:
        play, batch = _million_run_batch(box)
        for _ in range(RUNS):
            _once(box, play, batch, found)
    steps = found["steps"]
    p95 = statistics.quantiles(steps, n=20)[18]
    return [
        Figure("runs at scale: first page", "enter on a million-run batch until its runs show",
               median(found["first page"]), target=("value", "<=", 400),
               samples={"first page": found["first page"]}),
        Figure("runs at scale: pagedown p95",
               f"{PAGEDOWNS} pagedowns x {RUNS} apps, each from the key until the rows show "
               "and the screen settles (100 ms quiet)",
               p95, target=("value", "<=", 100), note=f"median {median(steps):.0f} ms",
               samples={"steps": steps}),
        Figure("runs at scale: memory", f"resident memory of the TUI after the {PAGEDOWNS} "
               "pagedowns", median(found["rss"]), unit="MB", target=("value", "<=", 200)),
        Figure("terminal bytes per pagedown", "bytes written for one pagedown at 80x24",
               median(found["bytes"]) / 1000, unit="KB", target=("value", "<=", 8)),
    ]  # fmt: skip
