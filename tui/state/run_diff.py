"""Two runs of a workflow compared node by node: where they part, and what changed there.

``compare(run, baseline)`` lines the two runs' nodes up in the order they ran, and says for
each what differs: whether each side reached it, its status, and the shape or values of its
output (``runContext``); the first node that differs so is where the runs diverge. Each node
also carries a JSON diff of its output and of its computed config (``runComputedConfigs``),
as paths in the jq style with the baseline's value -> the run's. The screen (run diff) and
``cargo-tui run diff`` both read this, so they say the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from tui.api.models.runs import Execution, Run, RunDetail


class Picked(StrEnum):
    """Why the baseline is the run it is (see ``tui.state.run_baseline``)."""

    RECORD = "record"
    RELEASE = "release"
    NEAREST = "nearest"
    NAMED = "named"

    @property
    def says(self) -> str:
        return {
            Picked.RECORD: "the same record's last success",
            Picked.RELEASE: "the success on the same release nearest in time",
            Picked.NEAREST: "the success nearest in time",
            Picked.NAMED: "the run you named",
        }[self]


class Difference(StrEnum):
    """What differs at a node, the strongest first; the first four are a divergence."""

    REACHED = "reached"  # one run ran the node, the other did not
    STATUS = "status"
    SHAPE = "shape"  # the output's keys or types
    VALUES = "values"
    CONFIG = "config"  # the output is the same, the computed config is not
    NONE = ""


DIVERGENCES = (Difference.REACHED, Difference.STATUS, Difference.SHAPE, Difference.VALUES)


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"  # another value of the same JSON type
    TYPE = "type"  # a value of another JSON type


@dataclass(frozen=True)
class JsonChange:
    """One path where two JSON values differ: ``old`` is the baseline's, ``new`` the run's
    (None where the path has no value on that side: see ``change``)."""

    path: str
    change: Change
    old: Any = None
    new: Any = None

    def says(self, width: int = 60) -> str:
        """The change in one line: ``.a.b: 1 -> 2``, ``+ .c: "x"``, ``- .d: true``."""
        if self.change is Change.ADDED:
            return f"+ {self.path}: {brief(self.new, width)}"
        if self.change is Change.REMOVED:
            return f"- {self.path}: {brief(self.old, width)}"
        new = brief(self.new, width // 2)
        room = width - len(self.path) - len(new) - 6
        return f"{self.path}: {brief(self.old, max(room, width // 4))} -> {new}"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "change": self.change.value}
        if self.change is not Change.ADDED:
            out["old"] = self.old
        if self.change is not Change.REMOVED:
            out["new"] = self.new
        return out


def brief(value: Any, width: int = 60) -> str:
    """A value as compact JSON, cut to ``width`` characters."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "), default=str)
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | tuple):
        return "array"
    return "string"


def _key_path(path: str, key: str) -> str:
    plain = key.isidentifier()
    return f"{path}.{key}" if plain else f"{path or '.'}[{json.dumps(key, ensure_ascii=False)}]"


def diff_json(old: Any, new: Any, path: str = "") -> list[JsonChange]:
    """Where ``new`` differs from ``old``: objects key by key, arrays item by item."""
    kind = _json_type(old)
    if kind != _json_type(new):
        return [JsonChange(path or ".", Change.TYPE, old, new)]
    if kind == "object":
        changes: list[JsonChange] = []
        for key in dict.fromkeys([*old, *new]):
            where = _key_path(path, str(key))
            if key not in new:
                changes.append(JsonChange(where, Change.REMOVED, old=old[key]))
            elif key not in old:
                changes.append(JsonChange(where, Change.ADDED, new=new[key]))
            else:
                changes += diff_json(old[key], new[key], where)
        return changes
    if kind == "array":
        changes = []
        for index in range(max(len(old), len(new))):
            where = f"{path or '.'}[{index}]"
            if index >= len(new):
                changes.append(JsonChange(where, Change.REMOVED, old=old[index]))
            elif index >= len(old):
                changes.append(JsonChange(where, Change.ADDED, new=new[index]))
            else:
                changes += diff_json(old[index], new[index], where)
        return changes
    return [] if old == new else [JsonChange(path or ".", Change.CHANGED, old, new)]


def execution_seconds(execution: Execution) -> float | None:
    end = execution.finished_at or execution.updated_at
    if execution.started_at and end:
        return max(0.0, (end - execution.started_at).total_seconds())
    return None


@dataclass(frozen=True)
class Side:
    """One run's execution of a node (``status`` None: the run never reached it)."""

    status: str | None = None
    seconds: float | None = None
    credits: float = 0
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "seconds": self.seconds,
            "providerCredits": self.credits,  # the execution's own: not the 0.01 it bills
            "error": self.error,
        }


@dataclass(frozen=True)
class NodeDiff:
    slug: str
    kind: str | None
    run: Side
    baseline: Side
    difference: Difference
    output: tuple[JsonChange, ...]
    config: tuple[JsonChange, ...]

    @property
    def differs(self) -> bool:
        return self.difference is not Difference.NONE

    @property
    def diverges(self) -> bool:
        return self.difference in DIVERGENCES

    def to_json(self) -> dict[str, Any]:
        return {
            "node": self.slug,
            "kind": self.kind,
            "difference": self.difference.value or None,
            "run": self.run.to_json(),
            "baseline": self.baseline.to_json(),
            "output": [c.to_json() for c in self.output],
            "config": [c.to_json() for c in self.config],
        }


