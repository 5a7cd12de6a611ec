"""Which whole tabs a row shows when they do not all fit, and what it says of the rest."""

from __future__ import annotations

from widgets.tab_window import marker, window

WIDTHS = [9] * 12  # twelve "query N" tabs


def test_all_that_fit_from_the_start() -> None:
    assert window([9, 9, 9], active=2, room=30) == (0, 2)


def test_the_active_tab_is_always_in_the_window() -> None:
    for active in range(12):
        first, last = window(WIDTHS, active, room=60)
        assert first <= active <= last
        assert sum(WIDTHS[first : last + 1]) <= 60
        assert last - first + 1 == 6, "as many whole tabs as the room holds"


def test_the_window_stays_while_the_active_tab_is_in_it() -> None:
    assert window(WIDTHS, active=7, room=60, first=5) == (5, 10)
    assert window(WIDTHS, active=4, room=60, first=5) == (4, 9), "one step left, one shift"
    assert window(WIDTHS, active=11, room=60, first=0) == (6, 11)


def test_a_tab_wider_than_the_room_is_still_shown_alone() -> None:
    assert window([9, 40, 9], active=1, room=20) == (1, 1)


def test_the_marker_counts_what_is_left_out() -> None:
    assert marker(2, 3) == "‹2 3›"
    assert marker(0, 3) == "3›"
    assert marker(5, 0) == "‹5"
    assert marker(0, 0) == ""
