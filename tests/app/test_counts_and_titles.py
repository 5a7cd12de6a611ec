"""Counts agree with their nouns ("1 play", never "1 plays"); titles say a thing once."""

from __future__ import annotations

from tests.support import app_on, on_top, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery.screen import DiscoveryScreen
from tui.session.discovery import Kind


async def test_counts_agree_with_their_nouns_and_titles_say_it_once(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        discovery = await on_top(pilot, DiscoveryScreen, "Enrich new companies")
        found = discovery.found
        assert found is not None
        apollo = next(e for e in found.entries(Kind.CONNECTOR) if e.name == "Apollo.io")
        assert discovery.select(apollo.uuid)
        await on_top(pilot, DiscoveryScreen, "Apollo.io (connector)")
        assert "used by     1 play · 1 tool" in screen_text(app)

        play = next(e for e in found.entries(Kind.PLAY) if e.name == "Enrich new companies")
        assert play.workflow_uuid and discovery.select(play.workflow_uuid)
        await settle(pilot)
        text = screen_text(app)
        assert "Enrich new companies (workflow)" in text
        assert "(workflow) (workflow)" not in text
