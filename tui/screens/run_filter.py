"""The runs filter (``F``): release, batch, finished, created after / before, record id and
title, as the ``cargo-ai run count`` flags name them. Each field is checked as it is applied;
a mistake is said under the fields and nothing typed is lost."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from tui import clock
from tui.api.models.orchestration import Release
from tui.api.run_scope import RunScope, parse_moment
from tui.headless.uuids import uuid_arg

FINISHED = [("finished or not", "any"), ("finished", "yes"), ("not finished", "no")]


def release_label(release: Release) -> str:
    """``v7 · deployed 2026-11-20``, ``draft · created 2026-11-25``."""
    if release.deployed_at:
        return f"{release.label} · deployed {release.deployed_at:%Y-%m-%d}"
    if release.created_at:
        return f"{release.label} · created {release.created_at:%Y-%m-%d}"
    return release.label


def _moment_text(value: object) -> str:
    from datetime import datetime

    if not isinstance(value, datetime):
        return ""
    if value.hour == value.minute == value.second == 0:
        return f"{value:%Y-%m-%d}"
    return value.isoformat(timespec="minutes").replace("+00:00", "")


class RunFilterDialog(ModalScreen[RunScope | None]):
    """Answers the scope applied, or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog-cancel")]

    def __init__(
        self, scope: RunScope, releases: list[Release], *, batch_fixed: str | None = None
    ) -> None:
        super().__init__()
        self.scope = scope
        self.releases = releases
        self.batch_fixed = batch_fixed

    def compose(self) -> ComposeResult:
        scope = self.scope
        releases = [(release_label(r), r.uuid) for r in self.releases]
        with Vertical(id="run-filter-dialog") as box:
            box.border_title = "Filter runs"
            with Grid(id="run-filter-fields"):
                yield Label("release")
                release = Select(releases, prompt="any release", id="filter-release", compact=True)
                if scope.release_uuid in {uuid for _, uuid in releases}:
                    release.value = scope.release_uuid
                yield release
                yield Label("batch")
                batch = Input(
                    self.batch_fixed or scope.batch_uuid or "",
                    placeholder="a batch uuid",
                    id="filter-batch",
                    compact=True,
                )
                batch.disabled = self.batch_fixed is not None
                yield batch
                yield Label("finished")
                finished = {None: "any", True: "yes", False: "no"}[scope.is_finished]
                yield Select(
                    FINISHED, value=finished, allow_blank=False, id="filter-finished", compact=True
                )
                fields = [
                    (
                        "created after",
                        "after",
                        _moment_text(scope.created_after),
                        "24h, 7d, a date",
                    ),
                    ("created before", "before", _moment_text(scope.created_before), "empty: now"),
                    ("record id", "record-id", scope.record_id or "", ""),
                    ("record title", "record-title", scope.record_title or "", ""),
                ]
                for label, key, value, hint in fields:
                    yield Label(label)
                    yield Input(value, placeholder=hint, id=f"filter-{key}", compact=True)
            yield Static("enter applies · esc cancels", id="run-filter-status")
            with Horizontal(id="run-filter-buttons"):
                yield Button("Apply", variant="primary", id="filter-apply", compact=True)
                yield Button("Clear all", id="filter-clear", compact=True)
                yield Button("Cancel", id="filter-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#filter-release", Select).focus()

    def _text(self, field: str) -> str:
        return self.query_one(f"#filter-{field}", Input).value.strip()

    def picked(self) -> RunScope:
        """The scope the fields describe; ValueError names the field that is wrong."""
        now = clock.now()
        moments = {}
        for field, name in (("after", "created after"), ("before", "created before")):
            try:
                moments[field] = parse_moment(self._text(field), now)
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from None
        batch = None
        if self.batch_fixed is None and self._text("batch"):
            try:
                batch = uuid_arg(self._text("batch"))
            except Exception as exc:  # argparse.ArgumentTypeError
                raise ValueError(f"batch: {exc}") from None
        release = self.query_one("#filter-release", Select).value
        finished = self.query_one("#filter-finished", Select).value
        return RunScope(
            statuses=self.scope.statuses,
            batch_uuid=batch,
            release_uuid=release if isinstance(release, str) else None,
            is_finished={"yes": True, "no": False}.get(str(finished)),
            created_after=moments["after"],
            created_before=moments["before"],
            record_id=self._text("record-id") or None,
            record_title=self._text("record-title") or None,
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#filter-apply")
    def _apply(self) -> None:
        try:
            scope = self.picked()
        except ValueError as exc:
            self.query_one("#run-filter-status", Static).update(Text(str(exc), "red"))
            return
        self.dismiss(scope)

    @on(Button.Pressed, "#filter-clear")
    def _clear(self) -> None:
        self.dismiss(RunScope())

    @on(Button.Pressed, "#filter-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
