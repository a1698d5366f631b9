"""The /v1/jobs routes: submit a segment or encode job (202 at once), poll it, cancel it."""
from __future__ import annotations

import time
import uuid

from fastapi import FastAPI, Query

from .errors import ApiError
from .inference_queue import IDLE, Refused
from .jobs import JobBoard, JobRecord
from .schemas import EncodeRequest, JobError, JobStatus, SegmentRequest

MAX_WAIT_S = 5.0  # a poll may wait this long for the end: short next to any proxy's or QGIS's timeout


def add_job_routes(app: FastAPI, board: JobBoard, segment_work, encode_work, errors: dict) -> None:
    """``segment_work(req, job_id, say)`` / ``encode_work(req, job_id, say)`` run on the inference thread."""

    def submit(kind: str, job_id: str, work, **queueing) -> JobStatus:
        try:
            return status(board, board.submit(kind, job_id, work, **queueing))
        except Refused as exc:
            headers = {"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s else None
            raise ApiError(exc.status, exc.code, str(exc), headers) from None

    @app.post("/v1/jobs/segment", status_code=202, response_model=JobStatus, responses=errors)
    async def submit_segment(req: SegmentRequest) -> JobStatus:
        """Queue a /v1/segment request; poll GET /v1/jobs/{job_id} for its progress and, once, its result."""
        job_id = req.request_id or uuid.uuid4().hex[:16]
        return submit("segment", job_id, lambda say: segment_work(req, job_id, say))

    @app.post("/v1/jobs/encode", status_code=202, response_model=JobStatus, responses=errors)
    async def submit_encode(req: EncodeRequest) -> JobStatus:
        """Queue a /v1/encode request (low priority; a newer encode of the same session cancels it while waiting)."""
        job_id = req.request_id or uuid.uuid4().hex[:16]
        return submit("encode", job_id, lambda say: encode_work(req, job_id, say), priority=IDLE, group=req.session)

    @app.get("/v1/jobs/{job_id}", response_model=JobStatus, responses=errors)
    async def poll(job_id: str, wait: float = Query(0.0, ge=0.0, le=MAX_WAIT_S,
                                                    description="seconds to wait for the job to end")) -> JobStatus:
        """State and progress; when final, the result (or error) — given once, then the job is forgotten."""
        return status(board, _known(await board.poll(job_id, wait), job_id))

    @app.delete("/v1/jobs/{job_id}", response_model=JobStatus, responses=errors)
    async def cancel(job_id: str) -> JobStatus:
        """Cancel a waiting or running job (a running inference is not interrupted; its result is dropped)."""
        record = _known(board.cancel(job_id), job_id)
        await board.poll(job_id)  # the client knows now: nothing is left to fetch
        return status(board, record)


def status(board: JobBoard, record: JobRecord) -> JobStatus:
    error = record.error
    return JobStatus(job_id=record.job_id, kind=record.kind, state=record.state, stage=record.stage,
                     progress=board.progress(record), queue_position=board.queue.waiting_ahead(record.job_id),
                     elapsed_s=round((record.finished or time.monotonic()) - record.created, 3), result=record.result,
                     error=JobError(code=error.code, message=error.message, status=error.status) if error is not None else None)


def _known(record, job_id: str) -> JobRecord:
    if record is None:
        raise ApiError(404, "unknown_job", f"no job {job_id} (never submitted, already fetched, or expired)")
    return record

