"""What the rule tests share: a model, a one-condition filter, and finding a problem."""

from __future__ import annotations

import json
from typing import Any

from tui.api.filters import Code, ModelSchema, Problem, apply_fix, validate_filter

MODEL = ModelSchema(
    {
        "industry": "string",
        "employees": "number",
        "created_at": "date",
        "is_customer": "boolean",
        "address": "object",
        "tags": "array",
        "embedding": "vector",
        "raw": "any",
    },
    labels={"industry": "Industry", "employees": "Employee count"},
)
C0 = ("groups", 0, "conditions", 0)


def one(condition: dict[str, Any]) -> dict[str, Any]:
    return {"conjonction": "and", "groups": [{"conjonction": "and", "conditions": [condition]}]}


def check(data: Any, schema: ModelSchema | None = MODEL) -> list[Problem]:
    return validate_filter(data, schema)


def only(problems: list[Problem], code: Code) -> Problem:
    found = [p for p in problems if p.code is code]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


def fixed(data: Any, problem: Problem, schema: ModelSchema | None = MODEL) -> list[Problem]:
    """The problems left once ``problem``'s fix is applied to ``data`` written as text."""
    assert problem.fix is not None
    return validate_filter(apply_fix(json.dumps(data, indent=2), problem.fix), schema)
