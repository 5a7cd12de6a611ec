"""The client reads every answer the vendor's types allow.

For each answer of ``vendor/cargo-ai.schema.json``: Hypothesis generates documents from the
schema (string and null versions, a branch's null child, node trees, every enum value, optional
fields absent, unknown keys) and the client's reader of that endpoint takes each one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from pydantic import BaseModel

from tests.contract import schema
from tests.contract.strategies import CONTRACT, documents
from tui.api.errors import CargoError
from tui.api.models.answers import BY_NAME
from tui.api.resources.runs import query_result
from tui.api.transport import answer_as, error_for


def _read_error(body: Any) -> CargoError:
    return error_for(400, body, "POST /x", None)


#: How the client reads each answer of the schema.
READERS: dict[str, Callable[[Any], object]] = {
    **{
        name: (lambda doc, m=model, n=name: answer_as(m, n, doc)) for name, model in BY_NAME.items()
    },
    "ExecuteQuery": query_result,
    "ErrorBody": _read_error,
}


def test_every_answer_of_the_types_has_a_reader() -> None:
    assert sorted(READERS) == sorted(schema.answers())


def _untyped(value: Any, path: str = "") -> list[str]:
    """Keys a model kept without a field for them (``model_extra``), anywhere in ``value``."""
    found: list[str] = []
    if isinstance(value, BaseModel):
        found += [f"{path}.{key}".lstrip(".") for key in value.model_extra or {}]
        for name in type(value).model_fields:
            found += _untyped(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list):
        for item in value:
            found += _untyped(item, f"{path}[]")
    return found


@pytest.mark.parametrize("name", schema.answers())
def test_the_client_reads_every_document_the_types_allow(name: str) -> None:
    """Each document parses, and nothing the vendor declares is left untyped (kept aside
    in ``model_extra``, where no screen would find it)."""
    read = READERS[name]
    untyped: set[str] = set()

    @CONTRACT
    @given(documents(name))
    def reads(document: Any) -> None:
        untyped.update(_untyped(read(document)))

    reads()
    assert not untyped, f"{name}: untyped {sorted(untyped)}"


def test_unknown_keys_are_kept_not_refused() -> None:
    """A newer API may add fields: they are kept, and nothing fails."""
    release = {
        "uuid": "r1",
        "workflowUuid": "w1",
        "version": "7",
        "status": "deployed",
        "nodes": [],
        "brandNew": {"x": 1},
    }
    read = READERS["GetRelease"]({"release": release, "alsoNew": True})
    assert isinstance(read, BaseModel)
    assert read.model_extra == {"alsoNew": True}
