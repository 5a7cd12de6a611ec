"""The app's pictures (the snapshots, ``screenshots/``, Textual's screenshot key) look in every
SVG viewer as they do in the terminal."""

from __future__ import annotations

from xml.etree import ElementTree

from tests.app.drill import open_play
from tests.support import app_on
from tui.sandbox.threaded import ThreadedSandbox


async def test_pictures_keep_their_spaces(sandbox: ThreadedSandbox) -> None:
    """A screenshot's rows are runs of text each starting where its cell does: the SVG says
    its spaces are kept, or a viewer like librsvg drops them ("unhealthy498")."""
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot)
        svg = ElementTree.fromstring(app.export_screenshot())  # noqa: S314 - the app's own
        assert svg.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
        texts = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]
        assert any(t.startswith("\N{NO-BREAK SPACE}") for t in texts), "runs begin with spaces"
