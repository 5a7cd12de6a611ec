"""Constants cheap enough to import before the first paint."""

DEFAULT_BASE_URL = "https://api.getcargo.io/v1"
