"""One inference at a time per device: a single worker thread; queued requests can be cancelled."""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable


class Cancelled(Exception):
    """The request was cancelled before it ran (client gone or DELETE /v1/requests/{id})."""


@dataclass
class _Job:
    request_id: str
    cancelled: bool = False
    started: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class InferenceQueue:
    def __init__(self):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inference")
        self._jobs: dict = {}

    @property
    def depth(self) -> int:
        return len(self._jobs)

    def has(self, request_id: str) -> bool:
        return request_id in self._jobs

    async def run(self, request_id: str, fn: Callable):
        job = _Job(request_id)
        self._jobs[request_id] = job
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, self._run_job, job, fn)
        finally:
            self._jobs.pop(request_id, None)

    def cancel(self, request_id: str) -> str:
        """'cancelled' (it will not run), 'running' (it cannot be stopped; its result is dropped) or 'unknown'."""
        job = self._jobs.get(request_id)
        if job is None:
            return "unknown"
        with job.lock:
            job.cancelled = True
            return "running" if job.started else "cancelled"

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _run_job(job: _Job, fn: Callable):
        with job.lock:
            if job.cancelled:
                raise Cancelled(job.request_id)
            job.started = True
        result = fn()
        if job.cancelled:
            raise Cancelled(job.request_id)
        return result
