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

from ..engine.weights import ManifestError
from .auth import token_matches
from .codec import ImageError, body_bytes_for, decode_image
from .errors import ApiError, error_response, inference_error
from .inference_queue import IDLE, QUERY, Cancelled, InferenceQueue, Refused, ShuttingDown
from .job_routes import add_job_routes
from .jobs import JobBoard
from .schemas import (CancelResult, EncodeRequest, EncodeResponse, ErrorResponse, Health, Models, SegmentRequest,
                      SegmentResponse)
from .service import Service, check_prompts_inside

log = logging.getLogger("rrsis_qgis.server")

ERRORS = {code: {"model": ErrorResponse} for code in (401, 404, 408, 409, 413, 415, 422, 429, 500, 503, 504)}


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = body_bytes_for(4096)  # a view as large as max_image_side allows
    max_image_side: int = 4096
    request_timeout_s: float = 300.0
    max_queue: int = 8  # requests waiting or running; more get 429 with Retry-After
    max_inflight_bytes: int = 256 << 20  # request bodies held at once (received, queued, running)
    body_timeout_s: float = 15.0  # longest wait for the next piece of a request body
    job_abandon_s: float = 30.0  # a job nobody polls for this long is cancelled (its client is gone)
    job_keep_s: float = 120.0  # a finished job's answer waits this long for its poll


