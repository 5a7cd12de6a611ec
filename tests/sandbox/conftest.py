"""Helpers for the sandbox's own tests: plain httpx over loopback, one client per token."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tui.sandbox.threaded import ThreadedSandbox


@pytest.fixture
def acme(sandbox: ThreadedSandbox) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=sandbox.base_url, headers={"authorization": f"Bearer {sandbox.tokens[0]}"}
    ) as client:
        yield client


@pytest.fixture
def globex(sandbox: ThreadedSandbox) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=sandbox.base_url, headers={"authorization": f"Bearer {sandbox.tokens[1]}"}
    ) as client:
        yield client


def query(client: httpx.Client, sql: str) -> httpx.Response:
    return client.post("/orchestration/query", json={"query": sql})
