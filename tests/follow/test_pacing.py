"""When follow mode asks: a fake clock, moved by the test."""

from __future__ import annotations

import math

import pytest

from tui.state.follow.pacing import CEILING, Pacer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def polled(pacer: Pacer) -> None:
    pacer.begin()
    pacer.answered()


def test_one_poll_per_interval_counted_from_the_end_of_the_last() -> None:
    clock = Clock()
    pacer = Pacer(10, clock)
    assert pacer.due()
    pacer.begin()
    assert not pacer.due() and pacer.wait() == math.inf  # never two at once
    clock.now += 3  # the poll took 3 s
    pacer.answered()
    assert not pacer.due() and pacer.wait() == 10
    clock.now += 9.9
    assert not pacer.due()
    clock.now += 0.1
    assert pacer.due()


def test_a_429_doubles_the_interval_honours_retry_after_and_recovers_by_halves() -> None:
    clock = Clock()
    pacer = Pacer(10, clock)
    pacer.begin()
    pacer.refused("rate-limited")
    assert pacer.interval == 20 and pacer.wait() == 20 and pacer.backing_off
    pacer.begin()
    pacer.refused("rate-limited", retry_after=90)
    assert pacer.interval == 90
    assert not pacer.now()  # r does not jump the queue while backing off
    for _ in range(10):
        pacer.begin()
        pacer.refused("rate-limited")
    assert pacer.interval == CEILING
    clock.now += CEILING
    polled(pacer)
    assert pacer.interval == CEILING / 2 and pacer.backing_off
    while pacer.interval > 10:
        polled(pacer)
    assert pacer.interval == 10 and pacer.backing_off is None
    assert pacer.now() and pacer.due()


def test_held_it_never_polls_released_an_overdue_poll_is_due_at_once() -> None:
    clock = Clock()
    pacer = Pacer(10, clock)
    polled(pacer)
    pacer.hold("reading")
    clock.now += 600
    assert not pacer.due() and pacer.wait() == math.inf
    pacer.hold("away")
    pacer.release("reading")
    assert not pacer.due()
    pacer.release("away")
    assert pacer.due() and pacer.wait() == 0


def test_a_new_base_from_the_settings_applies_unless_backing_off() -> None:
    clock = Clock()
    pacer = Pacer(10, clock)
    pacer.set_base(3)
    assert pacer.interval == 3
    pacer.begin()
    pacer.refused("rate-limited")
    pacer.set_base(1)
    assert pacer.interval == 6
    with pytest.raises(ValueError):
        Pacer(0, clock)
