"""Downloads: files written to a temporary folder and served by signed, expiring URLs.

A URL is ``/v1/_files/{file_id}?expires=<unix seconds>&signature=<hmac>``, signed with a
secret drawn when the sandbox starts; it needs no auth header, and after 15 minutes, or if
any part was changed, it answers 403. The folder is removed when the process exits.
"""

from __future__ import annotations

import atexit
import csv
import hashlib
import hmac
import io
import json
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui.sandbox.errors import ApiError

EXPIRES_IN = 15 * 60
FILES_PATH = "/_files"


class FileStore:
    def __init__(self, base_url: str = "", expires_in: int = EXPIRES_IN) -> None:
        self.base_url = base_url
        self.expires_in = expires_in
        self._secret = secrets.token_bytes(32)
        self._folder: Path | None = None

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="cargo-sandbox-files-"))
            atexit.register(shutil.rmtree, self._folder, True)
        return self._folder

    def _signature(self, file_id: str, expires: int) -> str:
        message = f"{file_id}:{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def write(self, name: str, rows: Iterable[dict[str, Any]], fmt: str = "csv") -> str:
        """Write rows as CSV or JSON; the file's id."""
        file_id = f"{secrets.token_hex(8)}-{name}.{fmt}"
        path = self.folder / file_id
        if fmt == "json":
            path.write_text(json.dumps(list(rows), separators=(",", ":")), encoding="utf-8")
            return file_id
        buffer = io.StringIO()
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            flat = {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in row.items()}
            if writer is None:
                writer = csv.DictWriter(buffer, fieldnames=list(flat))
                writer.writeheader()
            writer.writerow(flat)
        path.write_text(buffer.getvalue(), encoding="utf-8")
        return file_id

    def url(self, base_url: str, file_id: str, now: float | None = None) -> str:
        expires = int((now if now is not None else time.time()) + self.expires_in)
        signature = self._signature(file_id, expires)
        return f"{base_url}{FILES_PATH}/{file_id}?expires={expires}&signature={signature}"

    def open(self, file_id: str, expires: str | None, signature: str | None) -> Path:
        """The file behind a signed URL, or a 403 saying why not."""
        if not expires or not signature or not expires.isdigit():
            raise ApiError(403, "This download link is not signed", "invalidSignature")
        good = self._signature(file_id, int(expires))
        if not hmac.compare_digest(good, signature):
            raise ApiError(403, "This download link was altered", "invalidSignature")
        if int(expires) < time.time():
            raise ApiError(403, "This download link has expired; ask for a new one", "expired")
        path = self.folder / file_id
        if "/" in file_id or not path.is_file():
            raise ApiError(404, "This file no longer exists", "fileNotFound")
        return path
