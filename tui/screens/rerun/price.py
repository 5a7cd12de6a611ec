"""What the re-run dialog says of the price: the provider term, the execution term, the
total beside the balance, and what the last re-run of these (a pilot) was billed."""

from __future__ import annotations

from rich.text import Text

from tui.screens.rerun.plan import PILOT_SIZE, Plan
from tui.state.rerun_cost import Estimate, ResetPoint, amount
from widgets.humanize import count


def over(plan: Plan, estimate: Estimate) -> bool:
    """The re-run would pass the credits left (when billing could be read)."""
    left = plan.balance.remaining if plan.balance else None
    return left is not None and estimate.total > left


def _left(plan: Plan, compact: bool = False) -> str:
    balance = plan.balance
    if balance is None:
        return ""
    if balance.unreadable:
        return f"balance unreadable ({balance.status})" if compact else balance.unreadable
    return f"{amount(balance.remaining or 0)} left"


def _total(plan: Plan, offer: Estimate, said: str, compact: bool) -> str | Text:
    """The total, beside the balance; in red past it."""
    left = _left(plan, compact)
    if left and over(plan, offer):
        return Text(f"{said} · ⚠ more than the {left}", style="bold red")
    return f"{said} · {left}" if left else said


def rows(plan: Plan, reset: ResetPoint, *, compact: bool = False) -> list[tuple[str, str | Text]]:
    """The price rows for a re-run from ``reset``, label by label (``compact``: the terms and
    the total on one row, for 80 columns)."""
    measured, offer = plan.measured, plan.offer(reset)
    if measured is None or offer is None:
        return [("cost", plan.unmeasured or "no runs to measure the cost from")]
    per_run = offer.per_run
    seen = plan.observed
    same = seen is not None and seen.reset == reset
    basis = "as the last re-run ran" if same else f"{measured.failed} runs sampled"
    found: list[tuple[str, str | Text]]
    if compact:
        said = (
            f"≈ {amount(offer.total)} credits = {amount(offer.provider)} prov "
            f"+ {amount(offer.charge)} exec"
        )
        found = [("cost", _total(plan, offer, said, compact))]
    else:
        found = [
            (
                "provider",
                f"≈ {amount(offer.provider)} credits · {per_run.provider:.2f} per run ({basis})",
            ),
            (
                "execution",
                f"≈ {amount(offer.charge)} credits · {count(round(offer.executions))} × 0.01 "
                f"({per_run.executions:.1f} per run)",
            ),
            ("total", _total(plan, offer, f"≈ {amount(offer.total)} credits", compact)),
        ]
    if seen is not None:
        estimated = plan.estimate(reset, 1)
        versus = f" · est {estimated.total:.2f}" if estimated is not None else ""
        where = "" if same else f", from {seen.reset or 'an unknown node'}"
        runs = "" if compact else f", {seen.runs} runs"
        prov = "prov" if compact else "provider"
        found.append(
            (
                "observed",
                f"{seen.per_run.total:.2f}/run last re-run ({seen.per_run.provider:.2f} "
                f"{prov} + {seen.per_run.executions:.1f} exec{runs}{where}){versus}",
            )
        )
    return found


def confirmation(plan: Plan, reset: ResetPoint, pilot: bool, *, compact: bool = False) -> str:
    """What typing the count back confirms: the total, its two terms, and the balance."""
    ask = f"Type {plan.count} to confirm"
    runs = min(PILOT_SIZE, plan.count) if pilot else plan.count
    offer = plan.offer(reset, runs)
    if offer is None:
        return f"{ask} (the cost could not be measured)."
    if compact:
        what = "pilot " if pilot else ""
        said = (
            f"{ask}: {what}≈ {amount(offer.total)} = {amount(offer.provider)} prov "
            f"+ {amount(offer.charge)} exec"
        )
    else:
        what = f"the pilot's {runs} runs" if pilot else f"{count(runs)} runs"
        said = (
            f"{ask}: {what} ≈ {amount(offer.total)} credits ({amount(offer.provider)} provider "
            f"+ {amount(offer.charge)} for {count(round(offer.executions))} executions)"
        )
    left = _left(plan, compact)
    if left and over(plan, offer):
        return f"{said}. ⚠ That is more than the {left}."
    return f"{said}{',' if compact else ';'} {left}." if left else f"{said}."
