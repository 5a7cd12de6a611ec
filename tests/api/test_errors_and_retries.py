"""Every error class, and the retry rules: reads retry on 429/502/503/504 and network errors;
writes are never retried. Faults the sandbox cannot produce use httpx.MockTransport."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from stamina.instrumentation import RetryDetails, set_on_retry_hooks

from tests.api.mock import PLAY, Script, client_for, fail, ok
from tui.api import errors


@pytest.fixture
def retries() -> list[RetryDetails]:
    seen: list[RetryDetails] = []
    set_on_retry_hooks([seen.append])
    yield seen
    set_on_retry_hooks(None)


@pytest.mark.parametrize("status", [429, 502, 503, 504])
async def test_reads_retry_on_transient_statuses(status: int, retries: list[RetryDetails]) -> None:
    script = Script([fail(status, "busy"), ok({"plays": [PLAY]})])
    async with client_for(script) as client:
        plays = await client.orchestration.play.list()
    assert [p.name for p in plays] == ["Enrich"]
    assert len(script.requests) == 2
    assert len(retries) == 1


@pytest.mark.parametrize(
    "exc",
    [httpx.ConnectError("refused"), httpx.ReadError("reset by peer")],
    ids=["refused", "reset"],
)
async def test_reads_retry_on_network_errors(exc: Exception) -> None:
    script = Script([exc, ok({"plays": []})])
    async with client_for(script) as client:
        assert await client.orchestration.play.list() == []
    assert len(script.requests) == 2


async def test_retry_after_is_honoured(retries: list[RetryDetails]) -> None:
    script = Script([fail(429, "slow down", headers={"retry-after": "0.05"}), ok({"plays": []})])
    async with client_for(script) as client:
        await client.orchestration.play.list()
    assert [r.wait_for for r in retries] == [0.05]


async def test_a_long_retry_after_goes_to_the_user_at_once() -> None:
    script = Script([fail(429, "slow down", headers={"retry-after": "120"})])
    async with client_for(script) as client:
        with pytest.raises(errors.RateLimitedError) as caught:
            await client.orchestration.play.list()
    assert caught.value.retry_after == 120
    assert "Try again in 120 s" in str(caught.value)
    assert len(script.requests) == 1


@pytest.fixture
def no_blocking_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """``time.sleep`` (what a retry waits in when iterated without ``async``) fails the test."""

    def blocking(seconds: float) -> None:
        raise AssertionError(f"time.sleep({seconds}) held the event loop")

    monkeypatch.setattr(time, "sleep", blocking)


@pytest.mark.usefixtures("no_blocking_sleep")
async def test_a_read_waits_to_retry_without_holding_the_event_loop() -> None:
    script = Script([fail(503, "busy"), ok({"plays": []})])
    async with client_for(script) as client:
        assert await client.orchestration.play.list() == []
    assert len(script.requests) == 2


@pytest.mark.usefixtures("no_blocking_sleep")
async def test_a_download_waits_to_retry_without_holding_the_event_loop(tmp_path: Path) -> None:
    script = Script([httpx.ReadError("reset"), httpx.Response(200, content=b"done")])
    async with client_for(script) as client:
        await client.download_to("https://files.test/signed/abc", tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == b"done"


async def test_retries_are_bounded() -> None:
    script = Script([fail(503, "down")] * 4)
    async with client_for(script) as client:
        with pytest.raises(errors.ServerError, match="503"):
            await client.orchestration.play.list()
    assert len(script.requests) == 4


@pytest.mark.parametrize(
    ("answer", "error", "words"),
    [
        (fail(401, "Invalid token", "unauthorized"), errors.AuthorizationError, "Sign in again"),
        (fail(403, "No access to workspace"), errors.ForbiddenError, "may not do that"),
        (fail(400, "Bad filter", "invalidFilter"), errors.RequestError, "invalidFilter"),
        (fail(404, "", "playNotFound"), errors.RequestError, "playNotFound"),
        (fail(500, "boom"), errors.ServerError, "server error 500"),
        (httpx.Response(502, content=b""), errors.ServerError, "HTTP 502"),
        (httpx.Response(200, content=b"{not json"), errors.ResponseError, "not valid JSON"),
        (ok({"plays": [{"uuid": "p1"}]}), errors.ResponseError, "plays.0.name"),
        (ok({"nothing": []}), errors.ResponseError, "plays"),
        (httpx.ConnectError("Name or service not known"), errors.NetworkError, "could not reach"),
        (httpx.ReadTimeout("timed out"), errors.TimedOutError, "no answer in time"),
        (
            httpx.RemoteProtocolError("peer closed connection"),
            errors.NetworkError,
            "could not reach",
        ),
    ],
    ids=[
        "401",
        "403",
        "400-reason",
        "404-no-message",
        "500",
        "502-empty-body",
        "not-json",
        "missing-field",
        "wrong-shape",
        "dns",
        "timeout",
        "truncated",
    ],
)
async def test_each_failure_has_its_class_and_a_message(
    answer: httpx.Response | Exception, error: type[errors.CargoError], words: str
) -> None:
    # Enough answers for every retry; non-retryable errors stop at the first.
    script = Script([answer] * 4)
    async with client_for(script) as client:
        with pytest.raises(error) as caught:
            await client.orchestration.play.list()
    assert words in str(caught.value)
    assert "GET /orchestration/plays/list" in str(caught.value)
    assert isinstance(caught.value, errors.CargoError)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 500])
async def test_non_transient_failures_are_not_retried(status: int) -> None:
    script = Script([fail(status, "no")])
    async with client_for(script) as client:
        with pytest.raises(errors.CargoError):
            await client.orchestration.play.list()
    assert len(script.requests) == 1


async def test_writes_are_refused_on_a_read_only_client() -> None:
    script = Script([])
    async with client_for(script) as client:
        with pytest.raises(errors.ReadOnlyError, match="--allow-writes"):
            await client.orchestration.batch.cancel("b1")
        with pytest.raises(errors.ReadOnlyError):
            await client.orchestration.batch.create(
                workflow_uuid="w1", data={"kind": "segment", "segmentUuid": "s1"}
            )
        with pytest.raises(errors.ReadOnlyError):
            await client.orchestration.run.cancel(workflow_uuid="w1", uuids=["r1"])
    assert script.requests == [], "nothing may be sent by a read-only client"


@pytest.mark.parametrize(
    "answer",
    [
        fail(503, "down"),
        fail(429, "slow"),
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
    ],
    ids=["503", "429", "refused", "timeout"],
)
async def test_a_write_is_never_retried(answer: httpx.Response | Exception) -> None:
    script = Script([answer, ok({})])
    async with client_for(script, allow_writes=True) as client:
        with pytest.raises(errors.CargoError):
            await client.orchestration.batch.cancel("b1")
    assert len(script.requests) == 1


async def test_models_keep_unknown_fields_and_accept_nulls_and_new_statuses() -> None:
    batch = {
        "uuid": "b1",
        "workflowUuid": "w1",
        "status": "paused-by-a-future-api",
        "runsStatus": None,
        "runsCount": 3,
        "failedRunsCount": 1,
        "brandNewField": {"x": 1},
    }
    script = Script([ok({"batch": batch})])
    async with client_for(script) as client:
        got = await client.orchestration.batch.get("b1")
    assert got.status == "paused-by-a-future-api"
    assert not got.status.is_terminal
    assert got.runs_status is None
    assert got.model_extra == {"brandNewField": {"x": 1}}


async def test_success_batches_with_failed_runs_are_flagged() -> None:
    batch = {"uuid": "b", "workflowUuid": "w", "status": "success", "failedRunsCount": 312}
    script = Script([ok({"batch": batch})])
    async with client_for(script) as client:
        assert (await client.orchestration.batch.get("b")).succeeded_with_failures
