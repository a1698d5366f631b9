"""One inference at a time per device: a single worker thread; a bounded queue whose jobs can be cancelled."""
from __future__ import annotations

import asyncio
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable


class Cancelled(Exception):
    """The request was cancelled before it ran (client gone or DELETE /v1/requests/{id})."""


class ShuttingDown(Exception):
    """The server is stopping: the request was not run."""


class Refused(Exception):
    """The request was not admitted; ``status``/``code`` say why, ``retry_after_s`` when to try again."""

    def __init__(self, status: int, code: str, message: str, retry_after_s: int = 0):
        super().__init__(message)
        self.status, self.code, self.retry_after_s = status, code, retry_after_s


@dataclass
class Job:
    request_id: str
    cancelled: bool = False
    shutdown: bool = False
    started: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class InferenceQueue:
    """Admission is synchronous (one event loop, no await between check and register): ids are unique."""

    def __init__(self, max_depth: int = 8):
        self.max_depth = max_depth
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inference")
        self._jobs: dict = {}
        self._closing = False
        self._mean_run_s = 5.0  # a guess until the first job has run; only used for Retry-After

    @property
    def depth(self) -> int:
        return len(self._jobs)

    def admit(self, request_id: str) -> Job:
        """Register a job or raise Refused (duplicate id 409, queue full 429, shutting down 503)."""
        if self._closing:
            raise Refused(503, "shutting_down", "the server is shutting down")
        if request_id in self._jobs:
            raise Refused(409, "duplicate_request_id", f"request id {request_id} is already queued or running")
        if len(self._jobs) >= self.max_depth:
            raise Refused(429, "queue_full", f"{len(self._jobs)} requests are already waiting; try again shortly",
                          self.retry_after_s())
        job = self._jobs[request_id] = Job(request_id)
        return job

    def retry_after_s(self) -> int:
        return max(1, math.ceil(self._mean_run_s * max(1, len(self._jobs))))

    async def run(self, job: Job, fn: Callable):
        """Run ``fn`` on the inference thread when it is ``job``'s turn; the job leaves the queue either way."""
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, self._run_job, job, fn)
        finally:
            if self._jobs.get(job.request_id) is job:
                del self._jobs[job.request_id]

    def release(self, job: Job) -> None:
        """Forget an admitted job that will not be run."""
        if self._jobs.get(job.request_id) is job:
            del self._jobs[job.request_id]

    def cancel(self, request_id: str) -> str:
        """'cancelled' (it will not run), 'running' (it cannot be stopped; its result is dropped) or 'unknown'."""
        job = self._jobs.get(request_id)
        if job is None:
            return "unknown"
        with job.lock:
            job.cancelled = True
            return "running" if job.started else "cancelled"

    def close(self) -> None:
        """Stop admitting; waiting jobs end with ShuttingDown (the running one finishes)."""
        self._closing = True
        for job in list(self._jobs.values()):
            with job.lock:
                job.shutdown = True

    def shutdown(self) -> None:
        self.close()
        self._executor.shutdown(wait=False, cancel_futures=False)

    def _run_job(self, job: Job, fn: Callable):
        with job.lock:
            if job.shutdown:
                raise ShuttingDown(job.request_id)
            if job.cancelled:
                raise Cancelled(job.request_id)
            job.started = True
        t0 = time.perf_counter()
        try:
            result = fn()
        finally:
            self._mean_run_s = 0.7 * self._mean_run_s + 0.3 * (time.perf_counter() - t0)
        if job.cancelled:
            raise Cancelled(job.request_id)
        return result
