"""The desktop notification sequences (settings: notifications)."""

from __future__ import annotations

from tui.state.follow.notify import detect, notification


def test_off_sends_nothing_and_auto_sends_nothing_to_an_unknown_terminal() -> None:
    assert notification("off", "t", "b", {"TERM_PROGRAM": "iTerm.app"}) is None
    assert notification("auto", "t", "b", {"TERM": "xterm-256color"}) is None


def test_auto_picks_the_sequence_the_terminal_shows() -> None:
    assert detect({"TERM_PROGRAM": "WezTerm"}) == "osc9"
    assert detect({"TERM": "xterm-kitty"}) == "osc9"
    assert detect({"TERM": "xterm-256color", "VTE_VERSION": "7600"}) == "osc777"
    assert detect({"TERM": "foot"}) == "osc777"
    assert notification("auto", "Batch finished", "ok", {"TERM_PROGRAM": "iTerm.app"}) == (
        "\x1b]9;Batch finished: ok\x1b\\"
    )


def test_osc_777_has_a_title_and_a_body_and_no_control_character_gets_through() -> None:
    sequence = notification("osc777", "Enrich; v6", "20 failed\x07\x1b]52;c;evil", {})
    assert sequence == "\x1b]777;notify;Enrich, v6;20 failed  ]52;c;evil\x1b\\"


def test_inside_tmux_the_sequence_is_passed_through() -> None:
    sequence = notification("osc9", "t", "b", {"TMUX": "/tmp/tmux-1/default,1,0"})
    assert sequence == "\x1bPtmux;\x1b\x1b]9;t: b\x1b\x1b\\\x1b\\"
