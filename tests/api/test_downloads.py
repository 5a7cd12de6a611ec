"""Signed-URL downloads: streamed, no auth header, progress, atomic, cancellable."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.api.mock import Script, client_for
from tui.api import errors

URL = "https://files.test/signed/abc?signature=xyz"


async def test_streams_to_disk_without_the_token(tmp_path: Path) -> None:
    body = b"id,title\n" + b"".join(b"%d,Company %d\n" % (i, i) for i in range(5000))
    script = Script([httpx.Response(200, content=body)])
    seen: list[tuple[int, int | None]] = []
    async with client_for(script) as client:
        done = await client.download_to(
            URL, tmp_path / "runs.csv", progress=lambda *a: seen.append(a)
        )
    assert (tmp_path / "runs.csv").read_bytes() == body
    assert done.bytes == len(body)
    request = script.requests[0]
    assert "authorization" not in request.headers
    assert "selected-workspace-uuid" not in request.headers
    assert str(request.url) == URL
    assert seen[-1] == (len(body), len(body))


async def test_an_expired_link_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    script = Script([httpx.Response(403, json={"errorMessage": "expired"})])
    async with client_for(script) as client:
        with pytest.raises(errors.ExpiredLinkError, match="expired") as raised:
            await client.download_to(URL, tmp_path / "out.csv")
    assert not isinstance(raised.value, errors.AuthorizationError), "the token is not at fault"
    assert list(tmp_path.iterdir()) == []


async def test_a_download_cut_short_is_retried_from_the_start(tmp_path: Path) -> None:
    body = b"x" * 100_000
    cut = httpx.Response(200, headers={"content-length": str(len(body))}, content=body[:1000])
    script = Script([cut, httpx.Response(200, content=body)])
    async with client_for(script) as client:
        await client.download_to(URL, tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == body
    assert len(script.requests) == 2


async def test_a_download_that_keeps_failing_leaves_nothing(tmp_path: Path) -> None:
    script = Script([httpx.ReadError("reset")] * 4)
    async with client_for(script) as client:
        with pytest.raises(errors.NetworkError, match="interrupted"):
            await client.download_to(URL, tmp_path / "out.bin")
    assert list(tmp_path.iterdir()) == []


async def test_cancel_midway_leaves_nothing(tmp_path: Path) -> None:
    started = asyncio.Event()

    async def endless() -> AsyncIterator[bytes]:
        while True:
            started.set()
            yield b"y" * 4096
            await asyncio.sleep(0.001)

    async def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=endless())

    client = client_for(Script([answer]))
    async with client:
        task = asyncio.create_task(client.download_to(URL, tmp_path / "out.bin"))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert list(tmp_path.iterdir()) == []


async def test_an_existing_file_is_kept_unless_told(tmp_path: Path) -> None:
    dest = tmp_path / "out.csv"
    dest.write_text("mine")
    script = Script([httpx.Response(200, content=b"theirs")])
    async with client_for(script) as client:
        with pytest.raises(Exception, match="already exists"):
            await client.download_to(URL, dest)
    assert dest.read_text() == "mine"
    assert script.requests == []
