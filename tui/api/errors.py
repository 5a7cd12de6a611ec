"""Every failure the client can raise, each with a one-line message a person can act on.

The token is never part of a message: errors carry the endpoint, the status and the server's
own words, nothing from the request headers.
"""

from __future__ import annotations


class CargoError(Exception):
    """Base of every error the Cargo client raises."""

    #: What the user can do about it, appended to the message.
    hint = ""

    def __init__(
        self,
        message: str,
        *,
        endpoint: str = "",
        status: int | None = None,
        reason: str | None = None,
        detail: str = "",
    ) -> None:
        self.message = message
        self.endpoint = endpoint
        self.status = status
        self.reason = reason
        #: The full text (server body, exception chain) for an error dialog's details.
        self.detail = detail
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.endpoint}: " if self.endpoint else ""
        said = self.message.rstrip()
        if self.hint and not said.endswith((".", "!", "?")):
            said += "."
        hint = f" {self.hint}" if self.hint else ""
        return f"{where}{said}{hint}"


class AuthorizationError(CargoError):
    """401: the token is missing, expired, or lacks the workspace (as the official client
    reads it: only a 401 is an authorization error)."""

    hint = "Sign in again with a valid API token."


class RateLimitedError(CargoError):
    """429: too many requests; ``retry_after`` is the server's wait in seconds, when given."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: object) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kw)  # type: ignore[arg-type]

    @property
    def hint(self) -> str:  # type: ignore[override]
        if self.retry_after is not None:
            return f"Try again in {self.retry_after:g} s."
        return "Wait a moment and try again."


class RequestError(CargoError):
    """Any other 4xx: the request was refused; ``reason`` is the server's camelCase reason."""


class ForbiddenError(RequestError):
    """403: the token is valid but may not do this (the official client reads a 403 as a
    request error, not as a sign-in problem)."""

    hint = (
        "This token may not do that: ask a workspace admin for the permission, "
        "or use a token that has it."
    )


class ExpiredLinkError(RequestError):
    """403 on a signed download URL: the link expired or was altered; the token is not at fault."""

    hint = "Export again: that asks Cargo for a new link."


class ServerError(CargoError):
    """5xx: Cargo failed; retrying later may help."""

    hint = "Cargo had a problem; try again in a moment."


class NetworkError(CargoError):
    """No answer at all: connection refused or reset, DNS failure."""

    hint = "Check the network or the base URL, then retry."


class TimedOutError(CargoError):
    """No answer within the client's timeout."""

    hint = "The server is slow; retry, or narrow the request."


class ResponseError(CargoError):
    """The answer was not JSON, or lacked a field the client needs."""

    hint = "The API answered something unexpected; retry, or report it."


class ReadOnlyError(CargoError):
    """A write was attempted on a read-only client."""

    hint = "Start cargo-tui with --allow-writes to change anything in the workspace."
