"""The sandbox's whole state: its workspaces, their tokens, their history and its clock.

The catalog (plays, tools, ...) is built in Python at once; the history (batches, runs,
spans) is generated in chDB, possibly in a background thread so the server answers the
catalog while it loads: readers of history wait for ``history_ready``.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tui.sandbox.catalog import Catalog
from tui.sandbox.errors import ApiError
from tui.sandbox.executions import RouteNode
from tui.sandbox.faults import Faults
from tui.sandbox.files import FileStore
from tui.sandbox.seeding import demo_catalogs

SCALES = ("small", "demo", "large")
#: The real service's caps on one SQL query, and the records per file of a segment download
#: (past it the download answers several URLs, as the real one may).
CAPS = {
    "max_execution_time": 30,
    "max_result_rows": 10_000,
    "max_rows_to_read": 10_000_000,
    "segment_file_rows": 10_000,
}
HISTORY_TIMEOUT = 120.0


@dataclass
class Workspace:
    """One workspace: its catalog and the chDB database that holds its history."""

    catalog: Catalog
    db: str
    seed: int
    #: Batches created through the API, so the workflows list can mention them without SQL.
    created: list[str] = field(default_factory=list)
    #: The sandbox's clock as a ClickHouse expression (``World.clock_sql``).
    clock_sql: str = "now64(3, 'UTC')"
    #: Each route's nodes by ``route_id * 64 + position`` (``executions.py``).
    route_nodes: dict[int, RouteNode] = field(default_factory=dict)
    #: The route constants the views were made with, to make them again on a new clock.
    view_constants: dict[str, str] = field(default_factory=dict)
    #: Every batch is loaded (until then only each workflow's latest, see ``World.latest``).
    complete: bool = False
    #: Workflow.lastBatch of each workflow, as it was when the latest batches were loaded:
    #: the workflows list answers with it while the rest of the history loads.
    early_last_batches: dict[str, dict[str, Any]] = field(default_factory=dict)


class World:
    """Workspaces by token. The first is the demo workspace."""

    def __init__(
        self,
        *,
        seed: int,
        tokens: list[str],
        now: datetime | None = None,
        scale: str = "demo",
        admin_token: str | None = None,
        caps: dict[str, int] | None = None,
        frozen: bool = False,
    ) -> None:
        if scale not in SCALES:
            raise ValueError(f"unknown scale {scale!r}: choose one of {', '.join(SCALES)}")
        self.seed = seed
        self.scale = scale
        wall = datetime.now(UTC)
        self.started = (now or wall).astimezone(UTC)
        #: How far the sandbox's clock is from the wall clock (a fixed --now sets it).
        self.offset = self.started - wall
        #: A frozen clock never ticks: live batches stand still (for snapshots).
        self.frozen = frozen
        #: How far ``advance`` has moved the clock (tests move it rather than wait).
        self.advanced = timedelta(0)
        self.catalogs: dict[str, Catalog] = dict(
            zip(tokens, demo_catalogs(seed, self.started, scale), strict=True)
        )
        from tui.sandbox.segments import count_segments

        # Segments are catalog: their counts are known before the first request, not after
        # the history (which they do not depend on) has loaded.
        for catalog in self.catalogs.values():
            count_segments(catalog)
        #: Workspaces by uuid, from the moment their history starts loading.
        self.workspaces: dict[str, Workspace] = {}
        uuids = [catalog.workspace["uuid"] for catalog in self.catalogs.values()]
        #: Per workspace: its workflows' latest batches are loaded; all of its history is.
        self._latest = {uuid: threading.Event() for uuid in uuids}
        self._ready = {uuid: threading.Event() for uuid in uuids}
        #: Every workspace's history is loaded (or failed to).
        self.history_ready = threading.Event()
        self.history_error: BaseException | None = None
        self._prefix: str | None = None
        self.caps = CAPS | (caps or {})
        self.files = FileStore()
        self.faults = Faults(seed)
        self.admin_token = admin_token or "sbx_admin_" + secrets.token_urlsafe(24)

    # The clock --------------------------------------------------------------------------

    @property
    def now(self) -> datetime:
        """The sandbox's clock at start (the history is generated relative to it)."""
        return self.started

    def clock(self) -> datetime:
        """The sandbox's clock now: it ticks from ``now`` in real time (unless frozen), plus
        whatever ``advance`` added."""
        if self.frozen:
            return self.started + self.advanced
        return datetime.now(UTC) + self.offset + self.advanced

    def clock_sql(self) -> str:
        """The same clock as a ClickHouse expression, for views and queries."""
        if self.frozen:
            moment = (self.started + self.advanced).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
            return f"toDateTime64('{moment}', 3, 'UTC')"
        millis = int((self.offset + self.advanced) / timedelta(milliseconds=1))
        return f"addMilliseconds(now64(3, 'UTC'), {millis})"

    def advance(self, by: timedelta) -> None:
        """Move the clock forward ``by`` at once (a test's way to let live batches progress
        without waiting): the views are made again on the new clock. Call it between
        requests; the history must be loaded."""
        from tui.sandbox import engine, schema

        self.history_ready.wait(HISTORY_TIMEOUT)
        self.advanced += by
        clock = self.clock_sql()
        for workspace in self.workspaces.values():
            for statement in schema.statements(
                schema.VIEWS, db=workspace.db, clock=clock, **workspace.view_constants
            ):
                engine.execute(statement.replace("CREATE VIEW", "CREATE OR REPLACE VIEW", 1))
            workspace.clock_sql = clock

    # Workspaces -------------------------------------------------------------------------

    def workspace_for(self, token: str) -> Catalog | None:
        for known, catalog in self.catalogs.items():
            if secrets.compare_digest(known.encode(), token.encode()):
                return catalog
        return None

    @property
    def tokens(self) -> list[str]:
        return list(self.catalogs)

    def history(self, catalog: Catalog) -> Workspace:
        """The workspace's history, once loaded (a 503 if it failed to load)."""
        return self._wait(catalog, self._ready)

    def latest(self, catalog: Catalog) -> Workspace:
        """The workspace once its workflows' latest batches are loaded: enough to answer
        Workflow.lastBatch (``early_last_batches``) while older batches still load."""
        return self._wait(catalog, self._latest)

    def _wait(self, catalog: Catalog, events: dict[str, threading.Event]) -> Workspace:
        uuid = catalog.workspace["uuid"]
        loaded = events[uuid].wait(HISTORY_TIMEOUT)
        if not loaded or self.history_error is not None or uuid not in self.workspaces:
            raise ApiError(503, "The sandbox's history is not available", "sandboxNotReady")
        return self.workspaces[uuid]

    # History ----------------------------------------------------------------------------

    def build_history(self) -> None:
        """Generate each workspace's history in chDB, the demo workspace first, each in two
        parts: its workflows' latest batches (what Discovery waits for), then the rest."""
        from tui.sandbox import engine

        try:
            self._prefix = engine.new_database_prefix()
            for number, catalog in enumerate(self.catalogs.values(), start=1):
                self._build(f"{self._prefix}_{number}", catalog)
        except BaseException as exc:
            self.history_error = exc
            raise
        finally:
            for event in (*self._latest.values(), *self._ready.values(), self.history_ready):
                event.set()

    def _build(self, db: str, catalog: Catalog) -> None:
        from tui.sandbox import engine, history, plan, schema, store

        uuid = catalog.workspace["uuid"]
        engine.execute(f"CREATE DATABASE {db}")
        for statement in schema.statements(schema.TABLES, db=db):
            engine.execute(statement)
        history.load_catalog(db, catalog)
        constants, route_nodes = history.load_graphs(db, catalog)
        for statement in schema.statements(
            schema.VIEWS, db=db, clock=self.clock_sql(), **constants
        ):
            engine.execute(statement)
        workspace = Workspace(
            catalog,
            db,
            self.seed,
            clock_sql=self.clock_sql(),
            route_nodes=route_nodes,
            view_constants=constants,
        )
        self.workspaces[uuid] = workspace
        planned = plan.plan_history(catalog, seed=self.seed, now=self.started, scale=self.scale)
        latest = plan.latest(planned)
        history.generate(db, catalog, [b for b in planned if b.uuid in latest])
        workspace.early_last_batches = store.last_batches(workspace)
        self._latest[uuid].set()
        history.generate(db, catalog, [b for b in planned if b.uuid not in latest])
        workspace.complete = True
        self._ready[uuid].set()

    def start_history(self) -> threading.Thread:
        """Build the history in a background thread (the server answers meanwhile)."""
        thread = threading.Thread(target=self._build_quietly, name="sandbox-history", daemon=True)
        thread.start()
        return thread

    def _build_quietly(self) -> None:
        with contextlib.suppress(Exception):
            self.build_history()

    def close(self) -> None:
        """Drop this world's databases (the process's chDB session stays for others)."""
        from tui.sandbox import engine

        self.history_ready.wait(HISTORY_TIMEOUT)
        for workspace in self.workspaces.values():
            with contextlib.suppress(engine.EngineError):
                engine.execute(f"DROP DATABASE IF EXISTS {workspace.db} SYNC")
        self.workspaces.clear()


def build_world(
    *,
    seed: int,
    tokens: list[str],
    now: datetime | None = None,
    scale: str = "demo",
    admin_token: str | None = None,
    caps: dict[str, int] | None = None,
    frozen: bool = False,
) -> World:
    """The demo workspaces, the first answering to ``tokens[0]``, the second to ``tokens[1]``."""
    return World(
        seed=seed,
        tokens=tokens,
        now=now,
        scale=scale,
        admin_token=admin_token,
        caps=caps,
        frozen=frozen,
    )
