"""Errors as the API answers them: ApiError (status, code, message) and what a failed inference maps to."""
from __future__ import annotations

from fastapi.responses import JSONResponse

from .codec import ImageError
from .inference_queue import Cancelled, ShuttingDown


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers=None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_response(status: int, code: str, message: str, headers=None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def inference_error(exc: BaseException, request_id: str) -> ApiError:
    """The ApiError for what an inference raised; anything unexpected is raised again (the server logs it)."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, Cancelled):
        return ApiError(409, "cancelled", f"request {request_id} was cancelled")
    if isinstance(exc, ShuttingDown):
        return ApiError(503, "shutting_down", "the server is shutting down; the request was not run")
    if isinstance(exc, ImageError):
        return ApiError(exc.status, exc.code, str(exc))
    if isinstance(exc, ValueError):
        return ApiError(422, "bad_request", str(exc))
    if isinstance(exc, MemoryError):
        return ApiError(503, "out_of_memory", "the server ran out of memory; try a smaller view")
    raise exc
