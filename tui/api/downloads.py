"""Fetch a signed URL to disk: streamed, with progress, cancellable, written atomically.

The file behind a signed URL needs no auth header, and none is sent: the request goes through a
client of its own that carries no token and no workspace header.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

from tui.api import errors, tls
from tui.api.files import atomic_write
from tui.api.transport import RetryPolicy, decode

#: ``progress(bytes_done, bytes_total_or_None)``.
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class Downloaded:
    path: Path
    bytes: int


class Downloader:
    def __init__(
        self,
        *,
        retry: RetryPolicy,
        timeout: httpx.Timeout,
        http_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.retry = retry
        self._timeout = timeout
        self._transport = http_transport
        #: Opened on the first download (start-up needs no second connection).
        self._client: httpx.AsyncClient | None = None

    @property
    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=self._timeout,
                transport=self._transport,
                follow_redirects=True,
                verify=tls.verified(),
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def fetch(
        self, url: str, dest: Path, *, progress: Progress | None = None, overwrite: bool = False
    ) -> Downloaded:
        """Stream ``url`` into ``dest``; on any failure or cancel, ``dest`` is left as it was."""
        dest = Path(os.path.expanduser(dest))  # noqa: ASYNC240 - reads no disk
        with atomic_write(dest, overwrite=overwrite) as fh:
            async for attempt in self.retry.tries():
                with attempt:
                    fh.seek(0)
                    fh.truncate()
                    size = await self._stream(url, fh, progress)
        return Downloaded(dest, size)

    async def _stream(self, url: str, fh: IO[bytes], progress: Progress | None) -> int:
        endpoint = "GET (signed download URL)"
        done = 0
        try:
            async with self._http.stream("GET", url) as response:
                if response.status_code >= 400:
                    await response.aread()
                    if response.status_code == 403:
                        raise errors.ExpiredLinkError(
                            "the download link has expired or is not valid",
                            endpoint=endpoint,
                            status=403,
                        )
                    decode(response, endpoint)
                length = response.headers.get("content-length")
                total = int(length) if length and length.isdigit() else None
                async for chunk in response.aiter_bytes(1 << 16):
                    fh.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
                if total is not None and done < total:
                    raise errors.NetworkError(
                        f"the download stopped at {done:,} of {total:,} bytes", endpoint=endpoint
                    )
        except httpx.TimeoutException:
            raise errors.TimedOutError("the download timed out", endpoint=endpoint) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise errors.NetworkError(
                f"the download was interrupted ({type(exc).__name__})", endpoint=endpoint
            ) from None
        return done
