"""A uuid option: as typed, or the last one a pasted Cargo web URL names."""

from __future__ import annotations

import argparse
import re

_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


def uuid_arg(text: str) -> str:
    """A uuid as typed, or the one a pasted Cargo web URL ends with; anything else is a usage
    error (exit 2) naming what was given, rather than a request for a path that cannot exist."""
    text = text.strip()
    if _UUID.fullmatch(text):
        return text.lower()
    if text.startswith(("http://", "https://")):
        found = [match.group(0) for match in _UUID.finditer(text)]
        if found:
            return found[-1].lower()
        raise argparse.ArgumentTypeError(f"the web URL {text!r} names no uuid")
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a uuid (32 hex digits as 8-4-4-4-12, such as "
        "0b5e7f3c-1d2a-4c6b-9e8f-7a6b5c4d3e2f)"
    )
