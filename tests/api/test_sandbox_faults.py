"""The client's retry rules against the sandbox's own fault injection, over loopback HTTP.

Reads retry on 429 (honouring Retry-After), 502, 503, 504 and dropped connections; a 500, a
malformed answer and a timeout go to the caller at once. Each fault rule counts the requests it
answered, so the server side says how many requests arrived. (Writes: ``test_write_methods``.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from stamina.instrumentation import RetryDetails, set_on_retry_hooks

from tests.api.mock import FAST
from tui.api import CargoClient
from tui.api.errors import NetworkError, ResponseError, ServerError, TimedOutError
from tui.sandbox.threaded import ThreadedSandbox

PLAYS = "/orchestration/plays/list$"


@pytest.fixture
def retries() -> Iterator[list[RetryDetails]]:
    seen: list[RetryDetails] = []
    set_on_retry_hooks([seen.append])
    yield seen
    set_on_retry_hooks(None)


@pytest.fixture
async def client(faults: ThreadedSandbox) -> AsyncIterator[CargoClient]:
    async with CargoClient(token=faults.token, base_url=faults.base_url, retry=FAST) as client:
        yield client


def unused(sandbox: ThreadedSandbox) -> list[Any]:
    """What is left of each rule's count: how many of its requests never arrived."""
    return [rule["count"] for rule in sandbox.faults.describe()]


async def test_a_429_is_retried_after_the_servers_retry_after(
    faults: ThreadedSandbox, client: CargoClient, retries: list[RetryDetails]
) -> None:
    faults.faults.set({"kind": "status", "status": 429, "retry_after": 0.2, "path": PLAYS,
                       "count": 1})  # fmt: skip
    plays = await client.orchestration.play.list()
    assert len(plays) == 5
    assert [r.wait_for for r in retries] == [0.2]
    assert unused(faults) == [], "the one 429 was answered, then the retry went through"


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_gateway_and_unavailable_statuses_are_retried(
    faults: ThreadedSandbox, client: CargoClient, retries: list[RetryDetails], status: int
) -> None:
    faults.faults.set({"kind": "status", "status": status, "path": PLAYS, "count": 2})
    assert len(await client.orchestration.play.list()) == 5
    assert len(retries) == 2
    assert unused(faults) == []


async def test_a_500_is_not_retried(
    faults: ThreadedSandbox, client: CargoClient, retries: list[RetryDetails]
) -> None:
    faults.faults.set({"kind": "status", "status": 500, "path": PLAYS, "count": 3})
    with pytest.raises(ServerError) as caught:
        await client.orchestration.play.list()
    assert caught.value.status == 500
    assert caught.value.reason == "internalError"
    assert retries == []
    assert unused(faults) == [2], "exactly one request reached the server"


async def test_dropped_connections_are_retried_then_a_network_error(
    faults: ThreadedSandbox, client: CargoClient
) -> None:
    faults.faults.set({"kind": "drop", "path": PLAYS, "count": 10})
    with pytest.raises(NetworkError) as caught:
        await client.orchestration.play.list()
    assert "Check the network" in str(caught.value)
    assert unused(faults) == [10 - FAST.attempts], "one request per attempt"
    faults.faults.set({"kind": "drop", "path": PLAYS, "count": 1})
    assert len(await client.orchestration.play.list()) == 5, "one drop is retried away"


async def test_a_truncated_answer_is_a_network_error_and_retried(
    faults: ThreadedSandbox, client: CargoClient
) -> None:
    faults.faults.set({"kind": "truncate", "path": PLAYS, "count": 10})
    with pytest.raises(NetworkError):
        await client.orchestration.play.list()
    assert unused(faults) == [10 - FAST.attempts]
    faults.faults.set({"kind": "truncate", "path": PLAYS, "count": 1})
    assert len(await client.orchestration.play.list()) == 5


async def test_a_malformed_answer_is_a_response_error_not_retried(
    faults: ThreadedSandbox, client: CargoClient
) -> None:
    faults.faults.set({"kind": "malformed", "path": PLAYS, "count": 3})
    with pytest.raises(ResponseError) as caught:
        await client.orchestration.play.list()
    assert "not valid JSON" in str(caught.value)
    assert caught.value.status == 200
    assert unused(faults) == [2]


async def test_latency_beyond_the_clients_timeout_is_a_timeout_error(
    faults: ThreadedSandbox,
) -> None:
    faults.faults.set({"kind": "latency", "latency_ms": 2000, "path": PLAYS, "count": 1})
    async with CargoClient(
        token=faults.token, base_url=faults.base_url, retry=FAST, timeout=0.3
    ) as slow:
        with pytest.raises(TimedOutError) as caught:
            await slow.orchestration.play.list()
        assert "The server is slow" in str(caught.value)
        assert unused(faults) == []
        # The rule is used up: the same client answers at once again.
        assert len(await slow.orchestration.play.list()) == 5


async def test_faults_on_one_path_leave_the_others_alone(
    faults: ThreadedSandbox, client: CargoClient
) -> None:
    faults.faults.set({"kind": "status", "status": 500, "path": PLAYS})
    assert await client.orchestration.tool.list()
    with pytest.raises(ServerError):
        await client.orchestration.play.list()
