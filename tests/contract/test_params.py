"""GET parameters go on the wire byte for byte as the official client encodes them: each case
of ``vendor/params.golden.json`` holds the query string ``@cargo-ai/api``'s own
``serializeParams`` built (``make vendor-schema`` ran it)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.api.mock import Script, client_for, ok
from tui.api.models.base import CargoModel
from tui.api.params import query_string

GOLDEN = json.loads((Path(__file__).parent / "vendor" / "params.golden.json").read_text())


class _Plays(CargoModel):
    plays: list[Any]


@pytest.mark.parametrize("case", GOLDEN, ids=[c["name"] for c in GOLDEN])
def test_the_official_encoder_agrees(case: dict[str, Any]) -> None:
    assert query_string(case["params"]) == case["query"]


def test_the_golden_cases_cover_what_differed() -> None:
    """The forms the project once got wrong are among the cases (a Python repr for an array
    of objects, brackets for an array inside an object)."""
    queries = " ".join(c["query"] for c in GOLDEN)
    assert "filter%5Bstatuses%5D%5B0%5D=error" in queries
    assert "sort%5B%5D%5BcolumnSlug%5D=name" in queries
    assert ":00.000Z" in queries


def test_moments_go_as_iso_with_milliseconds_and_z() -> None:
    paris = timezone(timedelta(hours=1))
    assert query_string({"at": datetime(2026, 11, 27, 16, 0, 5, 120_000, tzinfo=paris)}) == (
        "?at=2026-11-27T15:00:05.120Z"
    )


async def test_the_client_sends_the_query_string_unchanged() -> None:
    """httpx re-encodes nothing of what the encoder wrote."""
    case = next(c for c in GOLDEN if c["name"].startswith("spaces"))
    script = Script([ok({"plays": []})])
    async with client_for(script) as client:
        await client._transport.get("/orchestration/plays/list", _Plays, case["params"])
    assert script.requests[0].url.raw_path.decode().endswith(case["query"])


async def test_batches_list_builds_what_the_official_client_would() -> None:
    script = Script([ok({"batches": []})])
    async with client_for(script) as client:
        await client.orchestration.batch.list(
            workflow_uuids=["0b6e0d5e-1", "9f2c-2"], statuses=["error", "success"]
        )
    wanted = next(c for c in GOLDEN if c["name"].startswith("a top-level array"))["query"]
    assert script.requests[0].url.raw_path.decode() == "/v1/orchestration/batches/list" + wanted


def test_a_utc_moment_has_its_z() -> None:
    assert query_string({"at": datetime(2026, 1, 2, tzinfo=UTC)}) == "?at=2026-01-02T00:00:00.000Z"


@pytest.mark.parametrize("case", GOLDEN, ids=[c["name"] for c in GOLDEN])
def test_the_sandbox_reads_back_what_the_official_encoder_wrote(case: dict[str, Any]) -> None:
    """Each golden query string decodes to the object it was made from (values as text)."""
    from urllib.parse import parse_qsl

    from tui.sandbox.query_params import decode_params

    def as_text(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: as_text(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [as_text(v) for v in value if v is not None]
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    pairs = parse_qsl(case["query"].removeprefix("?"), keep_blank_values=True)
    assert decode_params(pairs) == as_text(case["params"])
