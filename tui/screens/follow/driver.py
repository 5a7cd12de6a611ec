"""Follow mode's polls, for the whole session: one :class:`Follower` per app polls while the
Follow screen is open or anything is watched, and rings when a watch says to.

It is the app's, not a screen's: a batch watched from the Batches tab rings wherever the user
is. The logic is below the screens (:mod:`tui.state.follow`); this runs it on Textual's
timers and workers. Its one worker awaits the query and applies the answer on the event loop
it runs on (the feed is no widget's), then tells the screens that listen.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.timer import Timer

from tui.api.errors import CargoError, RateLimitedError
from tui.session import session_of
from tui.state.follow.feed import Alert, Feed
from tui.state.follow.notify import notification
from tui.state.follow.pacing import Pacer
from tui.state.follow.query import follow_sql, read_poll

#: Seconds between polls until the settings are read.
DEFAULT_SECONDS = 10.0

_followers: WeakKeyDictionary[App[Any], Follower] = WeakKeyDictionary()


def follower(app: App[Any]) -> Follower:
    """The app's follower (made on first use)."""
    found = _followers.get(app)
    if found is None:
        found = _followers[app] = Follower(app)
    return found


def install(app: App[Any], made: Follower) -> Follower:
    """Use ``made`` as the app's follower (tests give it a clock of their own)."""
    _followers[app] = made
    return made


class Follower:
    def __init__(self, app: App[Any], clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.feed = Feed()
        self.pacer = Pacer(self._seconds(), clock)
        #: Follow screens open now (it polls while one is, or anything is watched).
        self.viewers = 0
        #: Queries asked, and the last poll's failure in words (None: it answered).
        self.asked = 0
        self.problem: str | None = None
        self._workspace: str | None = None
        self._timer: Timer | None = None
        self._listeners: list[Callable[[], None]] = []
        #: Why the Follow screen's list waits (see :meth:`hold`).
        self.holds: set[str] = set()

    def _seconds(self) -> float:
        settings = session_of(self.app).settings
        return float(settings.follow_seconds) if settings is not None else DEFAULT_SECONDS

    # -- who listens -----------------------------------------------------------------------

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    # -- polling ---------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.viewers > 0 or self.feed.watching

    def schedule(self) -> None:
        """Set the timer for the next poll (none while nothing needs one)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.pacer.set_base(self._seconds())
        self._sync_holds()
        if not self.active:
            return
        wait = self.pacer.wait()
        if wait != float("inf"):
            self._timer = self.app.set_timer(max(wait, 0.01), self.tick, name="follow")

    def tick(self) -> None:
        self._timer = None
        if self.active and self.pacer.due():
            self.poll()
        else:
            self.schedule()

    def poll(self) -> None:
        """Ask now (whatever the pacer says: :meth:`tick` asks it)."""
        self.pacer.begin()
        self.app.run_worker(self._poll(), group="follow", exclusive=True, exit_on_error=False)

    async def _poll(self) -> None:
        session = session_of(self.app)
        try:
            client = await session.connect()
            workspace = session.workspace_uuid
            if self._workspace is not None and workspace != self._workspace:
                self.feed = Feed(threshold=self.feed.threshold)  # another workspace: anew
            self._workspace = workspace
            self.asked += 1
            answer = await client.orchestration.query.execute(
                follow_sql(self.feed.since, self.feed.watched_batches)
            )
            poll = read_poll(answer.as_dicts())
        except RateLimitedError as error:
            self.pacer.refused("Cargo is rate-limiting the queries", error.retry_after)
            self.problem = f"rate-limited (429): {error}"
        except (CargoError, ValueError) as error:
            self.pacer.refused(str(error))
            self.problem = str(error)
        except BaseException:
            self.pacer.in_flight = False  # cancelled (the app quits): no next poll
            raise
        else:
            self.pacer.answered()
            self.problem = None
            self.ring(self.feed.apply(poll))
        self.changed()
        self.schedule()

    def hold(self, reason: str) -> None:
        """The Follow screen's list waits (the user reads a row, a run is open over it)."""
        self.holds.add(reason)
        self._sync_holds()

    def release(self, reason: str) -> None:
        self.holds.discard(reason)
        self._sync_holds()
        self.schedule()

    @property
    def paused(self) -> bool:
        return bool(self.holds)

    def _sync_holds(self) -> None:
        """The polls wait with the list, unless something is watched: a watch must ring."""
        self.pacer.holds = set() if self.feed.watching else set(self.holds)

    # -- watches and bells -----------------------------------------------------------------

    def watch_batch(self, uuid: str, workflow_uuid: str, label: str) -> bool:
        watched = self.feed.watch_batch(uuid, workflow_uuid, label)
        self.changed()
        if watched and self._timer is None and not self.pacer.in_flight:
            self.pacer.now()  # its state now, not an interval from now
        self.schedule()
        return watched

    def watch_workflow(self, uuid: str, label: str) -> bool:
        watched = self.feed.watch_workflow(uuid, label)
        self.changed()
        self.schedule()
        return watched

    def ring(self, alerts: list[Alert]) -> None:
        """The bell, a message in the app, and the desktop notification if the settings
        ask for one."""
        if not alerts:
            return
        self.app.bell()
        settings = session_of(self.app).settings
        kind = settings.notifications if settings is not None else "off"
        for alert in alerts:
            self.app.notify(alert.body, title=alert.title, timeout=20)
            sequence = notification(kind, alert.title, alert.body, os.environ)
            if sequence is not None:
                write_to_terminal(self.app, sequence)


def write_to_terminal(app: App[Any], text: str) -> None:
    """Write an escape sequence to the terminal, as ``App.bell`` writes its BEL (Textual has
    no public way: its driver is private, and pinned, see README's "Moving a pinned
    dependency")."""
    driver = getattr(app, "_driver", None)
    if driver is not None and not app.is_headless:
        driver.write(text)
