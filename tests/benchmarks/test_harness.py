"""The benchmark harness's own logic (no process is started): what counts as met, missed or
failed, that a failing suite fails its figures and the run, and how the drivers read a screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import __main__ as bench
from benchmarks import report
from benchmarks.report import Figure, interleaved_apart, summary
from benchmarks.scale_bench import _first_hit, _pending, _showing


def test_a_figure_is_met_missed_report_only_or_failed() -> None:
    assert Figure("a", "", 90, target=("value", "<=", 100)).outcome == "met"
    assert Figure("b", "", 110, target=("value", "<=", 100)).outcome == "missed"
    assert Figure("c", "", 2, 1, target=("ratio", "<=", 1.2)).outcome == "missed"
    assert Figure("d", "", 5).outcome == "report"
    failed = Figure("e", "", None, target=("value", "<=", 100), failed="timed out")
    assert failed.outcome == "failed" and failed.met is None


@pytest.mark.parametrize(
    ("figure", "reason"),
    [
        (Figure("no value", "", None, target=("value", "<=", 1), note="Harlequin missing"),
         "Harlequin missing"),
        (Figure("no reference", "", 5, None, target=("ratio", "<=", 1)),
         "not measured (no reference figure)"),
    ],
)  # fmt: skip
def test_a_figure_with_a_target_and_nothing_to_compare_fails(figure: Figure, reason: str) -> None:
    figure.settle_outcome()
    assert figure.outcome == "failed"
    assert figure.failed == reason


def test_the_summary_holds_only_when_every_target_is_met() -> None:
    met = Figure("a", "", 1, target=("value", "<=", 2))
    line, ok = summary([met, Figure("r", "", 3)])
    assert ok and line.startswith("all targets met: 1 met, 0 missed, 0 failed, 1 report-only")
    missed = Figure("b", "", 3, target=("value", "<=", 2))
    failed = Figure("c", "", None, failed="boom")
    line, ok = summary([met, missed, failed])
    assert not ok and "1 met, 1 missed, 1 failed" in line


def test_a_measure_that_raises_is_dropped_and_the_others_go_on() -> None:
    calls = {"good": 0, "bad": 0}

    def good() -> float:
        calls["good"] += 1
        return 1.0

    def bad() -> float:
        calls["bad"] += 1
        raise TimeoutError("'x' never appeared")

    samples, failures = interleaved_apart(3, good=good, bad=bad)
    assert samples == {"good": [1.0, 1.0, 1.0], "bad": []}
    assert failures == {"bad": "TimeoutError: 'x' never appeared"}
    assert calls == {"good": 3, "bad": 1}


def _suite_that_raises() -> list[Figure]:
    raise RuntimeError("no million-run batch")


def test_a_suite_that_raises_fails_each_of_its_figures() -> None:
    suite = bench.Suite(_suite_that_raises, ("one", "two"))
    figures = bench.run_suite("scale", suite)
    assert [(f.name, f.outcome) for f in figures] == [("one", "failed"), ("two", "failed")]
    assert figures[0].failed == "suite 'scale' failed: RuntimeError: no million-run batch"


def test_a_figure_a_suite_does_not_give_fails() -> None:
    suite = bench.Suite(lambda: [Figure("one", "", 1, target=("value", "<=", 2))], ("one", "two"))
    figures = bench.run_suite("s", suite)
    assert [(f.name, f.outcome) for f in figures] == [("one", "met"), ("two", "failed")]


def test_the_run_exits_non_zero_and_records_each_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(report, "RESULTS", tmp_path)
    monkeypatch.setattr(
        bench,
        "SUITES",
        {
            "fine": bench.Suite(lambda: [Figure("ok", "", 1, target=("value", "<=", 2))], ("ok",)),
            "broken": bench.Suite(_suite_that_raises, ("lost",)),
        },
    )
    assert bench.main(["fine"]) == 0
    assert bench.main([]) == 1
    out = capsys.readouterr().out
    assert "FAILED: lost: suite 'broken' failed" in out
    assert "TARGETS NOT MET: 1 met, 0 missed, 1 failed, 0 report-only" in out
    saved = json.loads((tmp_path / "latest.json").read_text())
    entries = {f["name"]: f for f in saved["figures"]}
    assert entries["ok"]["met"] is True and entries["ok"]["failed"] is None
    assert entries["lost"]["met"] is None and entries["lost"]["failed"].startswith("suite")
    assert set(saved["suite_seconds"]) == {"fine", "broken"}


def test_an_unknown_suite_is_a_usage_error() -> None:
    assert bench.main(["nope"]) == 2


def test_every_suite_names_its_figures_once() -> None:
    names = [name for suite in bench.SUITES.values() for name in suite.figures]
    assert len(names) == len(set(names))
    assert all(suite.figures for suite in bench.SUITES.values())


SCREEN = """\
 record             status    failing node    error
 Umbrella Health 9… error     qualify         Agent timed out after 60s
 …
 showing 17-32 of 1,000,000   enter run detail  f failed/all"""


def test_the_scale_driver_reads_the_runs_status_line_and_pending_rows() -> None:
    assert _showing(SCREEN) == ("17", "32", "1,000,000")
    assert _showing("no run here") is None
    assert _pending(SCREEN)
    assert not _pending(SCREEN.replace("\n …\n", "\n"))


def test_the_scale_driver_reads_the_palettes_first_hit() -> None:
    palette = "  🔎 Weekly\n\n  go: play Weekly ICP refresh\n  3536c1a0\n  go: workflow Weekly"
    assert _first_hit(palette) == "go: play Weekly ICP refresh"
    assert _first_hit("  🔎 Weekly\n  No matches found") is None
    # the first line under the input, whatever it offers: enter runs that one
    ranked = "  🔎 Weekly\n\n  release: compare Weekly ICP refresh\n  two\n  go: play Weekly ICP"
    assert _first_hit(ranked) == "release: compare Weekly ICP refresh"
