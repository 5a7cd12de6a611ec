"""Start the sandbox as a child process and wait until it answers (``cargo-tui --demo``).

Cheap to import: the child does the heavy lifting. The token goes to the child through its
environment, never its command line, and the child exits with us (see ``server.py``): at once
when we close its stdin (or die: the kernel closes it, and signals the child). Everything the
child writes (chDB's tables, its files) is in one scratch folder of ours, removed when it stops.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from typing import IO

from tui.api.secret import Secret
from tui.sandbox.server import NOW_ENV, PARENT_ENV, SCRATCH_ENV, TOKEN_ENV


class SandboxError(RuntimeError):
    """The sandbox could not start; the message says why and what to do."""


class SandboxProcess:
    """A running sandbox child: its base URL, token and process."""

    def __init__(
        self,
        *,
        seed: int = 7,
        scale: str = "demo",
        now: str | None = None,
        token: str | None = None,
    ) -> None:
        self.token = Secret(token or "sbx_" + secrets.token_urlsafe(24))
        self.base_url: str | None = None
        env = dict(os.environ)
        env[TOKEN_ENV] = self.token.reveal()
        env[PARENT_ENV] = str(os.getpid())
        env["PYTHONUNBUFFERED"] = "1"
        # The child's temporary files all go here: whichever of us ends last removes it.
        self.scratch = tempfile.mkdtemp(prefix="cargo-sandbox-")
        env[SCRATCH_ENV] = env["TMPDIR"] = self.scratch
        if now:
            env[NOW_ENV] = now
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the child
        command = [sys.executable, "-m", "tui.sandbox", "serve", "--port", "0"]
        command += ["--seed", str(seed), "--scale", scale, "--ready-json", "--exit-with-stdin"]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            close_fds=True,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = 30.0) -> str:
        """Block until the child prints its ready line; its base URL."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        line = b""
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            try:
                ready = json.loads(line)
            except ValueError:
                continue
            if ready.get("ready"):
                self.base_url = str(ready["base_url"])
                return self.base_url
        self.stop()
        raise SandboxError(self._failure())

    async def wait_ready_async(self, within: float = 30.0) -> str:
        return await asyncio.wait_for(asyncio.to_thread(self.wait_ready, within), within + 1)

    def _failure(self) -> str:
        self._stderr.seek(0)
        said = self._stderr.read().decode(errors="replace").strip().splitlines()
        last = said[-1] if said else "it exited without a word"
        if "ModuleNotFoundError" in last:
            return (
                f"The demo sandbox could not start ({last}). Install the sandbox extra: "
                "pip install 'cargo-tui[sandbox]' (make demo does it)."
            )
        return f"The demo sandbox could not start: {last}"

    def ask_to_stop(self) -> None:
        """Tell the child to stop, and return: it leaves at once (draining nothing: we are its
        only client), removing its scratch folder first, within a fraction of a second."""
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()

    def stop(self, grace: float = 3.0) -> None:
        """Stop the child and wait until it is gone (a few milliseconds); safe to call twice.
        One that has not gone within ``grace`` seconds is killed. Its scratch folder is removed
        again once it is gone: on an early stop chDB may still have been writing there."""
        self.ask_to_stop()
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.scratch, ignore_errors=True)
        self._stderr.close()
