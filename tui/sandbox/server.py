"""Serve the sandbox on loopback: ``cargo-tui sandbox serve [--port N] [--seed N] ...``.

Started by ``cargo-tui --demo`` as a child process, it reads its token from the environment
(never the command line), prints one JSON line when it is ready, and exits with its parent:
the kernel signals it when the parent dies (Linux), and it stops when its stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.sandbox.world import World

LOOPBACK = "127.0.0.1"
TOKEN_ENV = "CARGO_SANDBOX_TOKEN"
SECOND_TOKEN_ENV = "CARGO_SANDBOX_TOKEN_2"
NOW_ENV = "CARGO_SANDBOX_NOW"
FROZEN_ENV = "CARGO_SANDBOX_FROZEN"
PARENT_ENV = "CARGO_SANDBOX_PARENT_PID"
#: The scratch folder the app made for its child (the child's TMPDIR): removed as it leaves.
SCRATCH_ENV = "CARGO_SANDBOX_SCRATCH"
ADMIN_TOKEN_ENV = "CARGO_SANDBOX_ADMIN_TOKEN"
FAULTS_ENV = "CARGO_SANDBOX_FAULTS"
SCALES = ("small", "demo", "large")


def parser(prog: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog=prog,
        description="Serve a local emulator of the Cargo API on loopback, with a seeded "
        "demo workspace, until stopped (ctrl+c).",
    )
    ap.add_argument(
        "--port", type=int, default=0, help="TCP port on 127.0.0.1 (default: a free one)"
    )
    ap.add_argument(
        "--seed", type=int, default=7, help="seed of the generated workspaces (default 7)"
    )
    ap.add_argument(
        "--scale", choices=SCALES, default="demo", help="size of the history (default: demo)"
    )
    ap.add_argument(
        "--token",
        help=f"API token of the demo workspace (default: ${TOKEN_ENV}, else a random one)",
    )
    ap.add_argument(
        "--now",
        type=datetime.fromisoformat,
        help=f"the sandbox's clock at start, ISO-8601 (default: ${NOW_ENV}, else now)",
    )
    ap.add_argument(
        "--frozen",
        action="store_true",
        default=bool(os.environ.get(FROZEN_ENV)),
        help=f"the clock stands still at its start: live batches never progress "
        f"(default: ${FROZEN_ENV} set, else the clock ticks)",
    )
    ap.add_argument("--faults", default=os.environ.get(FAULTS_ENV), help=argparse.SUPPRESS)
    ap.add_argument("--ready-json", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--exit-with-stdin", action="store_true", help=argparse.SUPPRESS)
    return ap


def main(argv: list[str] | None = None, prog: str = "python -m tui.sandbox serve") -> int:
    args = parser(prog).parse_args(_serve_args(argv))
    _die_with_parent()
    if args.exit_with_stdin:
        _leave_with_parent()
    tokens = [
        args.token or os.environ.get(TOKEN_ENV) or "sbx_" + secrets.token_urlsafe(24),
        os.environ.get(SECOND_TOKEN_ENV) or "sbx_" + secrets.token_urlsafe(24),
    ]
    now = args.now or (
        datetime.fromisoformat(os.environ[NOW_ENV]) if NOW_ENV in os.environ else None
    )
    _require_web_stack()
    sock = bind_loopback(args.port)
    from tui.sandbox.world import build_world

    world = build_world(
        seed=args.seed,
        tokens=tokens,
        now=now,
        frozen=args.frozen,
        scale=args.scale,
        admin_token=os.environ.get(ADMIN_TOKEN_ENV),
    )
    if args.faults:
        world.faults.set(*world.faults.parse(json.loads(args.faults)))
    # The history loads in the background from the start, while the web stack imports:
    # the catalog answers at once, readers of history wait for it.
    world.start_history()
    if args.ready_json:
        # The socket listens already: a request waits in its backlog until the web stack has
        # imported (a few hundred ms), so the app can set up its own client meanwhile.
        names = [c.workspace["name"] for c in world.catalogs.values()]
        base_url = f"http://{LOOPBACK}:{sock.getsockname()[1]}/v1"
        print(json.dumps({"ready": True, "base_url": base_url, "workspaces": names}), flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(sock, args, tokens, world))
    # Stopped (ctrl+c, SIGTERM): end here, the chDB folder removed. Python's own shutdown
    # would crash in chDB's (SIGSEGV) before its exit handlers removed the folder.
    from tui.sandbox import engine

    engine.remove_folders()
    sys.stdout.flush()
    os._exit(0)


def _require_web_stack() -> None:
    """Fail at once, as an import would, when the sandbox extra is missing: the ready line is
    printed before the web stack imports, and must not promise a server that cannot start."""
    for name in ("fastapi", "uvicorn", "chdb"):
        if importlib.util.find_spec(name) is None:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


def _serve_args(argv: list[str] | None) -> list[str]:
    args = list(sys.argv[1:] if argv is None else argv)
    return args[1:] if args[:1] == ["serve"] else args


def bind_loopback(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((LOOPBACK, port))
    sock.listen(128)
    sock.set_inheritable(False)
    return sock


async def _serve(
    sock: socket.socket, args: argparse.Namespace, tokens: list[str], world: World
) -> None:
    import uvicorn

    from tui.sandbox.app import create_asgi

    config = uvicorn.Config(
        create_asgi(world), log_level="warning", access_log=False, lifespan="off", loop="asyncio"
    )
    server = uvicorn.Server(config)
    # uvicorn's handlers would stop gracefully, then die of the signal, skipping any cleanup
    # (the chDB folder would stay in /tmp). The app's child keeps ours (_leave_with_parent);
    # a sandbox served by hand stops gracefully on ctrl+c or SIGTERM and ends normally.
    stop = contextlib.nullcontext if args.exit_with_stdin else partial(_stop_on_signals, server)
    server.capture_signals = stop  # type: ignore[method-assign,assignment]
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started and not task.done():  # noqa: ASYNC110 - uvicorn offers no event
        await asyncio.sleep(0.005)
    if server.started and not args.ready_json:
        port = sock.getsockname()[1]
        base_url = f"http://{LOOPBACK}:{port}/v1"
        names = [c.workspace["name"] for c in world.catalogs.values()]
        print(f"Cargo API sandbox listening on {base_url}  (seed {args.seed}, {args.scale})")
        for token, name in zip(tokens, names, strict=True):
            print(f"  {name}: token {token}")
        print(f"  admin (POST /_sandbox/faults): token {world.admin_token}")
        print("Use it with: cargo-tui --base-url URL --token TOKEN   (ctrl+c stops it)", flush=True)
    await task


@contextlib.contextmanager
def _stop_on_signals(server: Any) -> Iterator[None]:
    """While ``server`` serves: ctrl+c, SIGTERM and SIGHUP stop it gracefully (a second ctrl+c
    at once), and the process then ends normally, its exit handlers run."""
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    before = {number: signal.signal(number, server.handle_exit) for number in signals}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _leave_with_parent() -> None:
    """The app's child: leave at once when the app closes our stdin (to stop us, or dying) or
    the kernel signals its death. Nothing is drained (the app was our only client, and a query
    in flight would hold a graceful stop for as long as it runs): the scratch folder is removed
    and the process ends."""

    leaving = threading.Lock()

    def leave(*_: object) -> None:
        if not leaving.acquire(blocking=False):
            return  # already leaving (stdin closed and the kernel's signal both came)
        scratch = os.environ.get(SCRATCH_ENV)
        # chDB may still be writing there (a stop while the history loads): a removal it
        # raced fails part-way, so remove until nothing is left, then end at once.
        tries = 100
        while scratch and os.path.exists(scratch) and tries:
            shutil.rmtree(scratch, ignore_errors=True)
            tries -= 1
        os._exit(0)

    def watch() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        leave()

    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(number, leave)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _die_with_parent() -> None:
    """Ask the kernel to SIGTERM us when the process that started us dies (Linux only)."""
    expected = os.environ.get(PARENT_ENV)
    if not expected or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    except OSError:
        return
    if str(os.getppid()) != expected:  # the parent died before we could ask
        raise SystemExit(0)
