"""Discovery's concurrency: every resource list at once against one list, on a slow network.

The sandbox adds 100 ms to every request (its own fault injection), as a distant API would.
Discovery asks for seven lists with ``asyncio.gather`` (``discover()``); done one after the
other they would take seven round trips, concurrently about one.
"""

from __future__ import annotations

import asyncio
import time

import httpx

from benchmarks.report import Figure, median
from benchmarks.services import sandbox

RUNS = 7
LATENCY_MS = 100
ADMIN = "bench-admin-token"


async def _samples(base_url: str) -> dict[str, list[float]]:
    from benchmarks.services import TOKEN
    from tui.api import CargoClient
    from tui.session.discovery import discover

    async with CargoClient(token=TOKEN, base_url=base_url) as client:

        async def one() -> None:
            await client.orchestration.play.list()

        async def every() -> None:
            found = await discover(client)
            if found.errors:
                raise RuntimeError(f"discovery failed: {found.errors}")

        await every()  # warm: the history, and one connection per concurrent call
        samples: dict[str, list[float]] = {"one": [], "all": []}
        for _ in range(RUNS):
            for name, call in (("one", one), ("all", every)):
                started = time.perf_counter()
                await call()
                samples[name].append((time.perf_counter() - started) * 1000)
        return samples


def discovery_figure() -> Figure:
    with sandbox("demo", {"CARGO_SANDBOX_ADMIN_TOKEN": ADMIN}) as box:
        root = box.base_url.removesuffix("/v1")
        rule = {"kind": "latency", "latency_ms": LATENCY_MS}
        answer = httpx.post(
            f"{root}/_sandbox/faults", json=rule, headers={"authorization": f"Bearer {ADMIN}"}
        )
        answer.raise_for_status()
        samples = asyncio.run(_samples(box.base_url))
    return Figure(
        "discovery, 7 lists concurrently",
        f"discover() (plays, tools, workflows, agents, connectors, models, segments) with "
        f"{LATENCY_MS} ms added to every request, median of {RUNS}",
        median(samples["all"]),
        median(samples["one"]),
        "one list",
        target=("ratio", "<=", 2.5),
        samples=samples,
    )
