"""Errors as the Cargo API answers them: ``{"errorMessage": ..., "reason": ...}``."""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.reason = reason
        self.extra: dict[str, object] = {}
        self.headers: dict[str, str] = {}

    def body(self) -> dict[str, object]:
        body: dict[str, object] = {"errorMessage": self.message}
        if self.reason:
            body["reason"] = self.reason
        return body | self.extra


def not_found(what: str, uuid: str) -> ApiError:
    return ApiError(404, f"{what.capitalize()} {uuid} was not found", f"{what}NotFound")
