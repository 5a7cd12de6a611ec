"""Pastes read from the terminal in any number of reads: their ESCs masked, the rest as sent."""

from __future__ import annotations

import pytest
from textual import events

from tui.pastes import PasteKeepingParser, PasteMask

START, END = "\x1b[200~", "\x1b[201~"
STREAM = f"a\x1b[A{START}p\x1bq\x1b[2J{END}\x1b[Bz{START}\x07{END}"


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, len(STREAM)])
def test_the_escs_of_a_paste_are_masked_however_the_reads_fall(size: int) -> None:
    mask = PasteMask()
    reads = [STREAM[i : i + size] for i in range(0, len(STREAM), size)]
    masked = "".join(mask(read) for read in reads) + mask("")
    assert masked == f"a\x1b[A{START}p␛q␛[2J{END}\x1b[Bz{START}\x07{END}"
    assert not mask.pasting


def test_the_parser_gives_keys_and_pastes_in_the_order_sent() -> None:
    parser = PasteKeepingParser()
    tokens = [*parser.feed(STREAM[:9]), *parser.feed(STREAM[9:]), *parser.feed("")]
    seen = [t.key if isinstance(t, events.Key) else t.text for t in tokens]  # type: ignore[attr-defined]
    assert seen == ["a", "up", "p␛q␛[2J", "down", "z", "␇"]