@dataclass(frozen=True)
class RunSide:
    """What the diff says of a run as a whole."""

    uuid: str
    status: str
    record: str | None
    release_uuid: str | None
    created_at: datetime | None

    @classmethod
    def of(cls, run: Run) -> RunSide:
        return cls(
            run.uuid,
            str(run.status),
            run.record_title or run.record_id,
            run.release_uuid,
            run.created_at,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "status": self.status,
            "record": self.record,
            "releaseUuid": self.release_uuid,
            "createdAt": self.created_at.isoformat() if self.created_at else None,
        }


@dataclass(frozen=True)
class RunDiff:
    run: RunSide
    baseline: RunSide
    picked: Picked
    nodes: tuple[NodeDiff, ...]

    @property
    def first(self) -> NodeDiff | None:
        """The first node where the runs diverge (None: they ran alike)."""
        return next((node for node in self.nodes if node.diverges), None)

    @property
    def headline(self) -> str:
        first = self.first
        if first is not None:
            return f"first difference at {first.slug}"
        if any(node.differs for node in self.nodes):
            return "no difference in status or output (only in computed config)"
        return "no difference"

    def to_json(self) -> dict[str, Any]:
        first = self.first
        return {
            "run": self.run.to_json(),
            "baseline": self.baseline.to_json(),
            "picked": self.picked.value,
            "pickedBecause": self.picked.says,
            "firstDifference": first.slug if first else None,
            "nodes": [node.to_json() for node in self.nodes],
        }


def _last_executions(run: Run) -> dict[str, Execution]:
    """Each node's last execution, in the order the run started them."""
    ordered = sorted(run.executions, key=lambda e: (e.started_at is None, e.started_at))
    found: dict[str, Execution] = {}
    for execution in ordered:
        slug = execution.node_slug or execution.node_uuid
        found.pop(slug, None)  # a node run again counts where it last ran
        found[slug] = execution
    return found


def node_order(first: Iterable[str], second: Iterable[str]) -> list[str]:
    """Both runs' nodes in one order: ``first``'s, each node only ``second`` ran placed after
    the node it followed there."""
    order = list(dict.fromkeys(first))
    after: str | None = None
    for slug in second:
        if slug not in order:
            order.insert(order.index(after) + 1 if after is not None else 0, slug)
        after = slug
    return order


def _side(execution: Execution | None) -> Side:
    if execution is None:
        return Side()
    status = str(execution.status)
    seconds = execution_seconds(execution)
    return Side(status, seconds, execution.credits_used_count, execution.error_message)


def _difference(
    run: Side, baseline: Side, output: list[JsonChange], config: list[JsonChange]
) -> Difference:
    if (run.status is None) != (baseline.status is None):
        return Difference.REACHED
    if run.status != baseline.status:
        return Difference.STATUS
    if any(c.change is not Change.CHANGED for c in output):
        return Difference.SHAPE
    if output:
        return Difference.VALUES
    return Difference.CONFIG if config else Difference.NONE


def compare(run: RunDetail, baseline: RunDetail, picked: Picked = Picked.NAMED) -> RunDiff:
    """``run`` against ``baseline``, node by node (changes read baseline -> run)."""
    ours, theirs = _last_executions(run.run), _last_executions(baseline.run)
    nodes = []
    for slug in node_order(ours, theirs):
        mine, other = ours.get(slug), theirs.get(slug)
        output = diff_json(baseline.run_context.get(slug), run.run_context.get(slug))
        config = diff_json(
            baseline.run_computed_configs.get(slug), run.run_computed_configs.get(slug)
        )
        side, base = _side(mine), _side(other)
        ran = mine or other
        kind = ran.node_kind if ran is not None else None
        nodes.append(
            NodeDiff(
                slug=slug,
                kind=str(kind) if kind is not None else None,
                run=side,
                baseline=base,
                difference=_difference(side, base, output, config),
                output=tuple(output),
                config=tuple(config),
            )
        )
    return RunDiff(RunSide.of(run.run), RunSide.of(baseline.run), picked, tuple(nodes))


# -- the comparison as rows: the screen's table and ``run diff --format table`` alike --------

#: The per-node table's columns (the first: a mark on each node that differs).
COLUMNS = ("", "node", "run", "baseline", "took", "credits", "differs")
#: The mark of a node that differs, and of the first where the runs diverge.
MARK, FIRST_MARK = "≠", "▶"


def took(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest:02d}s"


def _both(run: str, baseline: str) -> str:
    return run if run == baseline else f"{run} / {baseline}"


def node_rows(diff: RunDiff) -> list[tuple[str, ...]]:
    """One row a node, in :data:`COLUMNS`: a pair of values reads ``run / baseline``."""
    first = diff.first
    rows: list[tuple[str, ...]] = []
    for node in diff.nodes:
        mark = FIRST_MARK if node is first else MARK if node.differs else ""
        run, base = node.run, node.baseline
        rows.append(
            (
                mark,
                node.slug,
                run.status or "–",
                base.status or "–",
                f"{took(run.seconds)} / {took(base.seconds)}",
                _both(f"{run.credits:g}", f"{base.credits:g}"),
                node.difference.value,
            )
        )
    return rows
