"""``python -m tui.sandbox serve ...``: what ``cargo-tui sandbox serve`` and ``--demo`` run."""

from tui.sandbox.server import main

raise SystemExit(main())
