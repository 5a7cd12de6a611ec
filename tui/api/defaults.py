"""Constants cheap enough to import before the first paint."""

DEFAULT_BASE_URL = "https://api.getcargo.io/v1"
API_VERSION_PATH = "/v1"
#: What opening a client asks (``CargoClient.whoami``): who the user is, and the workspace.
USER_PATH = "/userManagement/users/current"
WORKSPACE_PATH = "/workspaceManagement/workspaces/current"


def api_base_url(url: str) -> str:
    """The base every path is relative to, from either form a user may paste: the API root
    (``https://api.getcargo.io``, which the official client takes and appends ``/v1`` to)
    or the versioned base (``https://api.getcargo.io/v1``)."""
    base = url.strip().rstrip("/")
    return base if base.endswith(API_VERSION_PATH) else base + API_VERSION_PATH
