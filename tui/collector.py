"""Python's cyclic garbage collector, held off while the TUI starts.

Starting loads objects that live as long as the process (modules, classes, functions, Textual's
widgets and styles: ~37,000 the collector tracks once the app is imported, more as it mounts).
The collector, run every few hundred allocations, scans the young ones, and every tenth time
the older: about a dozen passes of the middle generation and a full one before Discovery's
first frame (some 7% of the CPU time to it, on a busy machine), each finding next to nothing.
So the start runs without it (:func:`hold`); what the imports loaded is set apart once loaded
(:func:`freeze_loaded`: ``gc.freeze``, never scanned again, so a later full pass costs what the
app holds, not what it imported); and it runs again once the workspace is on screen
(:func:`release`), where the first pass sweeps what the start left unreferenced.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """No collection until :func:`release` (nothing if something else turned it off)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def freeze_loaded() -> None:
    """The objects alive now (what the imports loaded) kept out of every later collection."""
    if _held:
        gc.freeze()


def release() -> None:
    """The collector back on, as it was before :func:`hold` (once; nothing if never held)."""
    global _held
    if _held:
        _held = False
        gc.enable()
