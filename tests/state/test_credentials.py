"""Where the token comes from, and how it is kept on disk."""

from __future__ import annotations

import os
import stat

import pytest

from tui.api import Secret
from tui.state import credentials


def test_argument_beats_environment_beats_file(monkeypatch: pytest.MonkeyPatch) -> None:
    credentials.save(credentials.Credentials(Secret("from-file"), "https://file.test/v1"))
    assert credentials.resolve().token.reveal() == "from-file"  # type: ignore[union-attr]
    monkeypatch.setenv("CARGO_API_TOKEN", "from-env")
    found = credentials.resolve()
    assert (
        found is not None and found.token.reveal() == "from-env" and found.source == "environment"
    )
    found = credentials.resolve("from-arg")
    assert found is not None and found.token.reveal() == "from-arg" and found.source == "argument"


def test_nothing_anywhere_is_none() -> None:
    assert credentials.resolve() is None


def test_file_is_written_0600_and_a_wider_mode_warns() -> None:
    path = credentials.save(credentials.Credentials(Secret("t0k3n")))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert credentials.load() is not None and credentials.load().warnings == []  # type: ignore[union-attr]
    os.chmod(path, 0o644)
    loaded = credentials.load()
    assert loaded is not None
    assert loaded.warnings and "chmod 600" in loaded.warnings[0]


def test_a_broken_file_says_to_sign_in_again() -> None:
    path = credentials.credentials_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(credentials.CredentialsError, match="sign in again"):
        credentials.load()


def test_the_token_never_shows_in_a_repr() -> None:
    found = credentials.Credentials(Secret("super-secret-value"))
    assert "super-secret-value" not in repr(found)
    assert "super-secret-value" not in str(found.token)
