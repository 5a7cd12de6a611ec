"""The API token: from ``--token``, ``CARGO_API_TOKEN``, or the credentials file (mode 0600).

The file is JSON: ``{"version": 1, "token": "...", "base_url": "...", "workspace_uuid": ...}``.
A file readable by others still works, with a warning that says how to fix it.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from tui.api.defaults import DEFAULT_BASE_URL
from tui.api.secret import Secret
from tui.state.paths import config_dir

TOKEN_ENV = "CARGO_API_TOKEN"
BASE_URL_ENV = "CARGO_API_BASE_URL"


def credentials_path() -> Path:
    return config_dir() / "credentials.json"


@dataclass
class Credentials:
    token: Secret
    base_url: str = DEFAULT_BASE_URL
    workspace_uuid: str | None = None
    #: Where the token came from: "argument", "environment" or "file".
    source: str = "argument"
    warnings: list[str] = field(default_factory=list)


def resolve(
    token: str | None = None, base_url: str | None = None, workspace_uuid: str | None = None
) -> Credentials | None:
    """The credentials to use, by precedence: argument, environment, file; None if none."""
    url = base_url or os.environ.get(BASE_URL_ENV)
    if token:
        return Credentials(Secret(token), url or DEFAULT_BASE_URL, workspace_uuid, "argument")
    if env_token := os.environ.get(TOKEN_ENV):
        return Credentials(
            Secret(env_token), url or DEFAULT_BASE_URL, workspace_uuid, "environment"
        )
    stored = load()
    if stored is None:
        return None
    if url:
        stored.base_url = url
    if workspace_uuid:
        stored.workspace_uuid = workspace_uuid
    return stored


def load(path: Path | None = None) -> Credentials | None:
    path = path or credentials_path()
    try:
        raw = path.read_text(encoding="utf-8")
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CredentialsError(
            f"Cannot read {path}: {exc.strerror}. Check its permissions."
        ) from None
    try:
        data = json.loads(raw)
        token = data["token"]
        if not isinstance(token, str) or not token:
            raise KeyError("token")
    except (ValueError, KeyError, TypeError):
        raise CredentialsError(
            f"{path} is not a valid credentials file; sign in again to rewrite it."
        ) from None
    warnings = []
    if mode & 0o077:
        warnings.append(f"{path} is readable by other users (mode {mode:o}); run: chmod 600 {path}")
    return Credentials(
        Secret(token),
        str(data.get("base_url") or DEFAULT_BASE_URL),
        data.get("workspace_uuid"),
        "file",
        warnings,
    )


def save(credentials: Credentials, path: Path | None = None) -> Path:
    """Write the credentials file with mode 0600, atomically."""
    path = path or credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    body = {
        "version": 1,
        "token": credentials.token.reveal(),
        "base_url": credentials.base_url,
        "workspace_uuid": credentials.workspace_uuid,
    }
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(body, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


class CredentialsError(Exception):
    """The credentials file exists but cannot be used; the message says what to do."""
