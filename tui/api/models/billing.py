"""Billing: the workspace's subscription and its usage metrics (``@cargo-ai/types``'
``BillingTypes``)."""

from __future__ import annotations

from tui.api.models.base import CargoModel
from tui.api.models.fields import Timestamp

#: What usage is counted in: ``billing.credits``, ``storage.records``,
#: ``orchestration.executions`` (each node execution bills 0.01 credit).
UsageUnit = str


class CreditsBehavior(CargoModel):
    """Whether credits of a unit may be used past what is left (overage) or at all."""

    unit: UsageUnit
    action: str


class FutureChange(CargoModel):
    cadence: str
    fixed_price: float
    credits_count: float
    conversion_rate: float
    start_at: Timestamp | None = None
    end_at: Timestamp | None = None


class TopUp(CargoModel):
    credits_count: float
    threshold: float


class Subscription(CargoModel):
    """``EnrichedSubscription``. What is left to spend is the subscription's available
    credits plus the additional (bought) ones; what was used, ``subscription_credits_used``."""

    uuid: str
    workspace_uuid: str
    provider: str
    customer_orb_id: str | None = None
    customer_stripe_id: str | None = None
    subscription_status: str | None = None
    subscription_stripe_id: str | None = None
    subscription_available_credits_count: float = 0
    subscription_credits_used_count: float = 0
    additional_available_credits_count: float = 0
    credits_overage_behaviors: list[CreditsBehavior] = []
    credits_consumption_behaviors: list[CreditsBehavior] = []
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    plan: str | None = None
    cadence: str | None = None
    fixed_price: float | None = None
    conversion_rate: float | None = None
    start_at: Timestamp | None = None
    reset_at: Timestamp | None = None
    end_at: Timestamp | None = None
    has_pending_change: bool | None = None
    has_credits: bool | None = None
    future_change: FutureChange | None = None
    topup: TopUp | None = None

    @property
    def remaining(self) -> float:
        """Credits left to spend: the period's and the additional ones."""
        return self.subscription_available_credits_count + self.additional_available_credits_count

    @property
    def overage_denied(self) -> bool:
        """Past the credits left, Cargo refuses to bill (and so to run) rather than charge."""
        return any(
            b.unit == "billing.credits" and b.action == "deny"
            for b in self.credits_overage_behaviors
        )


class UsageItem(CargoModel):
    slug: str
    count: float
    group_by: str | None = None


class UsageMetric(CargoModel):
    """One day's usage: a count per slug (and per group, when grouped)."""

    date: Timestamp
    items: list[UsageItem] = []

    def total(self) -> float:
        return sum(item.count for item in self.items)
