"""Asynchronous jobs: queued at once under an id, then polled (state, progress), answered once, cancelled, swept.

A client keeps every request short (a proxy's or QGIS's network timeout never meets a long CPU inference): it
submits, polls, and takes the result with the poll that finds it done; the job is then forgotten. A job nobody
polls for ``abandon_s`` is cancelled (its client is gone), one running past ``timeout_s`` fails, and a final
answer nobody fetches is dropped after ``keep_s``.
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional

from .errors import ApiError, inference_error
from .inference_queue import QUERY, InferenceQueue

log = logging.getLogger("rrsis_qgis.server")

FINAL = ("done", "failed", "cancelled")
MAX_KEPT = 64  # final answers waiting for their poll; beyond this the oldest are dropped


@dataclass
class JobRecord:
    job_id: str
    kind: str
    state: str = "queued"
    stage: str = "waiting for the model"
    fraction: float = 0.0  # of the work done at the start of the current stage
    created: float = field(default_factory=time.monotonic)
    seen: float = field(default_factory=time.monotonic)  # last submit or poll
    started: float = 0.0
    finished: float = 0.0
    result: object = None
    error: Optional[ApiError] = None
    ended: asyncio.Event = field(default_factory=asyncio.Event)  # set when the job is final (a waiting poll returns)


class JobBoard:
    def __init__(self, queue: InferenceQueue, timeout_s: float, abandon_s: float = 30.0, keep_s: float = 120.0):
        self.queue, self.timeout_s, self.abandon_s, self.keep_s = queue, timeout_s, abandon_s, keep_s
        self.jobs: Dict[str, JobRecord] = {}
        self._tasks: set = set()

    def submit(self, kind: str, job_id: str, work: Callable, priority: int = QUERY, group: str = "") -> JobRecord:
        """Queue ``work(say)`` (``say(stage, fraction)`` reports progress); raises Refused like the queue does."""
        queued = self.queue.admit(job_id, priority, group)
        self.jobs.pop(job_id, None)  # a final answer under the same id that was never fetched
        record = self.jobs[job_id] = JobRecord(job_id, kind)

        def run():
            if record.state == "queued":  # not if it was cancelled just as its turn came
                record.state, record.started = "running", time.monotonic()
            return work(lambda stage, fraction: _say(record, stage, fraction))

        task = asyncio.ensure_future(self._settle(record, self.queue.run(queued, run)))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return record

    async def poll(self, job_id: str, wait_s: float = 0.0) -> Optional[JobRecord]:
        """The job once it is final or after ``wait_s``; a final one is handed out here and forgotten."""
        record = self.jobs.get(job_id)
        if record is not None and wait_s > 0 and record.state not in FINAL:
            try:
                await asyncio.wait_for(record.ended.wait(), wait_s)
            except asyncio.TimeoutError:
                pass
        if self.jobs.get(job_id) is record and record is not None:
            record.seen = time.monotonic()
            if record.state in FINAL:
                del self.jobs[job_id]
        return record

    def cancel(self, job_id: str, error: Optional[ApiError] = None) -> Optional[JobRecord]:
        """Stop a job (a running inference finishes on its own; its result is dropped); None when unknown."""
        record = self.jobs.get(job_id)
        if record is not None and record.state not in FINAL:
            self.queue.cancel(job_id)
            _finish(record, "cancelled" if error is None else "failed",
                    error=error or ApiError(409, "cancelled", f"job {job_id} was cancelled"))
        return record

    def progress(self, record: JobRecord) -> float:
        if record.state == "done":
            return 1.0
        if record.state != "running":
            return record.fraction
        expected = max(self.queue.mean_run_s, 1e-3)
        return round(record.fraction + (0.95 - record.fraction) * min(1.0, (time.monotonic() - record.started)
                                                                      / expected), 3)

    def sweep(self) -> None:
        now = time.monotonic()
        for record in list(self.jobs.values()):
            if record.state in FINAL:
                if now - record.finished > self.keep_s:
                    del self.jobs[record.job_id]
            elif now - record.created > self.timeout_s:
                self.cancel(record.job_id, ApiError(504, "timeout", f"the job took longer than {self.timeout_s:g} s"))
            elif now - record.seen > self.abandon_s:
                log.info("%s nobody asked for it for %g s: cancelled", record.job_id, self.abandon_s)
                self.cancel(record.job_id)
        kept = sorted((r for r in self.jobs.values() if r.state in FINAL), key=lambda r: r.finished)
        for record in kept[:max(0, len(kept) - MAX_KEPT)]:
            del self.jobs[record.job_id]

    async def sweep_forever(self, every_s: float = 1.0) -> None:
        while True:
            await asyncio.sleep(every_s)
            self.sweep()

    async def _settle(self, record: JobRecord, running) -> None:
        try:
            result = await running
        except BaseException as exc:  # noqa: BLE001 — the job's answer, not the server's problem
            if record.state in FINAL:
                return
            try:
                error = inference_error(exc, record.job_id)
            except BaseException:  # noqa: BLE001 — unexpected: logged, answered as the sync routes answer it
                log.exception("%s unexpected error", record.job_id)
                oom = "out of memory" in str(exc)
                error = ApiError(503 if oom else 500, "internal",
                                 "out of memory on the device" if oom else "internal error (see the server log)")
            _finish(record, "cancelled" if error.code == "cancelled" else "failed", error=error)
            return
        if record.state not in FINAL:  # a cancelled job's late result is dropped
            _finish(record, "done", result=result)


def _say(record: JobRecord, stage: str, fraction: float) -> None:
    record.stage, record.fraction = stage, fraction


def _finish(record: JobRecord, state: str, result=None, error: Optional[ApiError] = None) -> None:
    record.state, record.result, record.error, record.finished = state, result, error, time.monotonic()
    record.stage = state
    record.ended.set()
