"""Billing: the workspace's subscription and its usage metrics, as Cargo bills them.

Every node execution bills 0.01 credit, whatever the node and however it ended, on top of
what providers' nodes use; the charge belongs to no node. So a batch's credits (and the
subscription's) are its runs' provider credits plus its executions over 100, while runs and
executions read provider credits only (``schema.EXECUTIONS``). The subscription's period
starts ten days before the sandbox's clock started, at midnight, and lasts 30 days; what its
batches used is read at each request, so a re-run's charge shows as its runs finish.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tui.sandbox import engine
from tui.sandbox.engine import ch_time, quote
from tui.sandbox.errors import ApiError
from tui.sandbox.schema import EXECUTIONS
from tui.sandbox.world import Workspace, World

#: The credits a period of the subscription holds, by scale (some left after the history), and
#: the credits bought on top of it.
PLAN_CREDITS = {"small": 12_000, "demo": 150_000, "large": 25_000_000}
TOP_UP = 500
PERIOD = timedelta(days=30)
UNITS = ("billing.credits", "storage.records", "orchestration.executions")
GROUPS = {
    "workflow_uuid": "toString(workflow_uuid)",
    "model_uuid": None,
    "connector_uuid": None,
    "integration_slug": None,
    "agent_uuid": None,
}


def period(world: World) -> tuple[datetime, datetime]:
    """When the subscription's current period started, and when its credits reset."""
    day = (world.now - timedelta(days=10)).astimezone(UTC)
    start = day.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + PERIOD


def _iso(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def used_since(ws: Workspace, since: datetime) -> float:
    """Credits the workspace's batches used since ``since``: provider credits and the
    execution charge, as far as the clock has gone."""
    found = engine.scalar(
        f"SELECT round(sum(credits_used_count), 2) FROM {ws.db}.batches "
        f"WHERE created_at >= toDateTime64({quote(ch_time(since))}, 3, 'UTC')"
    )
    return float(found or 0)


def subscription(world: World, ws: Workspace) -> dict[str, Any]:
    """``EnrichedSubscription``: what is left of the period's credits, and what was used."""
    start, reset = period(world)
    plan = PLAN_CREDITS[world.scale]
    used = used_since(ws, start)
    created = start - timedelta(days=200)
    uuid = ws.catalog.workspace["uuid"]
    return {
        "uuid": uuid[:9] + "b111" + uuid[13:],
        "workspaceUuid": uuid,
        "provider": "orb",
        "customerOrbId": f"orb_cus_{uuid[:8]}",
        "customerStripeId": f"cus_{uuid[:12]}",
        "subscriptionStatus": "active",
        "subscriptionStripeId": None,
        "subscriptionAvailableCreditsCount": round(max(0.0, plan - used), 2),
        "subscriptionCreditsUsedCount": used,
        "additionalAvailableCreditsCount": TOP_UP,
        "creditsOverageBehaviors": [{"unit": "billing.credits", "action": "deny"}],
        "creditsConsumptionBehaviors": [{"unit": "orchestration.executions", "action": "allow"}],
        "createdAt": _iso(created),
        "updatedAt": _iso(start),
        "plan": "self-serve",
        "cadence": "monthly",
        "fixedPrice": 500,
        "conversionRate": 0.03,
        "startAt": _iso(created),
        "resetAt": _iso(reset),
        "endAt": None,
        "hasPendingChange": False,
        "hasCredits": used < plan + TOP_UP,
        "futureChange": None,
        "topup": None,
    }


def _moment(params: dict[str, Any], key: str) -> str:
    value = params.get(key)
    if not isinstance(value, str):
        raise ApiError(400, f"{key} is required (an ISO date)", "invalidRequest")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(400, f"{key} is not an ISO date: {value!r}", "invalidRequest") from None
    return f"toDateTime64({quote(ch_time(moment))}, 3, 'UTC')"


def usage_metrics(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    """``UsageMetricsResult``: per day from ``from`` to ``to``, the unit's count (by group).

    A run's usage counts on the day it finished, once it has (by the sandbox's clock)."""
    since, until = _moment(params, "from"), _moment(params, "to")
    unit = params.get("unit") or "billing.credits"
    if unit not in UNITS:
        raise ApiError(400, f"unit must be one of {', '.join(UNITS)}", "invalidRequest")
    group_by = params.get("groupBy")
    if group_by is not None and group_by not in GROUPS:
        raise ApiError(400, f"groupBy must be one of {', '.join(GROUPS)}", "invalidRequest")
    terms = [
        f"_finished_at >= {since}",
        f"_finished_at < {until}",
        f"_finished_at <= {ws.clock_sql}",
        "_status IN ('success', 'error', 'cancelled')",
    ]
    if (workflow := params.get("workflowUuid")) is not None:
        terms.append(f"workflow_uuid = toUUIDOrZero({quote(str(workflow))})")
    if unit == "storage.records" or any(params.get(k) for k in ("modelUuid", "connectorUuid",
                                                                   "integrationSlug", "agentUuid",
                                                                   "slug")):  # fmt: skip
        # Runs are not billed by model, connector or agent here: no usage of that kind.
        return {"metrics": []}
    count = (
        f"sum({EXECUTIONS})"
        if unit == "orchestration.executions"
        else f"round(sum(_credits_used_count) + sum({EXECUTIONS}) / 100, 2)"
    )
    group = GROUPS.get(group_by or "") or "''"
    rows = engine.rows(
        f"SELECT toString(toDate(_finished_at)) AS day, {group} AS grp, {count} AS n "
        f"FROM {ws.db}._runs WHERE {' AND '.join(terms)} GROUP BY day, grp ORDER BY day, grp"
    )
    days: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        days.setdefault(row["day"], []).append(
            {"slug": unit, "count": float(row["n"]), "groupBy": row["grp"] or None}
        )
    return {
        "metrics": [{"date": f"{day}T00:00:00.000Z", "items": items} for day, items in days.items()]
    }
