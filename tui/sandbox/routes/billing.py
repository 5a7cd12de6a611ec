"""Billing: the subscription and the usage metrics (``billing/subscriptions``,
``billing/usage/metrics``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from tui.sandbox import billing
from tui.sandbox.routes.deps import History, Params, world

router = APIRouter(prefix="/billing", tags=["billing"])


@router.get("/subscriptions")
def get_subscription(history: History, request: Request) -> dict[str, Any]:
    return {"subscription": billing.subscription(world(request), history)}


@router.get("/usage/metrics")
def get_usage_metrics(history: History, params: Params) -> dict[str, Any]:
    return billing.usage_metrics(history, params)
