"""One inference at a time per device: a single worker thread, a bounded priority queue, cancellable jobs."""
from __future__ import annotations

import asyncio
import heapq
import itertools
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


QUERY, IDLE = 0, 1  # priorities: a real query runs before any idle-time encode that is still waiting


@dataclass
class Job:
    request_id: str
    priority: int = QUERY
    group: str = ""  # idle encodes of one client: a newer one cancels the older ones still waiting
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
        self._heap: list = []  # (priority, arrival, job, fn, future, loop): the worker takes the smallest
        self._heap_lock = threading.Lock()
        self._arrival = itertools.count()
        self._closing = False
        self._mean_run_s = 5.0  # a guess until the first job has run; only used for Retry-After

    @property
    def depth(self) -> int:
        return len(self._jobs)

    def admit(self, request_id: str, priority: int = QUERY, group: str = "") -> Job:
        """Register a job or raise Refused (duplicate id 409, queue full 429, shutting down 503)."""
        if self._closing:
            raise Refused(503, "shutting_down", "the server is shutting down")
        if request_id in self._jobs:
            raise Refused(409, "duplicate_request_id", f"request id {request_id} is already queued or running")
        if len(self._jobs) >= self.max_depth:
            raise Refused(429, "queue_full", f"{len(self._jobs)} requests are already waiting; try again shortly",
                          self.retry_after_s())
        if priority == IDLE:  # this view replaces the client's older idle encodes that have not started
            for other in list(self._jobs.values()):
                if other.priority == IDLE and other.group == group:
                    self.cancel(other.request_id)
        job = self._jobs[request_id] = Job(request_id, priority, group)
        return job

    @property
    def mean_run_s(self) -> float:
        """Recent run time of one job (a moving average; a guess before the first)."""
        return self._mean_run_s

    def retry_after_s(self) -> int:
        return max(1, math.ceil(self._mean_run_s * max(1, len(self._jobs))))

    async def run(self, job: Job, fn: Callable):
        """Run ``fn`` on the inference thread when it is ``job``'s turn; the job leaves the queue either way."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        with self._heap_lock:
            heapq.heappush(self._heap, (job.priority, next(self._arrival), job, fn, future, loop))
        self._executor.submit(self._run_next)
        try:
            return await future
        finally:
            if not future.done():  # the awaiting request itself was cancelled: do not run it for nobody
                job.cancelled = True
            if self._jobs.get(job.request_id) is job:
                del self._jobs[job.request_id]

    def waiting_ahead(self, request_id: str) -> int:
        """How many waiting jobs run before this one (0 when it runs next, or runs, or is unknown)."""
        with self._heap_lock:
            mine = next((e[:2] for e in self._heap if e[2].request_id == request_id), None)
            return 0 if mine is None else sum(1 for e in self._heap if e[:2] < mine and not e[2].cancelled)

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

    def _run_next(self) -> None:
        """One executor slot per queued job; each runs whichever waiting job has the best priority."""
        with self._heap_lock:
            _priority, _n, job, fn, future, loop = heapq.heappop(self._heap)
        try:
            result = self._run_job(job, fn)
        except BaseException as exc:  # noqa: BLE001 — handed to the awaiting request
            loop.call_soon_threadsafe(_settle, future, None, exc)
        else:
            loop.call_soon_threadsafe(_settle, future, result, None)

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


def _settle(future: asyncio.Future, result, exc) -> None:
    if future.done():
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(result)
