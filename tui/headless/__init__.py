"""The headless commands of ``cargo-tui``: no Textual, output for scripts and pipes."""
