"""The desktop notification a terminal shows on an escape sequence (settings:
``notifications``, off by default): OSC 9 (iTerm2, WezTerm, kitty, Ghostty) or OSC 777
(foot, urxvt, VTE terminals such as GNOME Terminal). ``auto`` picks by the terminal's own
variables and sends nothing to one it does not know. Inside tmux the sequence is passed
through to the terminal around it (tmux needs ``allow-passthrough on``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

Kind = Literal["off", "auto", "osc9", "osc777"]
KINDS: tuple[Kind, ...] = ("off", "auto", "osc9", "osc777")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
OSC9_PROGRAMS = {"iTerm.app", "WezTerm", "ghostty"}


def detect(env: Mapping[str, str]) -> Kind:
    """The sequence this terminal shows (``off``: none known)."""
    program = env.get("TERM_PROGRAM", "")
    term = env.get("TERM", "")
    if program in OSC9_PROGRAMS or term in ("xterm-kitty", "xterm-ghostty"):
        return "osc9"
    if env.get("VTE_VERSION") or term.startswith(("foot", "rxvt")):
        return "osc777"
    return "off"


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()[:200]


def notification(kind: Kind, title: str, body: str, env: Mapping[str, str]) -> str | None:
    """The escape sequence that shows ``title`` and ``body`` (None: none is to be sent)."""
    chosen = detect(env) if kind == "auto" else kind
    if chosen == "osc9":
        sequence = f"\x1b]9;{_clean(f'{title}: {body}')}\x1b\\"
    elif chosen == "osc777":
        sequence = f"\x1b]777;notify;{_clean(title).replace(';', ',')};{_clean(body)}\x1b\\"
    else:
        return None
    if env.get("TMUX"):
        return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return sequence
