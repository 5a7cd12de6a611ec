"""Follow mode: the workspace's failures as they happen, and the watches that ring."""
