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


def _merged(parts: list[Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    """An intersection of objects (``allOf``, which typescript-json-schema writes for some
    ``A & B``) as one object, so that closing it does not close each part against the
    other; ``None`` when a part is not a plain object."""
    merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
    for part in parts:
        while isinstance(part, dict) and set(part) == {"$ref"}:
            part = defs[part["$ref"].removeprefix("#/definitions/")]
        if not isinstance(part, dict) or set(part) - {"type", "properties", "required"}:
            return None
        for key, value in part.get("properties", {}).items():
            known = merged["properties"].get(key)
            merged["properties"][key] = value if known is None else {"allOf": [known, value]}
        merged["required"] += [k for k in part.get("required", []) if k not in merged["required"]]
    return merged


def _uuid_shaped(name: str, value: Any) -> Any:
    """A ``uuid`` or ``...Uuid`` string is a uuid on every server: generated as one."""
    if name != "uuid" and not name.endswith("Uuid"):
        return value
    if value == {"type": "string"}:
        return {"type": "string", "format": "uuid"}
    if value == {"type": ["null", "string"]}:
        return {"anyOf": [{"type": "null"}, {"type": "string", "format": "uuid"}]}
    return value


def _closed(node: Any, defs: dict[str, Any], most_items: int | None = None) -> Any:
    """Every object that lists its properties admits no other key (and, for generating
    documents, every list holds at most ``most_items``)."""
    if isinstance(node, dict):
        if "allOf" in node and set(node) == {"allOf"}:
            merged = _merged(node["allOf"], defs)
            node = merged if merged is not None else node
        out = {key: _closed(value, defs, most_items) for key, value in node.items()}
        if most_items is not None and isinstance(out.get("properties"), dict):
            out["properties"] = {k: _uuid_shaped(k, v) for k, v in out["properties"].items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        if most_items is not None and out.get("type") == "array" and "maxItems" not in out:
            out["maxItems"] = most_items
        return out
    if isinstance(node, list):
        return [_closed(item, defs, most_items) for item in node]
    return node


@functools.cache
def definitions(strict: bool, most_items: int | None = None) -> dict[str, Any]:
    found = copy.deepcopy(document()["definitions"])
    return _closed(found, found, most_items) if strict else found


def schema_of(name: str, *, strict: bool = False, most_items: int | None = None) -> dict[str, Any]:
    """A standalone schema of one definition (its references resolve within it)."""
    if name not in document()["definitions"]:
        raise KeyError(f"{name} is not in {SCHEMA_PATH.name}: run make vendor-schema")
    return {"$ref": f"#/definitions/{name}", "definitions": definitions(strict, most_items)}


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
