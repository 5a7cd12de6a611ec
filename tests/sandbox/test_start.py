"""What the sandbox answers before its history has loaded, and that it is the same truth."""

from __future__ import annotations

import threading

import pytest

from tests.conftest import FIXED_NOW
from tui.sandbox import store
from tui.sandbox.catalog import Catalog
from tui.sandbox.threaded import ThreadedSandbox
from tui.sandbox.world import World, build_world


def test_segments_are_counted_before_any_history_loads() -> None:
    world = build_world(seed=7, tokens=["a", "b"], now=FIXED_NOW, scale="small")
    assert not world.history_ready.is_set()
    for catalog in world.catalogs.values():
        assert all(s["lastChange"] is not None for s in catalog.segments)
        assert any(s["recordsCount"] > 0 for s in catalog.segments)


def test_the_early_last_batches_are_the_last_batches_of_the_whole_history(
    sandbox: ThreadedSandbox,
) -> None:
    for workspace in sandbox.world.workspaces.values():
        early = workspace.early_last_batches
        late = store.last_batches(workspace)
        assert workspace.complete
        assert early.keys() == late.keys()
        assert {w: b["uuid"] for w, b in early.items()} == {w: b["uuid"] for w, b in late.items()}
        finished = [w for w, b in late.items() if b["finishedAt"] is not None]
        assert finished
        for workflow in finished:
            assert early[workflow] == late[workflow]


def test_a_workspace_answers_before_the_next_one_has_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = build_world(seed=7, tokens=["a", "b"], now=FIXED_NOW, scale="small")
    acme, globex = world.catalogs.values()
    gate = threading.Event()
    build = World._build

    def held(self: World, db: str, catalog: Catalog) -> None:
        if catalog is globex:
            assert gate.wait(30)
        build(self, db, catalog)

    monkeypatch.setattr(World, "_build", held)
    loader = threading.Thread(target=world.build_history)
    loader.start()
    try:
        assert world.history(acme).complete
        assert globex.workspace["uuid"] not in world.workspaces
    finally:
        gate.set()
        loader.join(30)
        world.close()
    assert world.history_error is None


def test_no_ready_line_without_the_web_stack(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    from tui.sandbox import server

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "fastapi" else real(name, *a)
    )
    with pytest.raises(ModuleNotFoundError, match="fastapi"):
        server.main(["serve", "--port", "0", "--ready-json"])
    assert capsys.readouterr().out == ""
