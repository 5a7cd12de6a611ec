"""A paste that holds an ESC (or any control character) arrives whole, in order, and inert.

Textual's terminal parser reads an ESC inside a bracketed paste as the start of a key sequence:
what follows it, up to the paste's end, comes out as key presses *before* the paste (whose
text stops at the ESC), so ``SELECT 'ab<ESC>[2Jc' AS ctrl`` became ``^[2Jc' AS ctrlSELECT 'ab``.
Here every ESC between the paste's start and end becomes ``␛`` before the parser sees it, and
every other control character in the pasted text (but tab and newlines) its picture too
(``␇`` for a bell): a field would write a raw one to the terminal, where an ESC starts a
command (``ESC[2J`` cleared the screen). What was pasted stays visible, where it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser

if TYPE_CHECKING:
    from textual.message import Message

ESC = "\x1b"
#: An ESC inside a paste, for the parser and the field: the Unicode picture of an escape.
MASK = "\u241b"
#: Each control character but tab, newline and carriage return, to its Unicode picture.
_PICTURES = {c: 0x2400 + c for c in range(0x20) if chr(c) not in "\t\n\r"} | {0x7F: 0x2421}


class PasteMask:
    """Masks the ESCs inside bracketed pastes in a stream of reads, across read boundaries."""

    def __init__(self) -> None:
        self.pasting = False
        #: The end of the last read outside a paste, where a paste's start may begin.
        self._tail = ""
        #: The end of the last read inside a paste that may be the start of its end.
        self._held = ""

    def __call__(self, data: str) -> str:
        if not data:  # the end of input: what was held back goes as it came
            held, self._held = self._held, ""
            return held
        data, self._held = self._held + data, ""
        out: list[str] = []
        while data:
            if not self.pasting:
                seen = self._tail + data
                start = seen.find(BRACKETED_PASTE_START)
                if start < 0:
                    out.append(data)
                    self._tail = seen[-(len(BRACKETED_PASTE_START) - 1) :]
                    return "".join(out)
                cut = start + len(BRACKETED_PASTE_START) - len(self._tail)
                out.append(data[:cut])
                data, self._tail, self.pasting = data[cut:], "", True
                continue
            end = data.find(BRACKETED_PASTE_END)
            if end < 0:
                body, self._held = _split_partial_end(data)
                out.append(body.replace(ESC, MASK))
                return "".join(out)
            out.append(data[:end].replace(ESC, MASK) + BRACKETED_PASTE_END)
            data, self.pasting = data[end + len(BRACKETED_PASTE_END) :], False
        return "".join(out)


def _split_partial_end(data: str) -> tuple[str, str]:
    """``data`` cut before a trailing beginning of the paste's end (held for the next read)."""
    for size in range(min(len(BRACKETED_PASTE_END) - 1, len(data)), 0, -1):
        if BRACKETED_PASTE_END.startswith(data[-size:]):
            return data[:-size], data[-size:]
    return data, ""


class PasteKeepingParser(XTermParser):
    """Textual's parser, fed masked reads; each paste's control characters as pictures."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._mask = PasteMask()

    def feed(self, data: str) -> Iterable[Message]:
        masked = self._mask(data)
        tokens = list(super().feed(masked)) if masked else []
        if not data:
            tokens += super().feed("")
        return [_inert(token) for token in tokens]


def _inert(token: Message) -> Message:
    if isinstance(token, events.Paste):
        text = token.text.translate(_PICTURES)
        return token if text == token.text else events.Paste(text)
    return token


def keep_pastes_whole() -> None:
    """Have the Linux terminal driver read input with :class:`PasteKeepingParser` (it builds
    its parser from its module's name ``XTermParser`` when its input thread starts)."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = PasteKeepingParser  # type: ignore[attr-defined]
