"""``client.billing.{subscription,usage}``: what the workspace may still spend, and what it
spent. A token may not be allowed to read billing: the caller says so rather than fail."""

from __future__ import annotations

import builtins

from tui.api.models import answers
from tui.api.models.billing import Subscription, UsageMetric
from tui.api.models.requests import UsageGroup, UsageMetricsParams, UsageUnit
from tui.api.resources.base import Resource, request
from tui.api.run_filters import Moment
from tui.api.transport import Transport


class SubscriptionResource(Resource):
    async def get(self) -> Subscription:
        answer = await self._transport.get("/billing/subscriptions", answers.GetSubscription)
        return answer.subscription


class UsageResource(Resource):
    async def get_metrics(
        self,
        *,
        from_: Moment,
        to: Moment,
        unit: UsageUnit | None = None,
        group_by: UsageGroup | None = None,
        workflow_uuid: str | None = None,
    ) -> builtins.list[UsageMetric]:
        """Usage per day from ``from_`` to ``to`` (``unit="orchestration.executions"``: the
        node executions, each billed 0.01 credit)."""
        path = "/billing/usage/metrics"
        params = request(
            UsageMetricsParams,
            f"GET {path}",
            from_=from_,
            to=to,
            unit=unit,
            group_by=group_by,
            workflow_uuid=workflow_uuid,
        )
        return (await self._transport.get(path, answers.GetUsageMetrics, params)).metrics


class Billing:
    def __init__(self, transport: Transport) -> None:
        self.subscription = SubscriptionResource(transport)
        self.usage = UsageResource(transport)
