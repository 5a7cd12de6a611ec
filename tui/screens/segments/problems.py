"""How the filter's problems read: one line per problem, and the verdict under the editor."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content

from tui.api.filters import summarize_filter
from tui.screens.segments.query import Checked, Found


def prompt(found: Found) -> Content:
    """``✖ 2:3 "conjunction" is misspelled: …  ctrl+f: rename to conjonction``."""
    problem = found.problem
    icon, style = ("✖", "$text-error") if problem.is_error else ("⚠", "$text-warning")
    parts: list[Content | str | tuple[str, str]] = [
        (f"{icon} {found.where} ", f"bold {style}"),
        problem.message,
    ]
    if problem.fix is not None:
        parts.append((f"  ctrl+f: {problem.fix.label}", "$text-muted"))
    return Content.assemble(*parts)


def status_line(checked: Checked, labels: Mapping[str, str], current: Found | None) -> Content:
    """What the check means for sending, and the fix ctrl+f would apply now."""
    if checked.errors:
        they = "it is" if len(checked.errors) == 1 else "they are"
        line = Content.styled(
            f"{checked.verdict()}: the preview and the export are refused until {they} fixed",
            "$text-error",
        )
    elif checked.warnings:
        them = "it" if len(checked.warnings) == 1 else "them"
        line = Content.styled(
            f"{checked.verdict()}: the preview and the export are allowed; read {them} first",
            "$text-warning",
        )
    else:
        summary = summarize_filter(checked.filter, labels, width=200)
        line = Content.assemble(("✔ valid: ", "$text-success"), summary)
    if not checked.schema_known:
        line = Content.assemble(line, ("  (model unknown: columns not checked)", "$text-muted"))
    if current is not None and current.problem.fix is not None:
        hint = f"\nctrl+f fixes {current.where}: {current.problem.fix.label}"
        line = Content.assemble(line, (hint, "$text-muted"))
    return line
