"""The token never lands anywhere it should not: state files, caches, snapshots, screenshots."""

from __future__ import annotations

from pathlib import Path

from tests.app.drill import open_play, select_unhealthy
from tests.support import app_on, settle
from tui.sandbox.threaded import ThreadedSandbox

ROOT = Path(__file__).resolve().parents[2]


def _files_holding(folder: Path, secret: str) -> list[Path]:
    needle = secret.encode()
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


async def test_a_session_leaves_the_token_in_no_state_file(
    sandbox: ThreadedSandbox, user_dirs: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    written = [p for p in user_dirs.rglob("*") if p.is_file()]
    assert written, "the session wrote its state (the discovery cache at least)"
    assert _files_holding(user_dirs, sandbox.token) == []


def test_no_snapshot_or_screenshot_shows_a_token() -> None:
    folders = [ROOT / "screenshots", *ROOT.glob("tests/**/__snapshots__")]
    for secret in ("sbx-test-acme", "sbx-test-globex", "Bearer "):
        for folder in folders:
            assert _files_holding(folder, secret) == [], f"{secret!r} shows in {folder}"
