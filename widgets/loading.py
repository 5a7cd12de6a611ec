"""The app's loading indicator: Textual's dots, drawn 4 times a second instead of 16.

Loading is when the network is slow; on a busy machine or over SSH, a full-panel animation at
16 frames a second took a fifth of a core and a steady stream of bytes while the workspace's
first answers waited for the same core. Four frames keep the dots moving for a quarter of it.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import LoadingIndicator

#: Seconds between frames, at the fastest.
FRAME = 1 / 4


class Loading(LoadingIndicator):
    @property
    def auto_refresh(self) -> float | None:
        return Widget.auto_refresh.fget(self)  # type: ignore[attr-defined,no-any-return]

    @auto_refresh.setter
    def auto_refresh(self, interval: float | None) -> None:
        # LoadingIndicator asks for 1/16 s when mounted; hold it to FRAME
        slowed = max(interval, FRAME) if interval else interval
        Widget.auto_refresh.fset(self, slowed)  # type: ignore[attr-defined]
