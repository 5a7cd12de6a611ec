"""Export from any screen: the dialog, then the progress view, for any :class:`ExportSource`;
and ``Y``'s clipboard copy, which offers the dialog when the copy is too large for OSC 52.

Screens post :class:`~tui.screens.navigation.OpenExport` (the app then calls
:func:`open_export`) or call :func:`copy_or_offer`; both load this package, and with it the
export engine, only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.export import ClipboardPayload, ExportSource, human_bytes
from tui.export.clipboard import OSC52_LIMIT_BYTES
from tui.screens.export.dialog import ExportDialog, ExportRequest
from tui.screens.export.progress import ExportProgress
from tui.screens.navigation import OpenExport

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

__all__ = ["ExportDialog", "ExportProgress", "ExportRequest", "copy_or_offer", "open_export"]


def open_export(
    app: App[None],
    source: ExportSource,
    *,
    note: str | None = None,
    previous: ExportRequest | None = None,
) -> None:
    """The dialog for ``source``; once it is answered, the export with its progress; from a
    failed export, Back reopens the dialog as it was."""

    def chosen(request: ExportRequest | None) -> None:
        if request is not None:
            app.push_screen(ExportProgress(request), edit_again)

    def edit_again(request: ExportRequest | None) -> None:
        if request is not None:
            open_export(app, request.source, note=note, previous=request)

    app.push_screen(ExportDialog(source, note=note, previous=previous), chosen)


def copy_or_offer(node: Widget, payload: ClipboardPayload, what: str, source: ExportSource) -> bool:
    """Copy ``payload`` through OSC 52 if one sequence can carry it; else say so and offer
    the export dialog for ``source`` instead. True when it was copied."""
    if payload.fits:
        node.app.copy_to_clipboard(payload.text)
        size = human_bytes(len(payload.text.encode()))
        node.notify(f"Copied {what} as {payload.kind.upper()} ({size})", timeout=3)
        return True
    note = (
        f"{what.capitalize()} is {human_bytes(payload.encoded_size)} once encoded for the "
        f"clipboard, more than terminals accept ({human_bytes(OSC52_LIMIT_BYTES)}): "
        "save it to a file instead."
    )
    node.post_message(OpenExport(source, note))
    return False
