"""``cargo-tui release diff``: two releases compared, as JSON or a table, by uuid or by
version; what cannot be compared is said, with the exit code scripts expect."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from tui.api import CargoClient
from tui.api.models import newest_first
from tui.cli import main
from tui.sandbox.releases import EARLIER_MINIMUM_SCORE, MINIMUM_SCORE
from tui.sandbox.threaded import ThreadedSandbox
from tui.state.release_pairs import ran

PLAY = "Enrich new companies"
Out = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def known(sandbox: ThreadedSandbox) -> dict[str, Any]:
    async def look() -> dict[str, Any]:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            plays = await client.orchestration.play.list()
            play, other = next(p for p in plays if p.name == PLAY), plays[-1]
            releases = newest_first(
                await client.orchestration.release.list(workflow_uuid=play.workflow_uuid)
            )
            others = await client.orchestration.release.list(workflow_uuid=other.workflow_uuid)
            deployed = [r for r in releases if ran(r)]
            return {"workflow": play.workflow_uuid, "new": deployed[0], "old": deployed[1],
                    "other": others[0].uuid}  # fmt: skip

    return asyncio.run(look())


def cli(sandbox: ThreadedSandbox, capsys: Out, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--base-url", sandbox.base_url, "--token", sandbox.token])
    said = capsys.readouterr()
    return code, said.out, said.err


def test_two_uuids_in_either_order_give_the_seeded_changes(
    sandbox: ThreadedSandbox, known: dict[str, Any], capsys: Out
) -> None:
    new, old = known["new"].uuid, known["old"].uuid
    code, out, _ = cli(sandbox, capsys, "release", "diff", old, new)
    assert code == 0
    printed = json.loads(out)
    assert cli(sandbox, capsys, "release", "diff", new, old)[1] == out
    assert printed["title"] == f"{known['new'].label} vs {known['old'].label}"
    changes = {n["slug"]: n for n in printed["nodes"]}
    assert changes["slack_alert"]["change"] == "added"
    assert changes["dedupe_domains"]["change"] == "removed"
    assert changes["qualify"]["changes"] == [{
        "key": "config.scoring.minimumScore", "change": "changed",
        "old": EARLIER_MINIMUM_SCORE, "new": MINIMUM_SCORE,
    }]  # fmt: skip


def test_versions_of_a_workflow_and_its_default_pair(
    sandbox: ThreadedSandbox, known: dict[str, Any], capsys: Out
) -> None:
    workflow = ["release", "diff", "--workflow-uuid", known["workflow"]]
    code, by_default, _ = cli(sandbox, capsys, *workflow)
    assert code == 0
    labels = [known["new"].label, known["old"].label]
    assert cli(sandbox, capsys, *workflow, *labels)[1] == by_default
    assert cli(sandbox, capsys, *workflow, labels[0])[1] == by_default
    code, table, _ = cli(sandbox, capsys, *workflow, "--format", "table")
    assert code == 0
    assert table.startswith(f"{labels[0]} vs {labels[1]}")
    assert f"config.scoring.minimumScore  {EARLIER_MINIMUM_SCORE}" in table


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["{new}"], 2, "name two release uuids"),
        (["{new}", "v6"], 2, "'v6' is not a uuid"),
        (["--workflow-uuid", "{workflow}", "v99"], 1, "has no release 'v99' (its releases: "),
        (["{new}", "{other}"], 1, "compare two releases of one workflow"),
    ],
    ids=["one-uuid", "a-version-without-workflow", "no-such-version", "two-workflows"],
)
def test_what_cannot_be_compared_is_said(
    sandbox: ThreadedSandbox, known: dict[str, Any], capsys: Out, args: list[str], code: int,
    said: str,
) -> None:  # fmt: skip
    filled = {"new": known["new"].uuid, "workflow": known["workflow"], "other": known["other"]}
    got, out, err = cli(sandbox, capsys, "release", "diff", *(a.format(**filled) for a in args))
    assert (got, out) == (code, "")
    assert said in err
