"""The token never lands anywhere it should not: state files, caches, snapshots, screenshots."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox

from tests.app.drill import open_play, select_unhealthy
from tests.export_screen.support import dialog, export_to
from tests.sql_screen.support import open_editor, put, run
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


async def test_queries_history_and_exports_hold_no_token(
    sandbox: ThreadedSandbox, user_dirs: Path, out: Path
) -> None:
    """A query (its buffer and history), a failing one (its error text), and exports with their
    provenance (Parquet metadata, a .meta.json beside a CSV)."""
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT uuid, status FROM batches ORDER BY created_at LIMIT 5")
        await run(pilot)
        screen.query_one("#result-table-1").focus()
        await pilot.press("e")
        await settle(pilot)
        await export_to(pilot, out / "batches.parquet")
        await pilot.press("escape", "e")
        await settle(pilot)
        dialog(app).query_one("#export-provenance", Checkbox).value = True
        await pilot.pause()
        await export_to(pilot, out / "batches.csv")
        await pilot.press("escape")
        put(screen, "SELECT * FROM system.tables")
        await run(pilot)
    assert (out / "batches.parquet").exists() and (out / "batches.csv").exists()
    assert (out / "batches.csv.meta.json").exists(), "the provenance file was written"
    assert list(user_dirs.rglob("history/*.jsonl")), "the history was kept"
    for folder in (user_dirs, out):
        assert _files_holding(folder, sandbox.token) == [], f"the token shows in {folder}"


def test_no_snapshot_or_screenshot_shows_a_token() -> None:
    folders = [ROOT / "screenshots", *ROOT.glob("tests/**/__snapshots__")]
    for secret in ("sbx-test-acme", "sbx-test-globex", "Bearer "):
        for folder in folders:
            assert _files_holding(folder, secret) == [], f"{secret!r} shows in {folder}"
