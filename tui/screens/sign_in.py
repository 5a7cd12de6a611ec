"""Sign-in: paste an API token (kept in a 0600 file), or open the demo workspace."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from tui.api.defaults import DEFAULT_BASE_URL
from tui.api.errors import CargoError
from tui.api.secret import Secret
from tui.connection import Connection
from tui.sandbox.launcher import SandboxError, SandboxProcess
from tui.screens.base import CargoScreen, renders
from tui.screens.navigation import OpenWorkspace
from tui.state import credentials
from widgets.footer import Footer


class SignInScreen(CargoScreen):
    crumbs = ("Sign in",)

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Center(), Vertical(id="sign-in") as box:
            box.border_title = "Sign in to Cargo"
            yield Static(
                "Paste a Cargo API token (Settings › API tokens in the Cargo app), "
                "or open the demo workspace to look around.",
                id="sign-in-intro",
            )
            yield Label("API token")
            yield Input(placeholder="token", password=True, id="token")
            yield Label("Base URL")
            yield Input(value=DEFAULT_BASE_URL, id="base-url")
            yield Static("", id="sign-in-status")
            with Horizontal(id="sign-in-buttons"):
                yield Button("Sign in", variant="primary", id="sign-in-button")
                yield Button("Open the demo workspace", id="demo-button")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#token", Input).focus()

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#sign-in-status", Static)
        status.set_class(error, "error")
        status.update(text)

    @on(Input.Submitted)
    @on(Button.Pressed, "#sign-in-button")
    def sign_in(self) -> None:
        token = self.query_one("#token", Input).value.strip()
        base_url = self.query_one("#base-url", Input).value.strip() or DEFAULT_BASE_URL
        if not token:
            self._status("Paste a token first, or open the demo workspace.", error=True)
            return
        self._status("Checking the token…")
        self.check_token(Connection(token=Secret(token), base_url=base_url))

    @work(exclusive=True, group="sign-in", exit_on_error=False)
    async def check_token(self, connection: Connection) -> Connection:
        client, _ = await connection.open()
        await client.aclose()
        credentials.save(
            credentials.Credentials(connection.token, connection.base_url or DEFAULT_BASE_URL)
        )
        return connection

    @on(Button.Pressed, "#demo-button")
    def open_demo(self) -> None:
        self._status("Starting the demo workspace…")
        self.start_demo()

    @work(exclusive=True, group="sign-in", thread=True, exit_on_error=False)
    def start_demo(self) -> Connection:
        sandbox = SandboxProcess()
        sandbox.wait_ready()
        return Connection.demo(sandbox)

    @renders(Connection)
    def _signed_in(self, connection: Connection) -> None:
        self.post_message(OpenWorkspace(connection))

    def show_failure(self, group: str, error: BaseException | None) -> None:
        if isinstance(error, CargoError | SandboxError | OSError):
            self._status(str(error), error=True)
        else:
            super().show_failure(group, error)
