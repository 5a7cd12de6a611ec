"""Discovery: every resource of the workspace at a glance, and the way into its workflows."""

from tui.screens.discovery.screen import DiscoveryScreen

__all__ = ["DiscoveryScreen"]
