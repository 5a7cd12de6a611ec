"""Full runs, as ``run.download`` gives them (``cargo-ai orchestration run download``): each
run as ``GET /orchestration/runs/{uuid}`` holds it, with its executions, its ``runContext``
(each node's output, keyed by node slug) and its ``runComputedConfigs``.

JSON and NDJSON keep each run as it came (``runComputedConfigs`` only when asked for). CSV,
TSV and Parquet have no nesting, so a run is flattened into one row: its own fields as they
are, ``executions`` (and any other object or list) as JSON text, and one column per node,
``runContext.<slug>`` (and ``runComputedConfigs.<slug>``), holding that node's output as JSON
text; a run that did not reach a node leaves its cell empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tui.export.cells import NESTED, to_json
from tui.export.options import Format

RUN_CONTEXT = "runContext"
CONFIGS = "runComputedConfigs"
PER_NODE = (RUN_CONTEXT, CONFIGS)

Shape = Callable[[Mapping[str, Any]], dict[str, Any]]


def shape_for(fmt: Format, with_configs: bool = False) -> Shape:
    """How each downloaded run becomes a row of ``fmt``."""
    nested = fmt in (Format.JSON, Format.NDJSON)

    def shape(run: Mapping[str, Any]) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for key, value in run.items():
            if key == CONFIGS and not with_configs:
                continue
            if nested:
                row[key] = value
            elif key in PER_NODE and isinstance(value, Mapping):
                for slug, output in value.items():
                    row[f"{key}.{slug}"] = to_json(output)
            elif isinstance(value, NESTED):
                row[key] = to_json(value)
            else:
                row[key] = value
        return row

    return shape
