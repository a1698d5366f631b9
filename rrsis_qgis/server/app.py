"""FastAPI app: /v1 routes, bearer-token and body-size guard, JSON errors, the inference queue."""
from __future__ import annotations

import asyncio
import json
import logging
import uuid
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from .auth import token_matches
from .codec import ImageError, decode_image
from .inference_queue import Cancelled, InferenceQueue
from .schemas import CancelResult, ErrorResponse, Health, Models, SegmentRequest, SegmentResponse
from .service import Service

log = logging.getLogger("rrsis_qgis.server")

ERRORS = {code: {"model": ErrorResponse} for code in (401, 404, 409, 413, 415, 422, 500, 503, 504)}


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = 64 << 20
    max_image_side: int = 4096
    request_timeout_s: float = 300.0


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str, headers=None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def create_app(service: Service, token: str, limits: Limits = Limits()) -> "GuardMiddleware":
    """The ASGI app to serve: the FastAPI app (``.api``) behind the token and body-size guard."""
    app = FastAPI(title="rrsis_qgis backend", version=service.health(0).version,
                  openapi_url="/v1/openapi.json", docs_url=None, redoc_url=None)
    queue = InferenceQueue()
    app.state.queue = queue
    _install_error_handlers(app)

    @app.get("/v1/health", response_model=Health, responses=ERRORS)
    async def health() -> Health:
        return service.health(queue.depth)

    @app.get("/v1/models", response_model=Models, responses=ERRORS)
    async def models() -> Models:
        return await asyncio.to_thread(service.models)

    @app.post("/v1/segment", response_model=SegmentResponse, responses=ERRORS)
    async def segment(req: SegmentRequest, request: Request) -> SegmentResponse:
        request_id = req.request_id or uuid.uuid4().hex[:16]
        if queue.has(request_id):
            raise ApiError(409, "duplicate_request_id", f"request id {request_id} is already queued or running")
        try:
            image, valid = await asyncio.to_thread(decode_image, req.image, limits.max_image_side)
        except ImageError as exc:
            raise ApiError(exc.status, exc.code, str(exc)) from None
        log.info("%s segment %dx%d %r", request_id, image.shape[1], image.shape[0], req.phrase[:80])
        work = asyncio.ensure_future(queue.run(request_id, lambda: service.segment(req, image, valid, request_id)))
        watcher = asyncio.ensure_future(_cancel_on_disconnect(request, queue, request_id))
        try:
            done, _ = await asyncio.wait({work}, timeout=limits.request_timeout_s)
            if not done:
                queue.cancel(request_id)
                raise ApiError(504, "timeout", f"the request took longer than {limits.request_timeout_s:.0f} s")
            response = work.result()
        except Cancelled:
            raise ApiError(409, "cancelled", f"request {request_id} was cancelled") from None
        except ValueError as exc:
            raise ApiError(422, "bad_request", str(exc)) from None
        except MemoryError:
            raise ApiError(503, "out_of_memory", "the server ran out of memory; try a smaller view") from None
        finally:
            watcher.cancel()
        log.info("%s done %s", request_id, json.dumps(response.timings_ms))
        return response

    @app.delete("/v1/requests/{request_id}", response_model=CancelResult, responses=ERRORS)
    async def cancel(request_id: str) -> CancelResult:
        state = queue.cancel(request_id)
        if state == "unknown":
            raise ApiError(404, "unknown_request", f"no queued or running request {request_id}")
        return CancelResult(request_id=request_id, state=state)

    app.router.on_shutdown.append(queue.shutdown)
    return GuardMiddleware(app, token, limits.max_body_bytes)


async def _cancel_on_disconnect(request: Request, queue: InferenceQueue, request_id: str) -> None:
    while not await request.is_disconnected():
        await asyncio.sleep(0.25)
    if queue.cancel(request_id) != "unknown":
        log.info("%s client went away: cancelled", request_id)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(HTTPException)
    async def _http(_request, exc: HTTPException):
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):  # e.g. not UTF-8
            return error_response(422, "invalid_request", "the request body is not valid UTF-8 JSON")
        return error_response(exc.status_code, f"http_{exc.status_code}", str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation(_request, exc: RequestValidationError):
        parts = [f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg')}"
                 for e in exc.errors()[:5]]
        return error_response(422, "invalid_request", "; ".join(parts))

    @app.exception_handler(Exception)
    async def _unexpected(_request, exc: Exception):
        log.exception("unexpected error")
        message = "out of memory on the device" if "out of memory" in str(exc) else "internal error (see the server log)"
        return error_response(503 if "out of memory" in str(exc) else 500, "internal", message)


class GuardMiddleware:
    """ASGI wrapper: every request needs the bearer token; bodies over the limit get 413 before parsing."""

    def __init__(self, app, token: str, max_body_bytes: int):
        self.app, self.token, self.max_body = app, token, max_body_bytes
        self.api = app  # the FastAPI app: its OpenAPI schema, its state

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        if not token_matches(headers.get(b"authorization", b"").decode("latin-1"), self.token):
            return await error_response(401, "unauthorized", "missing or wrong bearer token",
                                        {"WWW-Authenticate": "Bearer"})(scope, receive, send)
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit():
            return await error_response(400, "bad_request", "invalid Content-Length")(scope, receive, send)
        if int(declared) > self.max_body:
            return await self._too_large(scope, receive, send)
        body, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return await self._too_large(scope, receive, send)
            body.append(chunk)
            if not message.get("more_body"):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope, receive, send):
        limit_mb = self.max_body / (1 << 20)
        await error_response(413, "body_too_large", f"request body over {limit_mb:g} MB")(scope, receive, send)
