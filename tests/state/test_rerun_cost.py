"""The re-run estimate's arithmetic on runs made by hand: what each reset point re-runs,
loops and tools counted, a failing node no successful run passed, and what is said."""

from __future__ import annotations

from typing import Any

import pytest

from tui.api.models.billing import Subscription
from tui.api.models.runs import Batch, Execution, Run
from tui.screens.rerun import price
from tui.screens.rerun.plan import Plan, Selection
from tui.state.rerun_cost import Estimate, PerRun, amount, measure, observe
from tui.state.rerun_reads import Balance


def _run(status: str, *nodes: tuple[str, str, float], tool_run: str | None = None) -> Run:
    executions = [
        Execution(
            node_uuid=node,
            node_slug=node,
            status=state,
            credits_used_count=credits,
            node_run_uuid=tool_run if node == "tool" else None,
        )
        for node, state, credits in nodes
    ]
    return Run(uuid=f"r-{id(executions)}", workflow_uuid="w", status=status, executions=executions)


OK = "success"
START, END = ("start", OK, 0.0), ("end", OK, 0.0)


def test_each_reset_point_counts_what_it_runs_again() -> None:
    """A run failed at ``crm``; successful runs passed it, one looping over ``crm`` twice."""
    failed = _run("error", START, ("enrich", OK, 1.0), ("crm", "error", 0.0))
    one = _run(OK, START, ("enrich", OK, 1.0), ("crm", OK, 2.0), ("alert", OK, 0.0), END)
    looped = _run(
        OK, START, ("enrich", OK, 1.0), ("crm", OK, 2.0), ("crm", OK, 2.0), ("alert", OK, 0.0), END
    )
    measured = measure([failed], [one, looped])
    # From crm on: 3 or 4 executions (mean 3.5), 2 or 4 provider credits (mean 3).
    assert measured.by_reset["lastNode"] == PerRun(3.0, 3.5)
    # The first node adds what the failed run made before crm: start and enrich, 1 credit.
    assert measured.by_reset["firstNode"] == PerRun(4.0, 5.5)
    # The next node skips crm's first execution.
    assert measured.by_reset["nextNode"] == PerRun(1.0, 2.5)
    estimate = measured.estimate("lastNode", 200)
    assert estimate is not None
    assert (estimate.provider, estimate.executions) == (600.0, 700.0)
    assert estimate.charge == pytest.approx(7.0) and estimate.total == pytest.approx(607.0)


def test_a_tools_own_run_multiplies_the_executions() -> None:
    failed = _run("error", START, ("tool", "error", 0.0))
    ok = _run(OK, START, ("tool", OK, 2.0), END, tool_run="child")
    measured = measure([failed], [ok], {"tool": 4.0})
    assert measured.by_reset["lastNode"] == PerRun(2.0, 2 + 4)


def test_a_failing_node_no_success_passed_is_a_floor_and_said() -> None:
    failed = _run("error", START, ("rare", "error", 0.0))
    measured = measure([failed], [_run(OK, START, ("other", OK, 1.0), END)])
    assert measured.unmatched == ("rare",)
    assert measured.by_reset["lastNode"] == PerRun(0.0, 1.0)
    assert measured.by_reset["firstNode"] == PerRun(0.0, 2.0)


def test_an_earlier_re_run_is_observed_run_by_run() -> None:
    runs = [
        _run(OK, ("crm", OK, 2.0), END),
        _run("error", ("crm", "error", 0.0)),
    ]
    batch = Batch(
        uuid="b",
        workflow_uuid="w",
        status="success",
        executed_runs_count=2,
        credits_used_count=2.03,
        data={"kind": "runs", "reset": {"from": "lastNode"}},
    )
    seen = observe(batch, runs)
    assert seen is not None and seen.reset == "lastNode" and seen.runs == 2
    assert seen.per_run == PerRun(1.0, 1.5)
    assert seen.billed_per_run == pytest.approx(seen.per_run.total)
    assert seen.spread == pytest.approx((2.02 - 0.01) / 2)


def _plan(remaining: float | None, unreadable: str | None = None, **more: Any) -> Plan:
    failed = _run("error", START, ("crm", "error", 0.0))
    ok = _run(OK, START, ("crm", OK, 3.0), END)
    subscription = (
        Subscription(
            uuid="s",
            workspace_uuid="ws",
            provider="orb",
            subscription_available_credits_count=remaining,
            additional_available_credits_count=0,
        )
        if remaining is not None
        else None
    )
    return Plan(
        Selection("w", "failed runs", {}),
        100,
        [],
        measured=measure([failed], [ok]),
        balance=Balance(subscription, unreadable),
        **more,
    )


def test_the_confirmation_says_the_total_its_two_terms_and_the_balance() -> None:
    said = price.confirmation(_plan(5000.0), "lastNode", pilot=False)
    # 100 runs x (3 provider + 2 executions): 300 + 200 x 0.01.
    assert said == (
        "Type 100 to confirm: 100 runs ≈ 302.00 credits (300.00 provider + 2.00 for 200 "
        "executions); 5,000 left."
    )
    pilot = price.confirmation(_plan(5000.0), "lastNode", pilot=True)
    assert "the pilot's 10 runs ≈ 30.20 credits (30.00 provider + 0.20 for 20 executions)" in pilot


def test_passing_the_balance_is_warned_and_unreadable_billing_said() -> None:
    over = price.confirmation(_plan(100.0), "lastNode", pilot=False)
    assert over.endswith("⚠ That is more than the 100.00 left.")
    rows = dict(price.rows(_plan(100.0), "lastNode"))
    assert "⚠ more than the 100.00 left" in str(rows["total"])
    why = "billing cannot be read with this token (403): balance not checked"
    plan = _plan(None, why)
    assert price.confirmation(plan, "lastNode", pilot=False).endswith(f"; {why}.")
    assert str(dict(price.rows(plan, "lastNode"))["total"]).endswith(why)


def test_the_offer_follows_the_pilot_from_the_same_point() -> None:
    batch = Batch(
        uuid="p",
        workflow_uuid="w",
        status="success",
        data={"kind": "runs", "reset": {"from": "lastNode"}},
    )
    seen = observe(batch, [_run(OK, ("crm", OK, 1.0))])
    plan = _plan(5000.0, observed=seen)
    assert plan.offer("lastNode") == Estimate(100, PerRun(1.0, 1.0))
    assert plan.offer("firstNode") == plan.estimate("firstNode")
    assert "observed" in dict(price.rows(plan, "lastNode"))


def test_amounts_keep_the_hundredths_below_a_thousand() -> None:
    assert (amount(2.5), amount(87.555), amount(14512.4)) == ("2.50", "87.56", "14,512")
