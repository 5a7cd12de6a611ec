"""Fixtures for export tests: real filesystems that refuse writes, and tidy-folder checks.

Tests run as root in CI, where permission bits do not stop a write. A read-only or a tiny
tmpfs is a real mechanism that stops root too, so the fault tests mount one when they can
(root with CAP_SYS_ADMIN), and fall back to permission bits when not root.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount_tmpfs(where: Path, options: str) -> bool:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@contextlib.contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount_tmpfs(where, options):
        pytest.skip("needs root and mount(2) to make a tmpfs (a filesystem that refuses root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a 64 KiB tmpfs: any real export fills it (ENOSPC)."""
    with tmpfs(tmp_path / "full", "size=64k") as folder:
        yield folder


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder no one may write in: a read-only tmpfs as root, else permission bits."""
    folder = tmp_path / "read-only"
    if os.geteuid() != 0:
        folder.mkdir()
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    with tmpfs(folder, "ro,size=64k") as mounted:
        yield mounted


def leftovers(folder: Path) -> list[str]:
    """Everything in ``folder``: a failed export must leave no temporary behind."""
    return sorted(p.name for p in folder.iterdir())
