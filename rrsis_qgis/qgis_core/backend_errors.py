"""BackendError: why the backend could not answer, in words for the user and as a code for the code."""
from __future__ import annotations


class BackendError(Exception):
    """The backend could not answer; ``message`` is for the user, ``code`` for the code."""

    def __init__(self, message: str, code: str = "backend", status: int = 0):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status
