"""What can go wrong in an export, each with a message that says what to do next.

Whatever the error, the engine has already removed its temporary file and left the
destination as it was; the messages can say "nothing was written" and mean it.
"""

from __future__ import annotations


class ExportError(Exception):
    """An export failed; the message names what failed and what to do next."""


class DestinationProblem(ExportError):
    """The destination cannot be written (missing folder, a folder, exists, no permission...)."""


class SourceFailed(ExportError):
    """The rows stopped coming (the API dropped, a downloaded file is malformed)."""


class WriteFailed(ExportError):
    """Writing the file failed (disk full, read-only filesystem, I/O error)."""


class ExportCancelled(ExportError):
    """The export was cancelled by the user (sync path; the async path raises CancelledError)."""
