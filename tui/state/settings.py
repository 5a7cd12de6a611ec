"""Settings: ``settings.toml`` in the config dir, overridable by ``CARGO_TUI_*`` variables.

Validated strictly: an unknown key is an error with the closest known key suggested, a wrong
type names the key and what it takes. A broken file never stops the app: it starts with the
defaults and says what to fix.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from tui.state.settings_given import settings_path

#: Written next to the settings file's path in messages, so the user knows what to edit.
EXAMPLE = """# cargo-tui settings (every key is optional)
theme = "textual-dark"
refresh_seconds = 5
history_limit = 5000
follow_seconds = 10
notifications = "off"   # or "auto", "osc9", "osc777": a desktop notification with the bell

[keymap]        # binding id = keys, e.g. remap copy-uuid to ctrl+y
# copy-uuid = "ctrl+y"
"""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CARGO_TUI_", extra="forbid")
    _toml: ClassVar[Path | None] = None

    theme: str = "textual-dark"
    #: Binding id -> keys (see ``?`` in the app for the ids).
    keymap: dict[str, str] = Field(default_factory=dict)
    #: How often running batches refresh while visible, in seconds.
    refresh_seconds: float = Field(5.0, ge=1, le=300)
    #: Queries kept in the history of each workspace.
    history_limit: int = Field(5000, ge=10, le=1_000_000)
    #: How often follow mode asks for new failures, in seconds (longer after a 429).
    follow_seconds: float = Field(10.0, ge=1, le=600)
    #: With the bell, a desktop notification: off, auto (by the terminal), osc9 or osc777.
    notifications: Literal["off", "auto", "osc9", "osc777"] = "off"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls._toml is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=cls._toml))
        return tuple(sources)


@dataclass
class Loaded:
    settings: Settings
    problems: list[str] = field(default_factory=list)


def load(path: Path | None = None) -> Loaded:
    """The settings, or the defaults plus what is wrong: never raises."""
    path = path or settings_path()
    if path.exists():
        try:
            with path.open("rb") as fh:
                tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            return Loaded(Settings(), [f"{path}: not valid TOML ({exc}); using the defaults."])
        except OSError as exc:
            return Loaded(
                Settings(), [f"{path}: cannot be read ({exc.strerror}); using the defaults."]
            )
    Settings._toml = path if path.exists() else None
    try:
        return Loaded(Settings())
    except ValidationError as exc:
        problems = [_explain(error, path) for error in exc.errors()]
        Settings._toml = None
        try:
            return Loaded(Settings(), problems)
        except ValidationError as env_exc:  # a bad CARGO_TUI_* variable
            return Loaded(
                Settings.model_construct(), problems + [_explain(e, path) for e in env_exc.errors()]
            )
    finally:
        Settings._toml = None


def _explain(error: Any, path: Path) -> str:
    where = ".".join(str(p) for p in error.get("loc", ())) or "(file)"
    if error.get("type") == "extra_forbidden":
        known = list(Settings.model_fields)
        close = difflib.get_close_matches(where.split(".")[0], known, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return f"{path}: unknown setting {where!r}; {hint}known: {', '.join(known)}."
    return f"{path}: {where}: {error.get('msg', 'invalid').lower()} (got {error.get('input')!r})."
