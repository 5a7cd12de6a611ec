"""Settings, credentials, history and caches on disk (no Textual here)."""
