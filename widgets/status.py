"""Status words in colour, the same on every screen."""

from __future__ import annotations

from rich.text import Text

STYLES = {
    "success": "green",
    "healthy": "green",
    "error": "bold red",
    "unhealthy": "bold red",
    "running": "yellow",
    "pending": "yellow",
    "syncing": "yellow",
    "querying": "yellow",
    "idle": "dim",
    "cancelling": "magenta",
    "cancelled": "dim",
    "skipped": "dim",
    "absent": "dim",
}
MARKS = {
    "success": "✔",
    "error": "✖",
    "pending": "…",
    "running": "…",
    "cancelled": "⊘",
    "skipped": "–",
}


def status_text(status: object, *, mark: bool = False) -> Text:
    word = str(status) if status is not None else "–"
    label = f"{MARKS.get(word, '·')} {word}" if mark else word
    return Text(label, STYLES.get(word, ""))


def bar(fraction: float, width: int = 10, style: str = "") -> Text:
    """A horizontal bar of eighths: ``▇▇▇▎`` for 0.33 of 10 cells."""
    fraction = max(0.0, min(1.0, fraction))
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return Text(("█" * full + partial).ljust(width), style)
