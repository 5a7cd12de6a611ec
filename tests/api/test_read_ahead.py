"""Reads sent ahead (``Transport.read_ahead``): opening a workspace sends whoami's and
Discovery's GETs as soon as the connection exists, while the client's models load. Each is
then taken by the call that asks for it: sent once, the same answer, the same error."""

from __future__ import annotations

import pytest

from tui.api.defaults import USER_PATH, WORKSPACE_PATH
from tui.api.errors import AuthorizationError
from tui.api.secret import Secret
from tui.connection import Connection
from tui.sandbox.threaded import ThreadedSandbox
from tui.session.discovery import LIST_PATHS, Discovery, Kind, discover

FIRST = (USER_PATH, WORKSPACE_PATH, *LIST_PATHS)


def _connection(sandbox: ThreadedSandbox, token: str | None = None) -> Connection:
    return Connection(token=Secret(token or sandbox.token), base_url=sandbox.base_url)


def _names(found: Discovery) -> dict[Kind, list[str]]:
    return {kind: sorted(item.uuid for item in items) for kind, items in found.lists.items()}


async def test_opening_sends_each_first_read_once_and_discovery_takes_them_all(
    sandbox: ThreadedSandbox,
) -> None:
    plain = await _connection(sandbox).client()
    try:
        await plain.whoami()
        expected = await discover(plain)
        sent_by_discovery = [e.path for e in plain.request_log.entries()]
    finally:
        await plain.aclose()
    assert set(sent_by_discovery) == set(FIRST), "LIST_PATHS is what discover asks"

    client = await _connection(sandbox).client(FIRST)
    try:
        who = await client.whoami()
        found = await discover(client)
        paths = [e.path for e in client.request_log.entries()]
        assert sorted(paths) == sorted(FIRST), "each sent once: ahead, then taken"
        assert client._transport._ahead == {}, "every read sent ahead was taken"
    finally:
        await client.aclose()
    assert who.workspace.uuid
    assert _names(found) == _names(expected)


async def test_a_read_sent_ahead_fails_for_its_taker_as_it_would_have(
    sandbox: ThreadedSandbox,
) -> None:
    client = await _connection(sandbox, token="not-the-token").client(FIRST)
    try:
        with pytest.raises(AuthorizationError) as failed:
            await client.whoami()
        assert failed.value.status == 401
        assert [e.path for e in client.request_log.entries()].count(USER_PATH) == 1
    finally:
        await client.aclose()


async def test_reads_never_taken_end_with_the_client(sandbox: ThreadedSandbox) -> None:
    client = await _connection(sandbox).client(FIRST)
    ahead = list(client._transport._ahead.values())
    await client.aclose()
    assert all(read.done() for read in ahead), "closing ends what was never taken"
    assert client._transport._ahead == {}
