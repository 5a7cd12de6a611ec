"""The client against the sandbox over real loopback HTTP."""

from __future__ import annotations

import pytest

from tui.api import CargoClient
from tui.api.errors import AuthorizationError, RequestError
from tui.sandbox.threaded import ThreadedSandbox


async def test_whoami_and_catalog(sandbox: ThreadedSandbox) -> None:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        who = await client.whoami()
        plays = await client.orchestration.play.list()
        tools = await client.orchestration.tool.list()
        workflows = await client.orchestration.workflow.list()
    assert who.workspace.name == "Acme GTM"
    assert who.user.email == "ada.lovelace@acme.test"
    assert "Enrich new companies" in {p.name for p in plays}
    assert "Enrich a company" in {t.name for t in tools}
    owners = {w.play_uuid for w in workflows} | {w.tool_uuid for w in workflows}
    assert {p.uuid for p in plays} | {t.uuid for t in tools} <= owners


async def test_get_play_and_its_not_found_reason(sandbox: ThreadedSandbox) -> None:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        first = (await client.orchestration.play.list())[0]
        assert (await client.orchestration.play.get(first.uuid)).name == first.name
        with pytest.raises(RequestError) as caught:
            await client.orchestration.play.get("00000000-0000-4000-8000-000000000000")
    assert caught.value.status == 404
    assert caught.value.reason == "playNotFound"


async def test_filters_are_sent_as_query_parameters(sandbox: ThreadedSandbox) -> None:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        everything = await client.orchestration.play.list()
        disabled = await client.orchestration.play.list(is_enabled=False)
    assert disabled, "the demo workspace has a disabled play"
    assert all(not p.is_enabled for p in disabled)
    assert len(disabled) < len(everything)


async def test_wrong_token_is_an_authorization_error(sandbox: ThreadedSandbox) -> None:
    async with CargoClient(token="not-a-token", base_url=sandbox.base_url) as client:
        with pytest.raises(AuthorizationError) as caught:
            await client.orchestration.play.list()
    assert caught.value.status == 401
    assert "Sign in again" in str(caught.value)
    assert "not-a-token" not in str(caught.value)


async def test_each_token_sees_only_its_workspace(sandbox: ThreadedSandbox) -> None:
    acme_token, globex_token = sandbox.tokens
    async with CargoClient(token=acme_token, base_url=sandbox.base_url) as acme:
        acme_plays = {p.uuid for p in await acme.orchestration.play.list()}
    async with CargoClient(token=globex_token, base_url=sandbox.base_url) as globex:
        assert (await globex.whoami()).workspace.name == "Globex RevOps"
        globex_plays = {p.uuid for p in await globex.orchestration.play.list()}
        with pytest.raises(RequestError):
            await globex.orchestration.play.get(next(iter(acme_plays)))
    assert acme_plays and globex_plays
    assert not acme_plays & globex_plays
