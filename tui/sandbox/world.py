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

from tui.sandbox.catalog import Catalog, demo_catalogs
from tui.sandbox.errors import ApiError
from tui.sandbox.faults import Faults
from tui.sandbox.files import FileStore

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
        self.catalogs: dict[str, Catalog] = dict(
            zip(tokens, demo_catalogs(seed, self.started, scale), strict=True)
        )
        self.workspaces: dict[str, Workspace] = {}
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
        """The sandbox's clock now: it ticks from ``now`` in real time (unless frozen)."""
        if self.frozen:
            return self.started
        return datetime.now(UTC) + self.offset

    def clock_sql(self) -> str:
        """The same clock as a ClickHouse expression, for views and queries."""
        if self.frozen:
            moment = self.started.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
            return f"toDateTime64('{moment}', 3, 'UTC')"
        millis = int(self.offset / timedelta(milliseconds=1))
        return f"addMilliseconds(now64(3, 'UTC'), {millis})"

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
        if not self.history_ready.wait(HISTORY_TIMEOUT) or self.history_error is not None:
            raise ApiError(503, "The sandbox's history is not available", "sandboxNotReady")
        return self.workspaces[catalog.workspace["uuid"]]

    # History ----------------------------------------------------------------------------

    def build_history(self) -> None:
        """Generate every workspace's history in chDB; sets ``history_ready`` when done."""
        from tui.sandbox import engine, history, plan, schema
        from tui.sandbox.segments import count_segments

        try:
            self._prefix = engine.new_database_prefix()
            for number, catalog in enumerate(self.catalogs.values(), start=1):
                db = f"{self._prefix}_{number}"
                engine.execute(f"CREATE DATABASE {db}")
                for statement in schema.statements(schema.TABLES, db=db):
                    engine.execute(statement)
                history.load_catalog(db, catalog)
                steps = history.load_graphs(db, catalog)
                planned = plan.plan_history(
                    catalog, seed=self.seed, now=self.started, scale=self.scale
                )
                history.generate(db, catalog, planned)
                for statement in schema.statements(
                    schema.VIEWS, db=db, clock=self.clock_sql(), **steps
                ):
                    engine.execute(statement)
                count_segments(catalog)
                self.workspaces[catalog.workspace["uuid"]] = Workspace(catalog, db, self.seed)
        except BaseException as exc:
            self.history_error = exc
            raise
        finally:
            self.history_ready.set()

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
