"""Segment filter drafts: what was typed, by segment, read back whole or set aside."""

from __future__ import annotations

from pathlib import Path

from tui.state.segment_drafts import Draft, drafts_path, load_drafts, save_drafts

WORKSPACE = "a3fcafbf-80b3-4ea0-99f0-1a2d87e2e82c"


def test_drafts_read_back_as_typed_even_half_typed(user_dirs: Path) -> None:
    drafts = {
        "seg-1": Draft('{"conjunction": "and", "gro', '[{"columnSlug": "x"', "1O"),
        "seg-2": Draft("{}"),
    }
    assert save_drafts(WORKSPACE, drafts) is None
    assert load_drafts(WORKSPACE) == (drafts, [])
    assert drafts_path(WORKSPACE).stat().st_mode & 0o777 == 0o600


def test_no_file_is_no_draft(user_dirs: Path) -> None:
    assert load_drafts(WORKSPACE) == ({}, [])
    assert not drafts_path(WORKSPACE).exists(), "reading creates nothing"


def test_an_unreadable_file_is_set_aside_with_a_warning(user_dirs: Path) -> None:
    path = drafts_path(WORKSPACE)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    drafts, warnings = load_drafts(WORKSPACE)
    assert drafts == {}
    assert len(warnings) == 1 and "unreadable" in warnings[0]
    assert [p.name.split(".bad-")[0] for p in path.parent.iterdir()] == [path.name]


def test_odd_entries_are_skipped_not_fatal(user_dirs: Path) -> None:
    path = drafts_path(WORKSPACE)
    path.parent.mkdir(parents=True)
    path.write_text(
        '{"version": 1, "drafts": {"a": {"filter": "{}", "sort": 3}, "b": "nope", "c": {}}}',
        encoding="utf-8",
    )
    assert load_drafts(WORKSPACE) == ({"a": Draft("{}")}, [])


def test_a_failed_write_says_why_and_raises_nothing(user_dirs: Path) -> None:
    folder = drafts_path(WORKSPACE).parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder should be", encoding="utf-8")
    failure = save_drafts(WORKSPACE, {"seg": Draft("{}")})
    assert failure is not None and failure.startswith("Cannot save the filter drafts to")
