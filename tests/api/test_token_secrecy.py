"""The token never shows up in logs, reprs, error messages or tracebacks."""

from __future__ import annotations

import io
import logging
import pickle
import traceback

import httpx
import pytest
from rich.console import Console
from rich.traceback import Traceback

from tests.api.mock import TOKEN, Script, client_for, fail, ok
from tui.api import CargoClient, Secret, errors
from tui.sandbox.threaded import ThreadedSandbox


def _everything_said(exc: BaseException) -> str:
    plain = "".join(traceback.TracebackException.from_exception(exc, capture_locals=True).format())
    console = Console(file=io.StringIO(), width=200, record=True)
    console.print(Traceback.from_exception(type(exc), exc, exc.__traceback__, show_locals=True))
    details = getattr(exc, "detail", "")
    return "\n".join([str(exc), repr(exc), details, plain, console.export_text()])


async def test_nothing_the_client_says_contains_the_token(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    script = Script(
        [
            fail(503, "down"),  # a retry, logged by stamina
            ok({"plays": []}),
            fail(401, "bad token"),
            fail(400, f"your token {TOKEN} lacks a scope"),  # a server echoing it back
            httpx.Response(200, content=b"{broken"),
        ]
        + [httpx.ConnectError(f"connect failed while sending Bearer {TOKEN}")] * 4
    )
    said: list[str] = []
    async with client_for(script) as client:
        said += [
            repr(client),
            str(client),
            repr(client._transport),
            repr(client._transport.http.auth),
        ]
        await client.orchestration.play.list()
        for _ in range(4):
            with pytest.raises(errors.CargoError) as caught:
                await client.orchestration.play.list()
            said.append(_everything_said(caught.value))
    said.append(caplog.text)
    assert script.requests, "the scenario must have sent requests"
    for text in said:
        assert TOKEN not in text


def test_a_secret_masks_itself_and_refuses_pickling() -> None:
    secret = Secret(TOKEN)
    assert TOKEN not in repr(secret) and TOKEN not in str(secret) and TOKEN not in f"{secret}"
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    assert secret.reveal() == TOKEN


async def test_against_the_sandbox_too(
    sandbox: ThreadedSandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        await client.whoami()
        with pytest.raises(errors.RequestError) as caught:
            await client.orchestration.play.get("missing")
        text = _everything_said(caught.value)
    assert sandbox.token not in text
    assert sandbox.token not in caplog.text
