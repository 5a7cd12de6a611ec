"""Text cut to its room: crumbs, clipped cells, the fullest form that fits, clamped lines,
and counts whose noun agrees with them."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from widgets.breadcrumb import fit_crumbs
from widgets.fitting import Clamped, clip, first_fitting
from widgets.humanize import plural, plural_of

TRAIL = (
    "Plays",
    "Enrich new companies",
    "Batch Nov 24 02:39",
    "hubspot_upsert: N Too Many Requests: HubSpot rate limit",
    "Failed",
    "Monarch Systems",
)


def joined(parts: tuple[str, ...]) -> str:
    return " › ".join(parts)


def test_a_trail_that_fits_is_left_whole() -> None:
    assert fit_crumbs(TRAIL, 200) == TRAIL


def test_the_leading_crumbs_are_cut_the_longest_first() -> None:
    fitted = fit_crumbs(TRAIL, 110)
    assert len(joined(fitted)) <= 110
    assert fitted[:3] == TRAIL[:3], "the short ones are left whole"
    assert fitted[3].startswith("hubspot_upsert: N Too") and fitted[3].endswith("…")
    assert fitted[-2:] == TRAIL[-2:]


def test_at_80_columns_every_leading_crumb_gives_and_the_last_two_stay_whole() -> None:
    fitted = fit_crumbs(TRAIL, 78)
    assert len(joined(fitted)) <= 78
    assert fitted[0] == "Plays" and fitted[1].startswith("Enrich") and fitted[1].endswith("…")
    assert fitted[-2:] == ("Failed", "Monarch Systems")


def test_narrower_still_the_first_crumbs_are_left_out_behind_an_ellipsis() -> None:
    fitted = fit_crumbs(TRAIL, 40)
    assert len(joined(fitted)) <= 40
    assert fitted[0] == "…" and fitted[-2:] == ("Failed", "Monarch Systems")
    assert fit_crumbs(TRAIL, 20) == ("…", "Monarch Systems")
    assert fit_crumbs(TRAIL, 10) == ("Monarch S…",)


def test_clip_cuts_with_an_ellipsis_in_cells() -> None:
    assert clip("Enrich new companies", 11) == "Enrich new…"
    assert clip("short", 10) == "short"
    assert clip("日本語テキスト", 5) == "日本…"
    assert clip("anything", 0) == ""


def test_the_fullest_form_that_fits() -> None:
    forms = ["workflow 8507ceb0-110e · v6 · a → b", "v6 · a → b → c → d"]
    assert first_fitting(forms, 40) == forms[0]
    assert first_fitting(forms, 20) == forms[1]
    assert first_fitting(forms, 10) == "v6 · a →…"


def test_clamped_text_ends_in_an_ellipsis_when_there_was_more() -> None:
    console = Console(width=20, record=True)
    console.print(Clamped(Text("one two three four five six seven eight nine ten"), 2))
    shown = console.export_text().splitlines()
    assert len(shown) == 2 and shown[-1].endswith("…"), shown
    console.print(Clamped("short", 2))
    assert console.export_text().splitlines() == ["short"]


def test_counts_agree_with_their_nouns() -> None:
    assert plural(1, "run") == "1 run"
    assert plural(0, "run") == "0 runs"
    assert plural(1204, "batch") == "1,204 batches"
    assert plural(2, "query") == "2 queries"
    assert plural(3, "failed execution") == "3 failed executions"
    assert plural(2, "day") == "2 days"
    assert plural(2, "person", "people") == "2 people"
    assert plural_of("tool") == "tools"
