"""What every resource namespace holds."""

from __future__ import annotations

from tui.api.transport import Transport


class Resource:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport
