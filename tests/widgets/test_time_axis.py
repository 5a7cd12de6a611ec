"""How long a bar of a time axis lasts, where a time falls, and what the axis says."""

from __future__ import annotations

from datetime import datetime, timedelta

from widgets.time_axis import Span, bar_text, label, natural, span_for, ticks

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
START = datetime(2026, 11, 26, 15)


def test_the_data_own_step_leaves_a_gap_where_a_time_has_no_point() -> None:
    times = [START + n * HOUR for n in (0, 1, 3, 4)]
    span = span_for(times, room=60)
    assert span == natural(times) == Span(HOUR, origin=START)
    assert span.count(times[0], times[-1]) == 5
    assert [span.index(t) - span.index(START) for t in times] == [0, 1, 3, 4]
    assert span.words() == "1 hour"


def test_months_are_calendar_months() -> None:
    """Month starts are 28 to 31 days apart: a fixed length would leave a bar empty."""
    times = [datetime(2026, month, 1) for month in range(1, 13)] + [datetime(2027, 1, 1)]
    span = span_for(times, room=60)
    assert span == Span(months=1)
    first = span.index(times[0])
    assert [span.index(t) - first for t in times] == list(range(13))
    assert bar_text(span, first, whole=True) == "2026-01"


def test_more_steps_than_room_take_the_shortest_round_span_that_fits() -> None:
    week = [START + n * HOUR for n in range(7 * 24)]
    span = span_for(week, room=66)
    assert span.length == 3 * HOUR and span.words() == "3 hours"
    assert span.count(week[0], week[-1]) <= 66
    assert span.start(span.index(START)).hour % 3 == 0, "a round span starts on a round time"
    days = [datetime(2025, 1, 1) + n * DAY for n in range(400)]
    weeks = span_for(days, room=70)
    assert weeks.words() == "1 week"
    assert weeks.start(weeks.index(days[0])).weekday() == 0, "a week starts on Monday"


def test_a_round_span_says_from_when_to_when() -> None:
    three = Span(3 * HOUR)
    assert (
        bar_text(three, three.index(datetime(2026, 11, 27, 7)), False) == "2026-11-27 06:00–09:00"
    )
    assert bar_text(three, three.index(datetime(2026, 11, 27, 22)), False) == (
        "2026-11-27 21:00–24:00"
    )
    week = Span(7 * DAY)
    assert bar_text(week, week.index(datetime(2026, 11, 27)), False) == "2026-11-23 – 2026-11-29"


def test_ticks_fall_on_round_times_and_their_words_never_touch() -> None:
    hourly = Span(HOUR, origin=START)
    # One column per hour: a tick every 12 hours (6 would leave 6 columns for 6-wide words).
    assert ticks(hourly, 0, 48, 1) == [(9, "Nov 27"), (21, "12:00"), (33, "Nov 28"), (45, "12:00")]
    # Two columns per hour: every 6 hours.
    assert ticks(hourly, 0, 24, 2) == [(3, "18:00"), (9, "Nov 27"), (15, "06:00"), (21, "12:00")]
    months = Span(months=1)
    assert ticks(months, 2026 * 12, 13, 4) == [
        (0, "2026"),
        (3, "Apr"),
        (6, "Jul"),
        (9, "Oct"),
        (12, "2027"),
    ]


def test_a_tick_says_the_date_at_midnight_and_the_time_else() -> None:
    assert label(datetime(2026, 11, 27, 14), Span(HOUR)) == "14:00"
    assert label(datetime(2026, 11, 27), Span(HOUR)) == "Nov 27"
    assert label(datetime(2026, 11, 27, 14, 0, 30), Span(timedelta(seconds=30))) == "14:00:30"
    assert label(datetime(2026, 11, 1), Span(months=3)) == "Nov"
