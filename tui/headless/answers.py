"""An API answer as a table for people (``--format table``): a list as rows of its plain
fields, one object as field / value lines, a count as itself."""

from __future__ import annotations

from typing import Any

from tui.headless.output import render

#: Widest cell of a table (longer text ends with …).
CELL = 48
#: Fields the same on every row of a workspace, or rarely read: left to the JSON.
LEFT_OUT = frozenset({"workspaceUuid", "userUuid", "deletedAt", "description", "folderUuid"})


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _cell(value: Any) -> Any:
    if isinstance(value, str) and len(value) > CELL:
        return value[: CELL - 1] + "…"
    return value


def table(answer: dict[str, Any]) -> str:
    if len(answer) != 1:
        return render(["field", "value"], [[k, _cell(v)] for k, v in answer.items()], "table")
    ((key, value),) = answer.items()
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        columns: dict[str, None] = {}
        for item in value:
            columns.update(
                dict.fromkeys(
                    k for k, v in item.items() if _plain(v) and v is not None and k not in LEFT_OUT
                )
            )
        rows = [[_cell(item.get(c)) for c in columns] for item in value]
        return render(list(columns), rows, "table") + f"({len(value):,} {key})\n"
    if isinstance(value, dict):
        rows = [[k, _cell(v if _plain(v) else f"({len(v)} items)")] for k, v in value.items()]
        return render(["field", "value"], rows, "table")
    return render([key], [[value]], "table")
