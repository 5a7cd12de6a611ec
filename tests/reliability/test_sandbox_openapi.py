"""Schemathesis against the sandbox's own OpenAPI document: no generated input gets a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.conftest import FIXED_NOW
from tui.sandbox.threaded import ThreadedSandbox

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def running() -> Iterator[ThreadedSandbox]:
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW, frozen=True) as box:
        yield box


@pytest.fixture(scope="module")
def api(running: ThreadedSandbox) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{running.base_url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_makes_the_sandbox_fail(case: schemathesis.Case, running: ThreadedSandbox) -> None:
    if case.path.startswith("/_sandbox"):
        return  # the admin endpoints are not the Cargo API
    case.headers = {**(case.headers or {}), "authorization": f"Bearer {running.token}"}
    response = case.call(base_url=running.base_url)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:500]}"
    )


def test_every_body_the_api_takes_is_declared(running: ThreadedSandbox) -> None:
    """The routes take the request models the client builds from (``tui.api.models``), so
    the document declares each body, and the fuzzer above aims at them."""
    import httpx

    doc = httpx.get(f"{running.base_url}/openapi.json").json()
    posts = {
        path: op for path, ops in doc["paths"].items() for method, op in ops.items()
        if method == "post" and not path.startswith("/_sandbox")
    }  # fmt: skip
    bodiless = {"/v1/orchestration/batches/{uuid}/cancel"}
    for path, op in posts.items():
        if path in bodiless:
            assert "requestBody" not in op, path
            continue
        declared = op["requestBody"]["content"]["application/json"]["schema"]
        ref = declared.get("$ref") or next(s["$ref"] for s in declared["anyOf"] if "$ref" in s)
        model = doc["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        assert model.get("additionalProperties") is False, f"{path}: no key the types lack"
    assert len(posts) == 16