def create_app(service: Service, token: str, limits: Limits = Limits()) -> "GuardMiddleware":
    """The ASGI app to serve: the FastAPI app (``.api``) behind the token and body-size guard."""
    app = FastAPI(title="rrsis_qgis backend", version=service.health(0).version,
                  openapi_url="/v1/openapi.json", docs_url=None, redoc_url=None)
    queue = InferenceQueue(limits.max_queue)
    app.state.queue = queue
    board = JobBoard(queue, limits.request_timeout_s, limits.job_abandon_s, limits.job_keep_s)
    _install_error_handlers(app)

    async def _run_queued(request: Request, request_id: str, work, priority: int = QUERY, group: str = ""):
        """Admit (bounded, unique id), run on the inference thread in priority order, map failures to JSON."""
        try:
            job = queue.admit(request_id, priority, group)  # before any await: a duplicate id cannot slip in
        except Refused as exc:
            headers = {"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s else None
            raise ApiError(exc.status, exc.code, str(exc), headers) from None
        task = asyncio.ensure_future(queue.run(job, work))
        watcher = asyncio.ensure_future(_cancel_on_disconnect(request, queue, request_id))
        try:
            done, _ = await asyncio.wait({task}, timeout=limits.request_timeout_s)
            if not done:
                queue.cancel(request_id)
                raise ApiError(504, "timeout", f"the request took longer than {limits.request_timeout_s:g} s")
            return task.result()
        except (Cancelled, ShuttingDown, ImageError, ValueError, MemoryError) as exc:
            raise inference_error(exc, request_id) from None
        finally:
            watcher.cancel()

    @app.get("/v1/health", response_model=Health, responses=ERRORS)
    async def health() -> Health:
        return service.health(queue.depth)

    @app.get("/v1/models", response_model=Models, responses=ERRORS)
    async def models() -> Models:
        try:
            return await asyncio.to_thread(service.models)
        except ManifestError as exc:  # the server's configuration, not the request: say what to fix
            raise ApiError(503, "manifest_invalid", str(exc)) from None

    def segment_work(req: SegmentRequest, request_id: str, say=lambda _stage, _fraction: None) -> SegmentResponse:
        """On the inference thread: only the running request holds a decoded image."""
        say("reading the image", 0.02)
        image, valid = decode_image(req.image, limits.max_image_side)
        log.info("%s segment %dx%d %r", request_id, image.shape[1], image.shape[0], req.phrase[:80])
        check_prompts_inside(req, image.shape[1], image.shape[0])
        say("running the model", 0.05)
        response = service.segment(req, image, valid, request_id)
        log.info("%s done %s", request_id, json.dumps(response.timings_ms))
        return response

    def encode_work(req: EncodeRequest, request_id: str, say=lambda _stage, _fraction: None) -> EncodeResponse:
        say("reading the image", 0.02)
        image, _valid = decode_image(req.image, limits.max_image_side)
        say("encoding the view", 0.05)
        return service.encode(image, request_id)

    @app.post("/v1/segment", response_model=SegmentResponse, responses=ERRORS)
    async def segment(req: SegmentRequest, request: Request) -> SegmentResponse:
        request_id = req.request_id or uuid.uuid4().hex[:16]
        return await _run_queued(request, request_id, lambda: segment_work(req, request_id))

    @app.post("/v1/encode", response_model=EncodeResponse, responses=ERRORS)
    async def encode(req: EncodeRequest, request: Request) -> EncodeResponse:
        """Low priority: every real query that arrives meanwhile runs first; a newer encode of the same
        session cancels this one while it waits. A later /v1/segment of the same image is a cache hit."""
        request_id = req.request_id or uuid.uuid4().hex[:16]
        return await _run_queued(request, request_id, lambda: encode_work(req, request_id), priority=IDLE,
                                 group=req.session)

    add_job_routes(app, board, segment_work, encode_work, ERRORS)

    @app.delete("/v1/requests/{request_id}", response_model=CancelResult, responses=ERRORS)
    async def cancel(request_id: str) -> CancelResult:
        state = queue.cancel(request_id)
        if state == "unknown":
            raise ApiError(404, "unknown_request", f"no queued or running request {request_id}")
        return CancelResult(request_id=request_id, state=state)

    sweeper: list = []
    app.router.on_startup.append(lambda: sweeper.append(asyncio.ensure_future(board.sweep_forever())))
    app.router.on_shutdown.append(lambda: [task.cancel() for task in sweeper])
    app.router.on_shutdown.append(queue.shutdown)
    return GuardMiddleware(app, token, limits)


async def _cancel_on_disconnect(request: Request, queue: InferenceQueue, request_id: str) -> None:
    while not await request.is_disconnected():
        await asyncio.sleep(0.25)
    if queue.cancel(request_id) != "unknown":
        log.info("%s client went away: cancelled", request_id)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(HTTPException)
    async def _http(_request, exc: HTTPException):
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):  # e.g. not UTF-8
            return error_response(422, "invalid_request", "the request body could not be read: send UTF-8 JSON "
                                  "with Content-Type: application/json")
        return error_response(exc.status_code, f"http_{exc.status_code}", str(exc.detail), exc.headers)

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
    """ASGI wrapper: the bearer token on every request, bodies bounded in size, time and in total."""

    def __init__(self, app, token: str, limits: Limits):
        self.app, self.token, self.limits = app, token, limits
        self.api = app  # the FastAPI app: its OpenAPI schema, its state
        self.inflight_bytes = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self.app(scope, receive, send)
        if scope["type"] != "http":  # websockets and anything else: this API has none
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            return
        headers = dict(scope.get("headers") or [])
        if not token_matches(headers.get(b"authorization", b"").decode("latin-1"), self.token):
            return await error_response(401, "unauthorized", "missing or wrong bearer token",
                                        {"WWW-Authenticate": "Bearer"})(scope, receive, send)
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit():
            return await error_response(400, "bad_request", "invalid Content-Length")(scope, receive, send)
        held = int(declared)
        if held > self.limits.max_body_bytes:
            return await self._too_large(held)(scope, receive, send)
        if held and self.inflight_bytes + held > self.limits.max_inflight_bytes:
            queue = self.api.state.queue
            return await error_response(429, "busy", "the server holds too many large requests; try again shortly",
                                        {"Retry-After": str(queue.retry_after_s())})(scope, receive, send)
        self.inflight_bytes += held
        try:
            body = await self._read_body(receive)
            if isinstance(body, JSONResponse):
                return await body(scope, receive, send)
            if body is None:
                return
            replayed = False

            async def replay():
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send)
        finally:
            self.inflight_bytes -= held

    async def _read_body(self, receive):
        """The whole body; None if the client left; an error response if too large or too slow."""
        chunks, size = [], 0
        while True:
            try:
                message = await asyncio.wait_for(receive(), self.limits.body_timeout_s)
            except asyncio.TimeoutError:
                return error_response(408, "body_timeout", f"no request data for {self.limits.body_timeout_s:g} s",
                                      {"Connection": "close"})
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limits.max_body_bytes:
                return self._too_large()
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    def _too_large(self, size=None) -> JSONResponse:
        """413, saying what to change: the view's size on the client, or the server's limit."""
        mib = 1 << 20
        got = f"of {size / mib:.1f} MB " if size else ""
        fix = f"--max-body-mb {-(-size // mib)} or more" if size else "a larger --max-body-mb"
        return error_response(413, "body_too_large", (
            f"request body {got}over this server's limit of {self.limits.max_body_bytes / mib:g} MB: send a "
            f"smaller view (in QGIS: a lower 'Longest side' in the plugin's settings) or start the server with {fix}"))
