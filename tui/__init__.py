"""cargo-tui: a keyboard-first terminal explorer for a Cargo workspace."""

__version__ = "0.1.0"
