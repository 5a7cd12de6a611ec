"""The vendor's types as JSON Schema (``vendor/cargo-ai.schema.json``, made by
``make vendor-schema``), and validators over it: lenient (what the types allow, unknown keys
too, as a newer API may add them) and strict (no key the types do not declare)."""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

import jsonschema_rs

SCHEMA_PATH = Path(__file__).parent / "vendor" / "cargo-ai.schema.json"


@functools.cache
def document() -> dict[str, Any]:
    found: dict[str, Any] = json.loads(SCHEMA_PATH.read_text())
    return found


def versions() -> dict[str, str]:
    return dict(document()["x-versions"])


def answers() -> list[str]:
    return list(document()["x-answers"])


def requests() -> list[str]:
    return list(document()["x-requests"])


def _closed(node: Any) -> Any:
    """Every object that lists its properties admits no other key."""
    if isinstance(node, dict):
        out = {key: _closed(value) for key, value in node.items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


@functools.cache
def definitions(strict: bool) -> dict[str, Any]:
    found = copy.deepcopy(document()["definitions"])
    return _closed(found) if strict else found


def schema_of(name: str, *, strict: bool = False) -> dict[str, Any]:
    """A standalone schema of one definition (its references resolve within it)."""
    if name not in document()["definitions"]:
        raise KeyError(f"{name} is not in {SCHEMA_PATH.name}: run make vendor-schema")
    return {"$ref": f"#/definitions/{name}", "definitions": definitions(strict)}


@functools.cache
def validator(name: str, strict: bool = False) -> jsonschema_rs.Draft7Validator:
    return jsonschema_rs.Draft7Validator(schema_of(name, strict=strict), validate_formats=True)


def _leaves(error: jsonschema_rs.ValidationError) -> list[jsonschema_rs.ValidationError]:
    """The errors that say what is wrong: under an ``anyOf`` (a union: a node's kinds, an
    execution's), those of the branch the instance meant, the one whose discriminator
    (a ``const``) matched, and of those the closest."""
    kind = error.kind
    if not isinstance(kind, jsonschema_rs.ValidationErrorKind.AnyOf) or not kind.context:
        return [error]

    def distance(branch: list[jsonschema_rs.ValidationError]) -> tuple[int, int]:
        mismatched = any(
            isinstance(e.kind, jsonschema_rs.ValidationErrorKind.Constant) for e in branch
        )
        return (int(mismatched), len(branch))

    closest = min(kind.context, key=distance)
    return [leaf for branch_error in closest for leaf in _leaves(branch_error)]


def problems(name: str, instance: Any, *, strict: bool = False, most: int = 8) -> list[str]:
    """What in ``instance`` the type ``name`` does not allow, each with where it is."""
    found = []
    for error in validator(name, strict).iter_errors(instance):
        for leaf in _leaves(error):
            where = "/".join(str(p) for p in leaf.instance_path) or "(top)"
            found.append(f"{where}: {leaf.message[:300]}")
        if len(found) >= most:
            break
    return found[:most]
